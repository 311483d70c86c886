package org.jameslua.server.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Duration;
import java.util.List;
import org.jameslua.server.JamesLuaServer;
import org.jameslua.server.testing.JamesLuaServerExtension;
import org.jameslua.server.testing.RawSmtpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

/**
 * A client that hangs up the moment it reads the 221 of QUIT, as most do. James answers QUIT on the session's
 * worker, then (still there) pushes a line handler into the channel's pipeline; the client's close, read on the
 * I/O thread meanwhile, used to tear that pipeline down first, and James logged a NullPointerException
 * ("channelHandler is null") for a session that had ended well.
 */
class ClientClosingAfterQuitTest {
    private static final String HOST = "127.0.0.1";
    private static final int SESSIONS = 150;

    @RegisterExtension
    static final JamesLuaServerExtension SERVER = new JamesLuaServerExtension();

    private final ListAppender<ILoggingEvent> events = new ListAppender<>();
    private final Logger james = (Logger) LoggerFactory.getLogger("org.apache.james.protocols");
    private Level jamesLevel;

    @BeforeEach
    void capture() {
        jamesLevel = james.getLevel();
        // "Connection closed" is INFO: it tells when James has finished each session
        james.setLevel(Level.INFO);
        events.start();
        james.addAppender(events);
    }

    @AfterEach
    void release() {
        james.detachAppender(events);
        james.setLevel(jamesLevel);
    }

    @Test
    void sessionsEndedByTheClientRightAfterQuitLeaveNoErrorInJamesLog(JamesLuaServer server) throws Exception {
        for (int i = 0; i < SESSIONS; i++) {
            try (RawSmtpClient smtp = RawSmtpClient.connect(HOST, server.smtpPort())) {
                smtp.readReply();
                assertThat(smtp.command("EHLO client.example").code()).isEqualTo(250);
                assertThat(smtp.command("QUIT").code()).isEqualTo(221);
            }
        }

        await().atMost(Duration.ofSeconds(30))
                .ignoreExceptions()
                .until(() -> messages().stream()
                                .filter(message -> message.startsWith("Connection closed"))
                                .count()
                        >= SESSIONS);
        assertThat(events.list.stream()
                        .filter(event -> event.getLevel().isGreaterOrEqual(Level.WARN))
                        .map(event -> event.getFormattedMessage() + " "
                                + (event.getThrowableProxy() == null
                                        ? ""
                                        : event.getThrowableProxy().getMessage())))
                .isEmpty();
    }

    private List<String> messages() {
        return logged().stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    // James's threads add to the list meanwhile, under the appender's lock (AppenderBase.doAppend): copied without
    // it, the copy can see the list's new size before its new element, and List.copyOf then throws on the null
    private List<ILoggingEvent> logged() {
        synchronized (events) {
            return List.copyOf(events.list);
        }
    }
}
