package org.jameslua.server.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jameslua.server.JamesLuaServer;
import org.jameslua.server.testing.LuaScripts;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * James stopping while workers are in sessions' callbacks: each worker, once done, handed its session's next step to
 * the session's I/O thread, and James's clean-up of the session passed its end on to it, both refused by a thread James
 * had shut down by then; the pack logged each refusal as an error ("SMTP worker failed", "Ending SMTP session ...
 * failed"), two per open session at every stop of a busy server.
 */
class StoppingWithSessionsAtWorkTest {
    private static final String HOST = "127.0.0.1";
    private static final int SESSIONS = 4;

    @Test
    void sessionsAtWorkWhenJamesStopsLogNoError() throws Exception {
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        Logger pack = (Logger) LoggerFactory.getLogger("org.jameslua");
        log.start();
        pack.addAppender(log);
        List<Socket> clients = new ArrayList<>();
        try {
            try (JamesLuaServer server = JamesLuaServer.builder().start()) {
                new LuaScripts(server.scriptsFolder()).install("function DoNOOP() os.sleep(8000) return \"\" end\n");
                for (int i = 0; i < SESSIONS; i++) {
                    Socket client = new Socket(HOST, server.smtpPort());
                    clients.add(client);
                    readLine(client.getInputStream());
                    client.getOutputStream().write("NOOP\r\n".getBytes(StandardCharsets.US_ASCII));
                }
                // every worker is in DoNOOP when James stops
                Thread.sleep(300);
            }
            // the workers have finished DoNOOP by now
            Thread.sleep(9_000);
        } finally {
            pack.detachAppender(log);
            for (Socket client : clients) {
                client.close();
            }
        }

        assertThat(log.list.stream()
                        .filter(event -> event.getLevel().isGreaterOrEqual(Level.WARN))
                        .map(event -> event.getLoggerName() + ": " + event.getFormattedMessage()
                                + (event.getThrowableProxy() == null
                                        ? ""
                                        : " " + event.getThrowableProxy().getClassName()))
                        .toList())
                .isEmpty();
    }

    private static void readLine(InputStream in) throws Exception {
        int c;
        while ((c = in.read()) >= 0 && c != '\n') {
            // the greeting
        }
    }
}
