package org.jameslua.server.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jameslua.server.JamesLuaServer;
import org.jameslua.server.testing.LuaScripts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
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
    // DoNOOP works until James has stopped, its I/O threads ended (the test then writes the file), and says so
    private static final String AT_WORK_UNTIL_STOPPED = """
        function DoNOOP()
          print("at work")
          local stopped = io.open("STOPPED")
          while not stopped do
            os.sleep(20)
            stopped = io.open("STOPPED")
          end
          stopped:close()
          print("done")
          return ""
        end
        """;
    // how long to wait for a log line once every DoNOOP has returned: the worker's hand-off follows each at once
    private static final Duration SETTLED = Duration.ofMillis(1500);

    @TempDir
    Path workingDirectory;

    @Test
    void sessionsAtWorkWhenJamesStopsLogNoError() throws Exception {
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        Logger pack = (Logger) LoggerFactory.getLogger("org.jameslua");
        log.start();
        pack.addAppender(log);
        JamesLuaServer server =
                JamesLuaServer.builder().workingDirectory(workingDirectory).start();
        // the test's working directory outlives James, for the scripts still at work
        LuaScripts scripts = new LuaScripts(server.scriptsFolder());
        List<Socket> clients = new ArrayList<>();
        List<Thread> ioThreads;
        try {
            try (server) {
                scripts.install(AT_WORK_UNTIL_STOPPED);
                for (int i = 0; i < SESSIONS; i++) {
                    Socket client = new Socket(HOST, server.smtpPort());
                    clients.add(client);
                    readLine(client.getInputStream());
                    client.getOutputStream().write("NOOP\r\n".getBytes(StandardCharsets.US_ASCII));
                }
                // every worker is in DoNOOP when James stops
                await().atMost(Duration.ofSeconds(30)).until(() -> count(scripts.luaOut(), "at work") == SESSIONS);
                ioThreads = ioThreads();
            }
            // James's stop shuts its I/O threads down after a quiet moment of Netty's: the workers must finish after
            // that, when their hand-offs are refused
            assertThat(ioThreads).isNotEmpty();
            for (Thread ioThread : ioThreads) {
                ioThread.join(Duration.ofSeconds(30).toMillis());
                assertThat(ioThread.isAlive()).as(ioThread.getName()).isFalse();
            }
            Files.createFile(server.scriptsFolder().resolve("STOPPED"));
            await().atMost(Duration.ofSeconds(30)).until(() -> count(scripts.luaOut(), "done") == SESSIONS);
            Thread.sleep(SETTLED.toMillis());
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
        assertThat(scripts.errors()).isEmpty();
    }

    /** The threads of James's SMTP listener that serve its connections (Netty's event loops). */
    private static List<Thread> ioThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().startsWith("smtpserver-global-io"))
                .toList();
    }

    private static long count(String printed, String line) {
        return printed.lines().filter(line::equals).count();
    }

    private static void readLine(InputStream in) throws Exception {
        int c;
        while ((c = in.read()) >= 0 && c != '\n') {
            // the greeting
        }
    }
}
