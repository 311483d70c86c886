package org.jameslua.server.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.mail.internet.MimeMessage;
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
 * With {@code smtp.workers=2} and one worker held by a waiting script, a session sending a message one line per
 * packet has its worker empty its queue again and again; a line arriving while that worker is still letting go
 * must wait for it, not be answered 421 as if the session were new. The message is accepted and delivered once.
 */
class SmtpWorkersStreamingDataTest {
    private static final String HOST = "127.0.0.1";
    private static final String USER = "streamed@example.local";
    // the reviewer's repro turned the session away within 36k-256k such lines
    private static final int LINES = 200_000;

    private static final HeldDnsServer DNS = new HeldDnsServer();

    @RegisterExtension
    static JamesLuaServerExtension james =
            new JamesLuaServerExtension(builder -> builder.packSetting("smtp.workers", "2")
                    .packSetting("dns.servers", DNS.address())
                    .packSetting("dns.timeout.ms", "600000")
                    .packSetting("limit.time.ms", "600000")
                    .user(USER, JamesLuaServer.DEFAULT_PASSWORD));

    @AfterAll
    static void stopDns() {
        DNS.close();
    }

    @Test
    void aMessageTrickledLineByLineWhileTheOtherWorkerIsHeldIsAcceptedAndDeliveredOnce(JamesLuaServer server)
            throws Exception {
        new LuaScripts(server.scriptsFolder()).install(SlowScriptIsolationTest.WAITING_SCRIPT);
        try (RawSmtpClient held = connect(server);
                RawSmtpClient streaming = connect(server)) {
            assertThat(held.readReply().code()).isEqualTo(220);
            held.sendLine("EHLO held-0");
            await().atMost(Duration.ofSeconds(30)).until(() -> DNS.waiting() == 1);

            streaming.sendingEachWriteAtOnce();
            assertThat(streaming.readReply().code()).isEqualTo(220);
            assertThat(streaming.command("EHLO client.example").code()).isEqualTo(250);
            assertThat(streaming.command("MAIL FROM:<sender@client.example>").code())
                    .isEqualTo(250);
            assertThat(streaming.command("RCPT TO:<" + USER + ">").code()).isEqualTo(250);
            assertThat(streaming.command("DATA").code()).isEqualTo(354);
            streaming.sendLine("Subject: streamed");
            streaming.sendLine("");
            for (int i = 0; i < LINES; i++) {
                streaming.sendLine("line " + i);
            }
            assertThat(streaming.command(".").code()).isEqualTo(250);
            assertThat(streaming.command("QUIT").code()).isEqualTo(221);

            DNS.release();
            assertThat(held.readReply().code()).isEqualTo(250);
            assertThat(held.command("QUIT").code()).isEqualTo(221);
        }
        MimeMessage delivered = new MailFlow(server).awaitSingle(USER, "streamed", Map.of(USER, 1));
        List<String> body = ((String) delivered.getContent()).lines().toList();
        assertThat(body).hasSize(LINES);
        assertThat(body.get(0)).isEqualTo("line 0");
        assertThat(body.get(LINES - 1)).isEqualTo("line " + (LINES - 1));
    }

    private static RawSmtpClient connect(JamesLuaServer server) throws IOException {
        return RawSmtpClient.connect(HOST, server.smtpPort(), Duration.ofSeconds(10), Duration.ofMinutes(5));
    }
}
