package org.jameslua.server.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jameslua.server.JamesLuaServer;
import org.jameslua.server.testing.HeldDnsServer;
import org.jameslua.server.testing.JamesLuaServerExtension;
import org.jameslua.server.testing.LuaScripts;
import org.jameslua.server.testing.RawSmtpClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

/**
 * A stranger floods the SMTP port with connections while every worker waits in a script ({@code smtp.workers=2},
 * held in a DNS lookup). Each connection is answered 421 and closed; James must finish with it then, as stock James
 * does, not once a worker frees: its clean-up used to wait in the workers' queue, which kept each turned-away
 * connection (its channel, pipeline and session, some 3 KB) in memory for as long as the workers stayed taken, so
 * a flood of them grew the heap without bound (10 000 connections, +33 MB on James 3.8.1's distribution).
 */
class SmtpWorkersTurnedAwayTest {
    private static final String HOST = "127.0.0.1";
    private static final int WORKERS = 2;
    private static final int TURNED_AWAY = 30;
    private static final String BUSY = "421 4.3.2 mail.example.local Too busy, please try again later";

    private static final HeldDnsServer DNS = new HeldDnsServer();

    @RegisterExtension
    static JamesLuaServerExtension james =
            new JamesLuaServerExtension(builder -> builder.packSetting("smtp.workers", String.valueOf(WORKERS))
                    .packSetting("dns.servers", DNS.address())
                    .packSetting("dns.timeout.ms", "600000")
                    .packSetting("limit.time.ms", "600000"));

    private final ListAppender<ILoggingEvent> events = new ListAppender<>();
    private final Logger jamesProtocols = (Logger) LoggerFactory.getLogger("org.apache.james.protocols");
    private Level jamesLevel;

    @AfterAll
    static void stopDns() {
        DNS.close();
    }

    @BeforeEach
    void capture() {
        jamesLevel = jamesProtocols.getLevel();
        // "Connection closed" is INFO: James logs it once it has finished with a connection
        jamesProtocols.setLevel(Level.INFO);
        events.start();
        jamesProtocols.addAppender(events);
    }

    @AfterEach
    void release() {
        jamesProtocols.detachAppender(events);
        jamesProtocols.setLevel(jamesLevel);
    }

    @Test
    void jamesFinishesWithEachTurnedAwayConnectionAtOnceWhileTheWorkersStayTaken(JamesLuaServer server)
            throws Exception {
        new LuaScripts(server.scriptsFolder()).install(SlowScriptIsolationTest.WAITING_SCRIPT);
        List<RawSmtpClient> held = new ArrayList<>();
        try {
            for (int i = 0; i < WORKERS; i++) {
                RawSmtpClient smtp = connect(server);
                assertThat(smtp.readReply().code()).isEqualTo(220);
                smtp.sendLine("EHLO held-" + i);
                held.add(smtp);
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> DNS.waiting() == WORKERS);
            long closedBefore = connectionsClosed();

            for (int i = 0; i < TURNED_AWAY; i++) {
                try (RawSmtpClient late = connect(server)) {
                    assertThat(late.readReply().lines()).containsExactly(BUSY);
                    assertThat(late.isClosedByServer()).isTrue();
                }
            }

            await().atMost(Duration.ofSeconds(20)).until(() -> connectionsClosed() - closedBefore >= TURNED_AWAY);
            assertThat(DNS.waiting()).isEqualTo(WORKERS);

            DNS.release();
            for (RawSmtpClient smtp : held) {
                assertThat(smtp.readReply().code()).isEqualTo(250);
                assertThat(smtp.command("QUIT").code()).isEqualTo(221);
            }
        } finally {
            for (RawSmtpClient smtp : held) {
                smtp.close();
            }
        }
    }

    private long connectionsClosed() {
        return logged().stream()
                .map(ILoggingEvent::getFormattedMessage)
                .filter(message -> message.startsWith("Connection closed"))
                .count();
    }

    private static RawSmtpClient connect(JamesLuaServer server) throws IOException {
        return RawSmtpClient.connect(HOST, server.smtpPort(), Duration.ofSeconds(10), Duration.ofMinutes(5));
    }

    // James's threads add to the list meanwhile, under the appender's lock (AppenderBase.doAppend): copied without
    // it, the copy can see the list's new size before its new element, and List.copyOf then throws on the null
    private List<ILoggingEvent> logged() {
        synchronized (events) {
            return List.copyOf(events.list);
        }
    }
}
