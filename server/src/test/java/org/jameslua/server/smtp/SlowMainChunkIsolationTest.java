package org.jameslua.server.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
 * A script whose main chunk waits (a DNS lookup the test holds unanswered) is run on a worker, never on James's
 * I/O thread: eight connections, more than James has I/O threads, all reach the lookup, and while they wait, mail
 * comes in on new connections under the next, straight-line version of the script, whose connect work may run on
 * the I/O thread. Released, the eight are greeted and their mail is delivered too.
 */
class SlowMainChunkIsolationTest {
    private static final String HOST = "127.0.0.1";
    private static final int WAITING = 8;
    private static final int ORDINARY_MAILS = 5;
    private static final String ORDINARY = "ordinary@example.local";
    private static final String HELD = "held@example.local";

    private static final String WAITING_MAIN_CHUNK = """
        VPOP3Net.GetDNSRecords("main-chunk.held.test", 1)
        function DoHELO(host, refuse, ehlo) return false, "" end
        """;
    private static final String STRAIGHT_LINE = """
        local greeting = "hello"
        function DoHELO(host, refuse, ehlo) return false, "" end
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
    void aMainChunkThatWaitsDelaysNoOtherSessionsBanner(JamesLuaServer server) throws Exception {
        LuaScripts scripts = new LuaScripts(server.scriptsFolder());
        scripts.install(WAITING_MAIN_CHUNK);
        MailFlow mail = new MailFlow(server);
        List<RawSmtpClient> waiting = new ArrayList<>();
        try {
            for (int i = 0; i < WAITING; i++) {
                waiting.add(
                        RawSmtpClient.connect(HOST, server.smtpPort(), Duration.ofSeconds(10), Duration.ofMinutes(5)));
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> DNS.waiting() == WAITING);

            scripts.install(STRAIGHT_LINE);
            for (int i = 1; i <= ORDINARY_MAILS; i++) {
                mail.send("sender@client.example", List.of(ORDINARY), "Subject: ordinary " + i + "\n\nbody\n");
            }
            mail.awaitDeliveries(subject -> subject.startsWith("ordinary "), Map.of(ORDINARY, ORDINARY_MAILS));
            // the eight are still in their main chunks
            assertThat(DNS.waiting()).isEqualTo(WAITING);

            DNS.release();
            for (RawSmtpClient smtp : waiting) {
                assertThat(smtp.readReply().code()).isEqualTo(220);
                assertThat(smtp.command("EHLO client.example").code()).isEqualTo(250);
                assertThat(smtp.command("MAIL FROM:<sender@client.example>").code())
                        .isEqualTo(250);
                assertThat(smtp.command("RCPT TO:<" + HELD + ">").code()).isEqualTo(250);
                assertThat(smtp.command("DATA").code()).isEqualTo(354);
                assertThat(smtp.sendMessage("Subject: held\n\nbody\n").code()).isEqualTo(250);
                assertThat(smtp.command("QUIT").code()).isEqualTo(221);
            }
        } finally {
            for (RawSmtpClient smtp : waiting) {
                smtp.close();
            }
            scripts.putBack();
        }
        mail.awaitDeliveries("held"::equals, Map.of(HELD, WAITING));
    }
}
