package org.jameslua.server.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.jameslua.server.JamesLuaServer;
import org.jameslua.server.testing.DnsBlocklistStub;
import org.jameslua.server.testing.JamesLuaServerExtension;
import org.jameslua.server.testing.LuaScripts;
import org.jameslua.server.testing.MailFlow;
import org.jameslua.server.testing.PackMetrics;
import org.jameslua.server.testing.RawSmtpClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A session's connect work, banner and first message line are done on James's I/O thread when no script code can
 * run there, on a worker otherwise; either way the client sees the same thing. Each case connects more than once:
 * the first connection after a script changed compiles it on a worker, the later ones may take the I/O thread.
 *
 * <p>The RBL lists ({@code rbl.servers}) are asked for every client but 127.0.0.1 ({@code rbl.whitelist}); a stub
 * lists 127.0.0.2.
 */
class SmtpConnectWorkTest {
    private static final String HOST = "127.0.0.1";
    private static final String LISTED_CLIENT = "127.0.0.2";
    private static final String USER = "user@example.local";
    private static final int CONNECTIONS = 3;

    static final DnsBlocklistStub DNS = new DnsBlocklistStub().list(LISTED_CLIENT, "listed.test", "127.0.0.2");

    @RegisterExtension
    static JamesLuaServerExtension james =
            new JamesLuaServerExtension(builder -> builder.authorizedAddresses("192.0.2.0/24")
                    .packSetting("dns.servers", DNS.address())
                    .packSetting("rbl.servers", "listed.test")
                    .packSetting("rbl.whitelist", HOST)
                    .user(USER, JamesLuaServer.DEFAULT_PASSWORD));

    private static LuaScripts scripts;

    @BeforeAll
    static void scriptsFolder(JamesLuaServer server) {
        scripts = new LuaScripts(server.scriptsFolder());
    }

    @AfterAll
    static void putBack() throws IOException {
        scripts.putBack();
        DNS.close();
    }

    @Test
    void aStraightLineScriptsStartStillGivesTheBanner(JamesLuaServer server) throws IOException {
        scripts.install("""
            local greeting = "220 scripted banner"
            function Start() return greeting end
            """);

        for (int i = 0; i < CONNECTIONS; i++) {
            try (RawSmtpClient smtp = RawSmtpClient.connect(HOST, server.smtpPort())) {
                assertThat(smtp.readReply().lines()).containsExactly("220 scripted banner");
            }
        }
    }

    @Test
    void aStraightLineScriptsGetMaxMessageSizeStillSetsTheLimitAtConnect(JamesLuaServer server) throws IOException {
        scripts.install("""
            function GetMaxMessageSize(host, current)
              if host == "127.0.0.1" then return 50 end
              return current
            end
            """);

        for (int i = 0; i < CONNECTIONS; i++) {
            try (RawSmtpClient smtp = RawSmtpClient.connect(HOST, server.smtpPort())) {
                assertThat(smtp.readReply().code()).isEqualTo(220);
                assertThat(smtp.command("EHLO client.example").lines()).contains("250 SIZE 50");
            }
        }
    }

    @Test
    void theRblListsOfTheSettingsAreStillAskedForAScriptWithoutStart(JamesLuaServer server) throws IOException {
        scripts.install("""
            function DoHELP(text) return "" end
            """);

        for (int i = 0; i < CONNECTIONS; i++) {
            try (RawSmtpClient listed = RawSmtpClient.connectFrom(LISTED_CLIENT, HOST, server.smtpPort())) {
                assertThat(listed.readReply().code()).isEqualTo(220);
                assertThat(listed.command("EHLO client.example").code()).isEqualTo(250);
                assertThat(listed.command("MAIL FROM:<alice@client.example>").code())
                        .isEqualTo(250);
                assertThat(listed.command("RCPT TO:<" + USER + ">").lines())
                        .containsExactly("550 5.7.1 Rejected: 127.0.0.2 is listed by a DNS blocklist");
            }
            try (RawSmtpClient whitelisted = RawSmtpClient.connect(HOST, server.smtpPort())) {
                assertThat(whitelisted.readReply().code()).isEqualTo(220);
                assertThat(whitelisted.command("EHLO client.example").code()).isEqualTo(250);
                assertThat(whitelisted
                                .command("MAIL FROM:<alice@client.example>")
                                .code())
                        .isEqualTo(250);
                assertThat(whitelisted.command("RCPT TO:<" + USER + ">").code()).isEqualTo(250);
            }
        }
    }

    @Test
    void theLineAfterARefusedDataIsStillACommand(JamesLuaServer server) throws IOException {
        scripts.install("""
            function DoDATAStart(recipients) return "554 5.7.1 No data today" end
            """);

        for (int i = 0; i < CONNECTIONS; i++) {
            try (RawSmtpClient smtp = RawSmtpClient.connect(HOST, server.smtpPort())) {
                assertThat(smtp.readReply().code()).isEqualTo(220);
                assertThat(smtp.command("EHLO client.example").code()).isEqualTo(250);
                // refused by James: no recipient yet
                assertThat(smtp.command("DATA").code()).isEqualTo(503);
                assertThat(smtp.command("NOOP").code()).isEqualTo(250);
                assertThat(smtp.command("MAIL FROM:<alice@client.example>").code())
                        .isEqualTo(250);
                assertThat(smtp.command("RCPT TO:<" + USER + ">").code()).isEqualTo(250);
                // refused by the script
                assertThat(smtp.command("DATA").lines()).containsExactly("554 5.7.1 No data today");
                assertThat(smtp.command("RSET").code()).isEqualTo(250);
                assertThat(smtp.command("QUIT").code()).isEqualTo(221);
            }
        }
    }

    @Test
    void aMessageEndsOnJamesIoThreadWhenTheScriptDefinesNoProcessMessage(JamesLuaServer server) throws Exception {
        scripts.install("""
            function DoHELP(text) return "" end
            """);
        MailFlow mail = new MailFlow(server);
        // the first connection after an edit compiles the script, on a worker
        mail.send("alice@client.example", List.of(USER), "Subject: compiles\n\nbody\n");
        long handOffs = PackMetrics.count("luapack.smtp.handoffs");

        mail.send("alice@client.example", List.of(USER), "Subject: no hand-off\n\nbody\n");

        // as stock James: no callback ran, so nothing of the session went to a worker, its end of data included
        assertThat(PackMetrics.count("luapack.smtp.handoffs")).isEqualTo(handOffs);
        mail.awaitDeliveries("no hand-off"::equals, Map.of(USER, 1));
    }

    @Test
    void messagesOfAStraightLineScriptArriveIntactAndOnce(JamesLuaServer server) throws Exception {
        scripts.install("""
            local seen = "X-Seen: yes"
            function ProcessMessage(from, subject, recipients, actions) return actions, "" end
            """);
        MailFlow mail = new MailFlow(server);

        for (int i = 1; i <= CONNECTIONS; i++) {
            try (RawSmtpClient smtp = RawSmtpClient.connect(HOST, server.smtpPort())) {
                assertThat(smtp.readReply().code()).isEqualTo(220);
                assertThat(smtp.command("EHLO client.example").code()).isEqualTo(250);
                assertThat(smtp.command("MAIL FROM:<alice@client.example>").code())
                        .isEqualTo(250);
                assertThat(smtp.command("RCPT TO:<" + USER + ">").code()).isEqualTo(250);
                assertThat(smtp.command("DATA").code()).isEqualTo(354);
                // a first line that is also a command's verb is the message's
                assertThat(smtp.sendMessage("Subject: intact " + i + "\nX-First: line\n\nQUIT\n.leading dot\nend\n")
                                .code())
                        .isEqualTo(250);
                assertThat(smtp.command("QUIT").code()).isEqualTo(221);
            }
        }
        var delivered = mail.awaitDeliveries(subject -> subject.startsWith("intact "), Map.of(USER, CONNECTIONS));
        assertThat(delivered.get(USER)).allSatisfy(message -> {
            assertThat(message.getHeader("X-First", null)).isEqualTo("line");
            assertThat(message.getContent().toString().replace("\r\n", "\n")).isEqualTo("QUIT\n.leading dot\nend\n");
        });
        assertThat(delivered.get(USER))
                .extracting(message -> message.getSubject())
                .containsExactlyInAnyOrder("intact 1", "intact 2", "intact 3");
    }
}
