package org.jameslua.server.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.netty.util.ResourceLeakDetector;
import java.util.List;
import org.jameslua.server.JamesLuaServer;
import org.jameslua.server.testing.JamesLuaServerExtension;
import org.jameslua.server.testing.LuaScripts;
import org.jameslua.server.testing.RawSmtpClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

/**
 * A line handed to a worker holds one of Netty's pooled buffers until James has read it. A client that resets the
 * connection while the worker is still in James's handler (here: right after QUIT, whose DoQUIT runs on a worker)
 * tears the pipeline down under it, and James's handler throws before it releases the line: each such session used
 * to leak a pooled buffer for good, which Netty's leak detector reports once the buffer is collected. A server that
 * runs for months would lose its direct memory that way, one reset at a time.
 */
class LineBufferReleaseTest {
    private static final String HOST = "127.0.0.1";
    private static final int SESSIONS = 300;

    @RegisterExtension
    static final JamesLuaServerExtension SERVER = new JamesLuaServerExtension();

    private static final ListAppender<ILoggingEvent> LEAKS = new ListAppender<>();
    private static final Logger DETECTOR = (Logger) LoggerFactory.getLogger(ResourceLeakDetector.class);
    private static ResourceLeakDetector.Level level;

    @BeforeAll
    static void trackEveryBuffer() {
        level = ResourceLeakDetector.getLevel();
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
        LEAKS.start();
        DETECTOR.addAppender(LEAKS);
    }

    @AfterAll
    static void trackAsBefore() {
        DETECTOR.detachAppender(LEAKS);
        ResourceLeakDetector.setLevel(level);
    }

    @Test
    void linesOfSessionsResetUnderAWorkerAreReleased(JamesLuaServer server) throws Exception {
        new LuaScripts(server.scriptsFolder()).install("function DoQUIT() return \"\" end\n");
        for (int i = 0; i < SESSIONS; i++) {
            resetAfterQuit(server.smtpPort(), i % 2 == 0);
        }
        // the detector reports a buffer once the JVM has collected it without a release, at a later allocation
        for (int round = 0; round < 5; round++) {
            System.gc();
            Thread.sleep(100);
            try (RawSmtpClient smtp = RawSmtpClient.connect(HOST, server.smtpPort())) {
                assertThat(smtp.readReply().code()).isEqualTo(220);
                assertThat(smtp.command("NOOP").code()).isEqualTo(250);
            }
        }

        assertThat(leaks()).isEmpty();
    }

    private static void resetAfterQuit(int port, boolean afterItsReply) throws Exception {
        RawSmtpClient smtp = RawSmtpClient.connect(HOST, port);
        smtp.readReply();
        smtp.sendLine("QUIT");
        if (afterItsReply) {
            smtp.readReply();
        }
        // at once, while the worker may still be in James's handler
        smtp.reset();
    }

    private static List<String> leaks() {
        synchronized (LEAKS) {
            return LEAKS.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        }
    }
}
