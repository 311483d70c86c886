package org.jameslua.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.james.lifecycle.api.Disposable;
import org.jameslua.server.testing.JamesLuaServerExtension;
import org.jameslua.server.testing.LuaScripts;
import org.jameslua.server.testing.MailFlow;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every message copy made while mail passes the pack's paths is released once the mail is delivered: James spools a
 * message over its threshold to a temporary file, which a copy nobody releases leaves behind until the garbage
 * collector notices ("Leak detected!"). James keeps each copy it has not released in
 * {@link Disposable.LeakAware#REFERENCES_IN_USE}; this reads it directly rather than waiting for a collection. The
 * mail ends in mailboxes only (they keep bytes, not copies) and nothing reads a mail repository over webadmin, whose
 * GET of a repository mail never releases its copy in James 3.8.1 (MailRepositoryStoreService disposes the Optional,
 * not the mail).
 */
class ReleasedMessagesTest {
    private static final String PASSWORD = JamesLuaServer.DEFAULT_PASSWORD;
    private static final String OUTSIDER = "alice@client.example";
    private static final String BOB = "bob@example.local";
    private static final String CAROL = "carol@example.local";

    @RegisterExtension
    static JamesLuaServerExtension james =
            new JamesLuaServerExtension(builder -> builder.user(BOB, PASSWORD).user(CAROL, PASSWORD));

    private LuaScripts scripts;

    @AfterEach
    void putTheSamplesBack() throws IOException {
        scripts.putBack();
    }

    @Test
    void headersAddedOverSmtpAndAForwardLeaveNoUnreleasedCopy(JamesLuaServer server) throws Exception {
        scripts = new LuaScripts(server.scriptsFolder());
        MailFlow mail = new MailFlow(server);
        scripts.install("""
            function ProcessMessage(from, subject, recipients, actions, mime, size, attachments)
              actions.HeaderModifiers = {"X-Scanned: yes"}
              return actions
            end
            """);
        mail.setUserSetting(BOB, "forwards", CAROL);
        Set<Object> before = unreleased();

        mail.send(OUTSIDER, List.of(BOB), "Subject: released copies\n\n" + "a line of the body\n".repeat(10_000));

        assertThat(mail.awaitSingle(BOB, "released copies", Map.of(BOB, 1, CAROL, 1))
                        .getHeader("X-Scanned", null))
                .isEqualTo("yes");
        // James's spooler releases the mail after it reports the mail done, so the last copy may go a moment later
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            Set<Object> left = unreleased();
            left.removeAll(before);
            assertThat(left)
                    .as("copies made while the mail passed, never released")
                    .isEmpty();
        });
        assertThat(scripts.errors()).isEmpty();
    }

    private static Set<Object> unreleased() {
        return new HashSet<>(Disposable.LeakAware.REFERENCES_IN_USE.keySet());
    }
}
