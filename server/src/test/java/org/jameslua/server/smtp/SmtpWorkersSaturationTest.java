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
 * With every SMTP worker held by a waiting script ({@code smtp.workers=3}), a new connection is told
 * {@code 421 4.3.2} at once instead of waiting, while a session greeted before keeps its place: its next command is
 * answered once a worker frees. The held sessions finish once their lookups answer, their mail is delivered, and
 * the server takes new sessions again. The script's main chunk is straight-line and defines no connect callback, so
 * a connection's connect work and banner run on James's I/O thread: the turn-away holds for it all the same.
 */
class SmtpWorkersSaturationTest {
    private static final String HOST = "127.0.0.1";
    private static final int WORKERS = 3;
    private static final String HELD = "held@example.local";
    private static final String BUSY = "421 4.3.2 mail.example.local Too busy, please try again later";

    private static final HeldDnsServer DNS = new HeldDnsServer();

    @RegisterExtension
    static JamesLuaServerExtension james =
            new JamesLuaServerExtension(builder -> builder.packSetting("smtp.workers", String.valueOf(WORKERS))
                    .packSetting("dns.servers", DNS.address())
                    .packSetting("dns.timeout.ms", "600000")
                    .packSetting("limit.time.ms", "600000")
                    .user(HELD, JamesLuaServer.DEFAULT_PASSWORD));

    @AfterAll
    static void stopDns() {
        DNS.close();
    }

    @Test
    void aNewConnectionFindingNoFreeWorkerIsToldToComeBackLaterAndTheAdmittedOnesLoseNothing(JamesLuaServer server)
            throws Exception {
        new LuaScripts(server.scriptsFolder()).install(SlowScriptIsolationTest.WAITING_SCRIPT);
        List<RawSmtpClient> held = new ArrayList<>();
        RawSmtpClient idle = connect(server);
        // short-sighted: its unknown command must be answered while every worker is taken
        RawSmtpClient unknown =
                RawSmtpClient.connect(HOST, server.smtpPort(), Duration.ofSeconds(10), Duration.ofSeconds(20));
        try {
            // greeted before the workers are taken: its next command finds none free
            assertThat(idle.readReply().code()).isEqualTo(220);
            assertThat(unknown.readReply().code()).isEqualTo(220);
            for (int i = 0; i < WORKERS; i++) {
                RawSmtpClient smtp = connect(server);
                assertThat(smtp.readReply().code()).isEqualTo(220);
                smtp.sendLine("EHLO held-" + i);
                held.add(smtp);
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> DNS.waiting() == WORKERS);

            try (RawSmtpClient late = connect(server)) {
                assertThat(late.readReply().lines()).containsExactly(BUSY);
                assertThat(late.isClosedByServer()).isTrue();
            }
            // a verb James does not know can call DoUnrecognised only, which this script does not define: James
            // answers it on its I/O thread, as stock James does, instead of the line waiting for a worker (a client
            // pipelining such lines held one worker after another)
            assertThat(unknown.command("XYZZY").code()).isEqualTo(500);
            // its command waits for a worker, it is not turned away
            idle.sendLine("EHLO client.example");

            DNS.release();
            List<RawSmtpClient> admitted = new ArrayList<>(held);
            admitted.add(idle);
            for (RawSmtpClient smtp : admitted) {
                assertThat(smtp.readReply().code()).isEqualTo(250);
                assertThat(smtp.command("MAIL FROM:<sender@client.example>").code())
                        .isEqualTo(250);
                assertThat(smtp.command("RCPT TO:<" + HELD + ">").code()).isEqualTo(250);
                assertThat(smtp.command("DATA").code()).isEqualTo(354);
                assertThat(smtp.sendMessage("Subject: held\n\nbody\n").code()).isEqualTo(250);
                assertThat(smtp.command("QUIT").code()).isEqualTo(221);
            }
        } finally {
            idle.close();
            unknown.close();
            for (RawSmtpClient smtp : held) {
                smtp.close();
            }
        }
        MailFlow mail = new MailFlow(server);
        mail.send("sender@client.example", List.of(HELD), "Subject: after\n\nbody\n");
        mail.awaitDeliveries("held"::equals, Map.of(HELD, WORKERS + 1));
        mail.awaitDeliveries("after"::equals, Map.of(HELD, 1));
    }

    private static RawSmtpClient connect(JamesLuaServer server) throws IOException {
        return RawSmtpClient.connect(HOST, server.smtpPort(), Duration.ofSeconds(10), Duration.ofMinutes(5));
    }
}
