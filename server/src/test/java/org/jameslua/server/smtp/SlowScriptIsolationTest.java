package org.jameslua.server.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jameslua.server.JamesLuaServer;
import org.jameslua.server.testing.HeldDnsServer;
import org.jameslua.server.testing.JamesLuaServerExtension;
import org.jameslua.server.testing.LuaScripts;
import org.jameslua.server.testing.MailFlow;
import org.jameslua.server.testing.RawSmtpClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A waiting script delays no other session: 8 sessions wait in DoHELO and 4 in DoMAILFROM, each on a DNS lookup
 * that the test holds unanswered, while 30 ordinary mails come in on new connections. Every one of the 30 is
 * accepted and delivered before the test lets the lookups answer; then the 12 sessions go on and their mail is
 * delivered too.
 */
class SlowScriptIsolationTest {
    private static final String HOST = "127.0.0.1";
    private static final int WAITING_IN_HELO = 8;
    private static final int WAITING_IN_MAIL = 4;
    private static final int ORDINARY_MAILS = 30;
    private static final String ORDINARY = "ordinary@example.local";
    private static final String HELD = "held@example.local";

    static final String WAITING_SCRIPT = """
        local function lookup(name) return VPOP3Net.GetDNSRecords(name, 1) end
        function DoHELO(host, refuse, ehlo)
          if host:sub(1, 5) == "held-" then lookup(host .. ".held.test") end
          return false, ""
        end
        function DoMAILFROM(data, from, params)
          if from:sub(1, 5) == "slow-" then lookup("slow.held.test") end
          return ""
        end
        """;

    private static final HeldDnsServer DNS = new HeldDnsServer();

    @RegisterExtension
    static JamesLuaServerExtension james =
            new JamesLuaServerExtension(builder -> builder.packSetting("dns.servers", DNS.address())
                    // the test, not a bound, decides when the lookups end
                    .packSetting("dns.timeout.ms", "600000")
                    .packSetting("limit.time.ms", "600000")
                    .user(ORDINARY, JamesLuaServer.DEFAULT_PASSWORD)
                    .user(HELD, JamesLuaServer.DEFAULT_PASSWORD));

    @AfterAll
    static void stopDns() {
        DNS.close();
    }

    @Test
    void ordinaryMailIsAcceptedAndDeliveredWhileTwelveSessionsWaitInTheirScripts(JamesLuaServer server)
            throws Exception {
        new LuaScripts(server.scriptsFolder()).install(WAITING_SCRIPT);
        MailFlow mail = new MailFlow(server);
        List<RawSmtpClient> inHelo = new ArrayList<>();
        List<RawSmtpClient> inMail = new ArrayList<>();
        try {
            for (int i = 0; i < WAITING_IN_HELO; i++) {
                RawSmtpClient smtp = connect(server);
                assertThat(smtp.readReply().code()).isEqualTo(220);
                smtp.sendLine("EHLO held-" + i);
                inHelo.add(smtp);
            }
            for (int i = 0; i < WAITING_IN_MAIL; i++) {
                RawSmtpClient smtp = connect(server);
                assertThat(smtp.readReply().code()).isEqualTo(220);
                assertThat(smtp.command("EHLO client.example").code()).isEqualTo(250);
                smtp.sendLine("MAIL FROM:<slow-" + i + "@client.example>");
                inMail.add(smtp);
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> DNS.waiting() == WAITING_IN_HELO + WAITING_IN_MAIL);

            for (int i = 1; i <= ORDINARY_MAILS; i++) {
                mail.send("sender@client.example", List.of(ORDINARY), "Subject: ordinary " + i + "\n\nbody\n");
            }
            mail.awaitDeliveries(subject -> subject.startsWith("ordinary "), Map.of(ORDINARY, ORDINARY_MAILS));
            // the 12 are still inside their callbacks: nothing has answered their lookups yet
            assertThat(DNS.waiting()).isEqualTo(WAITING_IN_HELO + WAITING_IN_MAIL);

            DNS.release();
            for (RawSmtpClient smtp : inHelo) {
                assertThat(smtp.readReply().code()).isEqualTo(250);
                assertThat(smtp.command("MAIL FROM:<sender@client.example>").code())
                        .isEqualTo(250);
                sendHeldMail(smtp);
            }
            for (RawSmtpClient smtp : inMail) {
                assertThat(smtp.readReply().code()).isEqualTo(250);
                sendHeldMail(smtp);
            }
        } finally {
            for (RawSmtpClient smtp : inHelo) {
                smtp.close();
            }
            for (RawSmtpClient smtp : inMail) {
                smtp.close();
            }
        }
        mail.awaitDeliveries("held"::equals, Map.of(HELD, WAITING_IN_HELO + WAITING_IN_MAIL));
    }

    private static RawSmtpClient connect(JamesLuaServer server) throws IOException {
        // a held session's reply comes only when the test releases the DNS server
        return RawSmtpClient.connect(HOST, server.smtpPort(), Duration.ofSeconds(10), Duration.ofMinutes(5));
    }

    private static void sendHeldMail(RawSmtpClient smtp) throws IOException {
        assertThat(smtp.command("RCPT TO:<" + HELD + ">").code()).isEqualTo(250);
        assertThat(smtp.command("DATA").code()).isEqualTo(354);
        assertThat(smtp.sendMessage("Subject: held\n\nbody\n").code()).isEqualTo(250);
        assertThat(smtp.command("QUIT").code()).isEqualTo(221);
    }
}
