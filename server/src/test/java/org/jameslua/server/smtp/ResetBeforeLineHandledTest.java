package org.jameslua.server.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.charset.StandardCharsets;
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
 * A client that pipelines AUTH or DATA behind a command whose callback is slow, then resets the connection,
 * leaves these lines waiting for a worker after Netty has taken the pipeline down. James's handlers push a line handler
 * for each of them, found no pipeline, and logged a NullPointerException as an error, one per such session; stock
 * James, handling each line as it reads it, never sees a line of a connection already gone.
 */
class ResetBeforeLineHandledTest {
    private static final String HOST = "127.0.0.1";

    @RegisterExtension
    static final JamesLuaServerExtension SERVER = new JamesLuaServerExtension();

    private static final ListAppender<ILoggingEvent> LOG = new ListAppender<>();
    private static final Logger ROOT = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

    @BeforeAll
    static void captureLog() {
        LOG.start();
        ROOT.addAppender(LOG);
    }

    @AfterAll
    static void releaseLog() {
        ROOT.detachAppender(LOG);
    }

    @Test
    void linesOfAResetSessionLeftForAWorkerLogNoError(JamesLuaServer server) throws Exception {
        new LuaScripts(server.scriptsFolder()).install("function DoNOOP() os.sleep(400) return \"\" end\n");
        for (String pipelined : List.of(
                "AUTH LOGIN\r\n",
                "AUTH PLAIN\r\n",
                "MAIL FROM:<a@client.example>\r\nRCPT TO:<user@example.local>\r\nDATA\r\n")) {
            resetWhileTheWorkerSleeps(server.smtpPort(), "EHLO client.example\r\nNOOP\r\n" + pipelined);
        }
        // the worker has handled the lines left by then
        Thread.sleep(1_000);
        try (RawSmtpClient smtp = RawSmtpClient.connect(HOST, server.smtpPort())) {
            assertThat(smtp.readReply().code()).isEqualTo(220);
            assertThat(smtp.command("NOOP").code()).isEqualTo(250);
        }

        assertThat(errors()).isEmpty();
    }

    private static void resetWhileTheWorkerSleeps(int port, String lines) throws Exception {
        RawSmtpClient smtp = RawSmtpClient.connect(HOST, port);
        smtp.readReply();
        smtp.sendBytes(lines.getBytes(StandardCharsets.US_ASCII));
        // EHLO's reply: the server has read the lines; DoNOOP holds the worker, the rest waits for it
        smtp.readReply();
        Thread.sleep(100);
        smtp.reset();
    }

    private static List<String> errors() {
        synchronized (LOG) {
            return LOG.list.stream()
                    .filter(event -> event.getLevel().isGreaterOrEqual(Level.ERROR))
                    // James reports the reset itself, as stock James does
                    .filter(event -> event.getThrowableProxy() == null
                            || !"Connection reset"
                                    .equals(event.getThrowableProxy().getMessage()))
                    .map(event -> event.getLoggerName() + ": " + event.getFormattedMessage()
                            + (event.getThrowableProxy() == null
                                    ? ""
                                    : " " + event.getThrowableProxy().getMessage()))
                    .toList();
        }
    }
}
