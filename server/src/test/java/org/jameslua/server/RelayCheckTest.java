package org.jameslua.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.jameslua.server.testing.JamesLuaServerExtension;
import org.jameslua.server.testing.RawSmtpClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every test client connects from 127.0.0.1, which the bundled template authorizes to relay. Authorizing only a
 * documentation network (RFC 5737) instead makes loopback an outsider, so James's relay checks become visible.
 * Because the template announces AUTH, James answers a relay attempt with 530 (authenticate first), not with the
 * 550 "relaying denied" it gives when AUTH is not offered.
 */
class RelayCheckTest {

    private static final String HOST = "127.0.0.1";

    @RegisterExtension
    static JamesLuaServerExtension james = new JamesLuaServerExtension(
            builder -> builder.authorizedAddresses("192.0.2.0/24").user("relay@example.local", "relay-secret"));

    @Test
    void asksAnUnauthorizedClientToAuthenticateBeforeRelayingButAcceptsLocalMail(JamesLuaServer server)
            throws IOException {
        try (RawSmtpClient smtp = RawSmtpClient.connect(HOST, server.smtpPort())) {
            smtp.readReply();
            smtp.command("EHLO client.example");
            assertThat(smtp.command("MAIL FROM:<alice@client.example>").lines())
                    .containsExactly("250 2.1.0 Sender <alice@client.example> OK");
            assertThat(smtp.command("RCPT TO:<bob@remote.example>").lines())
                    .containsExactly("530 5.7.1 Authentication Required");
            assertThat(smtp.command("RCPT TO:<user@example.local>").lines())
                    .containsExactly("250 2.1.5 Recipient <user@example.local> OK");
        }
    }

    @Test
    void relaysForAnAuthenticatedUser(JamesLuaServer server) throws IOException {
        String credentials = Base64.getEncoder()
                .encodeToString("\0relay@example.local\0relay-secret".getBytes(StandardCharsets.UTF_8));
        try (RawSmtpClient smtp = RawSmtpClient.connect(HOST, server.smtpPort())) {
            smtp.readReply();
            smtp.command("EHLO client.example");
            assertThat(smtp.command("AUTH PLAIN " + credentials).lines())
                    .containsExactly("235 Authentication Successful");
            smtp.command("MAIL FROM:<relay@example.local>");
            assertThat(smtp.command("RCPT TO:<bob@remote.example>").lines())
                    .containsExactly("250 2.1.5 Recipient <bob@remote.example> OK");
        }
    }
}
