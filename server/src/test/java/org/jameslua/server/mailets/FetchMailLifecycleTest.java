package org.jameslua.server.mailets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.jameslua.server.JamesLuaServer;
import org.jameslua.server.testing.LoopbackFetchmail;
import org.jameslua.server.testing.LoopbackPop3Server;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * FetchMail runs only when fetchmail.xml says so, and stops with James: a stopped (or switched off) server
 * leaves the remote maildrop alone. A fetchmail.xml it cannot use stops James from starting.
 */
class FetchMailLifecycleTest {
    private static final String REMOTE = "remote-user";
    private static final String REMOTE_PASSWORD = "remote-secret";
    // several fetch intervals: a fetch that was still scheduled would have run by then
    private static final Duration QUIET = LoopbackFetchmail.INTERVAL.multipliedBy(5);

    private LoopbackPop3Server pop3;

    @BeforeEach
    void startPop3() throws Exception {
        pop3 = LoopbackPop3Server.start().account(REMOTE, REMOTE_PASSWORD);
    }

    @AfterEach
    void stopPop3() throws Exception {
        pop3.close();
    }

    @Test
    void fetchingStopsWhenJamesStops(@TempDir Path template) throws Exception {
        try (JamesLuaServer server = JamesLuaServer.builder()
                .confTemplate(LoopbackFetchmail.template(template, pop3, REMOTE, REMOTE_PASSWORD))
                .start()) {
            await().atMost(Duration.ofSeconds(10)).until(() -> pop3.sessions() >= 2);
        }
        int sessions = pop3.sessions();
        pop3.deliver(REMOTE, "From: a@elsewhere.example\nSubject: after the stop\n\nhello\n");

        // no session may come, however often the POP3 server is looked at during several fetch intervals
        await().atMost(QUIET.plusSeconds(5))
                .during(QUIET)
                .until(() -> pop3.sessions() == sessions && pop3.messageCount(REMOTE) == 1);
    }

    @Test
    void aFetchmailXmlThatIsNotEnabledFetchesNothing(@TempDir Path template) throws Exception {
        Path conf = LoopbackFetchmail.template(template, pop3, REMOTE, REMOTE_PASSWORD);
        Path fetchmail = conf.resolve("fetchmail.xml");
        Files.writeString(fetchmail, Files.readString(fetchmail).replace("enabled=\"true\"", "enabled=\"false\""));
        pop3.deliver(REMOTE, "From: a@elsewhere.example\nSubject: never fetched\n\nhello\n");

        try (JamesLuaServer server = JamesLuaServer.builder().confTemplate(conf).start()) {
            await().atMost(QUIET.plusSeconds(5))
                    .during(QUIET)
                    .until(() -> pop3.sessions() == 0 && pop3.messageCount(REMOTE) == 1);
        }
    }

    @Test
    void aFetchTaskWithoutIntervalStopsJamesFromStarting(@TempDir Path template) throws Exception {
        Path conf = LoopbackFetchmail.template(template, pop3, REMOTE, REMOTE_PASSWORD);
        Path fetchmail = conf.resolve("fetchmail.xml");
        Files.writeString(fetchmail, Files.readString(fetchmail).replaceAll("<interval>\\d+</interval>", ""));

        assertThatThrownBy(() -> JamesLuaServer.builder().confTemplate(conf).start())
                .hasStackTraceContaining("<fetch name=\"isp\"> needs an <interval> in milliseconds");
        assertThat(pop3.sessions()).isZero();
    }
}
