package org.jameslua.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.Properties;
import javax.mail.MessagingException;
import javax.mail.Session;
import javax.mail.internet.MimeMessage;
import javax.mail.internet.MimeUtility;
import org.apache.james.utils.DataProbeImpl;
import org.jameslua.server.testing.ImapMailboxReader;
import org.jameslua.server.testing.JamesLuaServerExtension;
import org.jameslua.server.testing.RawSmtpClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ServerBootTest {

    private static final String HOST = "127.0.0.1";
    private static final String USER = "user@example.local";
    private static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(10);

    @RegisterExtension
    static JamesLuaServerExtension james = new JamesLuaServerExtension();

    @Test
    void bootsFromTheBundledTemplateOnFreePorts(JamesLuaServer server) throws Exception {
        assertThat(server.smtpPorts()).hasSize(1).allMatch(port -> port > 0 && port != JamesLuaServerMain.SMTP_PORT);
        assertThat(server.imapPort()).isPositive().isNotEqualTo(JamesLuaServerMain.IMAP_PORT);
        assertThat(server.webAdminPort()).isPositive().isNotEqualTo(JamesLuaServerMain.WEBADMIN_PORT);
        assertThat(server.workingDirectory().resolve("conf/smtpserver.xml"))
                .content()
                .contains("<bind>127.0.0.1:0</bind>")
                .doesNotContain("${");
        assertThat(server.probe(DataProbeImpl.class).listUsers()).containsExactly(USER);
    }

    @Test
    void greetsAnswersEhloAndClosesOnQuit(JamesLuaServer server) throws IOException {
        try (RawSmtpClient smtp = RawSmtpClient.connect(HOST, server.smtpPort())) {
            assertThat(smtp.readReply().lines()).containsExactly("220 james-lua ESMTP ready");
            assertThat(smtp.command("EHLO client.example").lines())
                    .containsExactly(
                            "250-mail.example.local Hello client.example [127.0.0.1])",
                            "250-AUTH LOGIN PLAIN",
                            "250-AUTH=LOGIN PLAIN",
                            "250-PIPELINING",
                            "250-ENHANCEDSTATUSCODES",
                            "250 8BITMIME");
            assertThat(smtp.command("QUIT").lines())
                    .containsExactly("221 2.0.0 mail.example.local Service closing transmission channel");
            assertThat(smtp.isClosedByServer()).isTrue();
        }
    }

    @Test
    void deliversLocalMailToTheInbox(JamesLuaServer server) throws Exception {
        try (RawSmtpClient smtp = RawSmtpClient.connect(HOST, server.smtpPort())) {
            smtp.readReply();
            smtp.command("EHLO client.example");
            assertThat(smtp.command("MAIL FROM:<alice@client.example>").lines())
                    .containsExactly("250 2.1.0 Sender <alice@client.example> OK");
            assertThat(smtp.command("RCPT TO:<user@example.local>").lines())
                    .containsExactly("250 2.1.5 Recipient <user@example.local> OK");
            assertThat(smtp.command("DATA").lines()).containsExactly("354 Ok Send data ending with <CRLF>.<CRLF>");
            assertThat(smtp.sendMessage("""
                    From: alice@client.example
                    To: user@example.local
                    Subject: boot test

                    first line
                    .line that needed dot-stuffing
                    """).lines()).containsExactly("250 2.6.0 Message received");
        }

        MimeMessage delivered = parse(awaitFirstInboxMessage(server));
        assertThat(delivered.getSubject()).isEqualTo("boot test");
        assertThat(delivered.getHeader("From", null)).isEqualTo("alice@client.example");
        assertThat(delivered.getHeader("To", null)).isEqualTo("user@example.local");
        assertThat(MimeUtility.unfold(delivered.getHeader("Received", null)))
                .contains("(EHLO client.example) ([127.0.0.1])")
                .contains("by mail.example.local (JAMES SMTP Server ) with ESMTP ID")
                .contains("for <user@example.local>");
        assertThat(new String(delivered.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
                .isEqualTo("first line\r\n.line that needed dot-stuffing\r\n");
    }

    @Test
    void rejectsUnknownLocalRecipients(JamesLuaServer server) throws IOException {
        try (RawSmtpClient smtp = RawSmtpClient.connect(HOST, server.smtpPort())) {
            smtp.readReply();
            smtp.command("EHLO client.example");
            smtp.command("MAIL FROM:<alice@client.example>");
            assertThat(smtp.command("RCPT TO:<nobody@example.local>").lines())
                    .containsExactly("550 5.1.1 Unknown user: nobody@example.local");
        }
    }

    @Test
    void capturesRelayedMailInsteadOfSendingIt(JamesLuaServer server) throws Exception {
        // 127.0.0.0/8 is in authorizedAddresses, so loopback clients may relay; see RelayCheckTest for the denial
        try (RawSmtpClient smtp = RawSmtpClient.connect(HOST, server.smtpPort())) {
            smtp.readReply();
            smtp.command("EHLO client.example");
            smtp.command("MAIL FROM:<alice@client.example>");
            assertThat(smtp.command("RCPT TO:<bob@remote.example>").lines())
                    .containsExactly("250 2.1.5 Recipient <bob@remote.example> OK");
            smtp.command("DATA");
            assertThat(smtp.sendMessage("Subject: to the outside\n\nhello\n").code())
                    .isEqualTo(250);
        }

        await().atMost(DELIVERY_TIMEOUT)
                .untilAsserted(() -> assertThat(webAdmin(server, "/mailRepositories/var%2Fmail%2Foutbound")
                                .body())
                        .contains("\"size\":1"));
    }

    @Test
    void webAdminListsTheDomainAndRefusesOtherOrigins(JamesLuaServer server) throws Exception {
        HttpResponse<String> domains = webAdmin(server, "/domains");

        assertThat(domains.body()).isEqualTo("[\"example.local\"]");
        assertThat(domains.headers().firstValue("Access-Control-Allow-Origin"))
                .get()
                .isNotEqualTo("*");
    }

    private static String awaitFirstInboxMessage(JamesLuaServer server) {
        // a read that races the delivery may come back incomplete: read again
        return await().atMost(DELIVERY_TIMEOUT)
                .ignoreExceptionsInstanceOf(IOException.class)
                .until(
                        () -> {
                            try (ImapMailboxReader imap = ImapMailboxReader.login(
                                    HOST, server.imapPort(), USER, JamesLuaServer.DEFAULT_PASSWORD)) {
                                return imap.messageCount("INBOX") > 0 ? imap.readMessage("INBOX", 1) : null;
                            }
                        },
                        Objects::nonNull);
    }

    private static MimeMessage parse(String rawMessage) throws MessagingException {
        return new MimeMessage(
                Session.getDefaultInstance(new Properties()),
                new ByteArrayInputStream(rawMessage.getBytes(StandardCharsets.UTF_8)));
    }

    private static HttpResponse<String> webAdmin(JamesLuaServer server, String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + HOST + ":" + server.webAdminPort() + path))
                .timeout(Duration.ofSeconds(10))
                .build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }
}
