package org.jameslua.server.mailets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import javax.mail.MessagingException;
import org.jameslua.server.JamesLuaServer;
import org.jameslua.server.testing.JamesLuaServerExtension;
import org.jameslua.server.testing.LuaScripts;
import org.jameslua.server.testing.MailFlow;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A user's own USER_REDIRECT.LUA that loops, or sleeps, ran to the call's time bound for every mail that user got,
 * each time holding one of James's spool threads (20 in the shipped mailetcontainer.xml): a user's careless script,
 * or mail sent on purpose to a user whose script waits, held up the mail of every user. A user's own script has
 * nothing to wait for (the network helpers are refused in safety mode), so one whose call ran to the time bound, or
 * took a tenth of it or more twice in a row, is skipped for that user's later mail for five minutes: routed as if it
 * had failed, without running it. Every mail is delivered once; LUAERRORS.LOG has the loop's TIMEOUT and a line for
 * each script skipped.
 */
class SlowUserScriptTest {
    private static final String PASSWORD = JamesLuaServer.DEFAULT_PASSWORD;
    private static final String BOB = "bob@example.local";
    private static final String CAROL = "carol@example.local";
    private static final String DAVE = "dave@example.local";
    private static final int MAILS = 4;
    private static final Predicate<String> SLOW = subject -> subject.startsWith("slow ");

    @RegisterExtension
    static JamesLuaServerExtension james = new JamesLuaServerExtension(builder -> builder.user(BOB, PASSWORD)
            .user(CAROL, PASSWORD)
            .user(DAVE, PASSWORD)
            .packSetting("limit.time.ms", "2000"));

    private LuaScripts scripts;

    @AfterEach
    void removeTheUserScripts() throws IOException {
        scripts.putBack();
    }

    @Test
    void aUserScriptThatLoopsOrSleepsRunsOnceAndItsUsersMailIsRoutedWithoutIt(JamesLuaServer server)
            throws IOException {
        scripts = new LuaScripts(server.scriptsFolder());
        for (String user : List.of(BOB, CAROL, DAVE)) {
            Files.createDirectories(server.scriptsFolder().resolve(user));
        }
        scripts.install(BOB + "/USER_REDIRECT.LUA", """
            function MainDoRouting(user)
              while true do end
            end
            """);
        scripts.install(CAROL + "/USER_REDIRECT.LUA", """
            function MainDoRouting(user)
              os.sleep(500)
              print("carol's script ran")
            end
            """);
        scripts.install(DAVE + "/USER_REDIRECT.LUA", """
            function MainDoRouting(user)
              print("dave's script ran")
            end
            """);
        MailFlow mail = new MailFlow(server);

        for (int i = 0; i < MAILS; i++) {
            mail.send("alice@client.example", List.of(BOB, CAROL, DAVE), "Subject: slow " + i + "\n\nhello\n");
            // one after the other: the skipping starts once a slow call has ended
            int delivered = i + 1;
            Map<String, Integer> expected = Map.of(BOB, delivered, CAROL, delivered, DAVE, delivered);
            if (delivered < MAILS) {
                // in, but not settled: the last mail's wait settles, and a late copy of any of them fails it
                await().atMost(Duration.ofSeconds(15))
                        .ignoreExceptionsInstanceOf(IOException.class)
                        .until(() -> counts(mail).equals(expected));
            } else {
                mail.awaitDeliveries(SLOW, expected);
            }
        }

        List<String> errors = scripts.errors();
        String skipped = "/USER_REDIRECT.LUA MainDoRouting [TIMEOUT]: took ";
        // the loop ends at the instruction bound (then it was slow once, and runs again) or at the time bound first
        assertThat(errors.stream()
                        .filter(line -> line.contains(BOB + "/USER_REDIRECT.LUA MainDoRouting line 2 [TIMEOUT]")))
                .hasSizeBetween(1, 2);
        assertThat(errors.stream().filter(line -> line.contains(BOB + skipped)))
                .singleElement()
                .asString()
                .contains("not run for the next 5 minutes");
        assertThat(errors.stream().filter(line -> line.contains(CAROL + skipped)))
                .singleElement()
                .asString()
                .contains("not run for the next 5 minutes");
        assertThat(errors).noneMatch(line -> line.contains(DAVE));
        // the sleep took a tenth of the bound or more: skipped once it was slow twice in a row
        assertThat(scripts.luaOut().split("carol's script ran", -1)).hasSize(3);
        assertThat(scripts.luaOut().split("dave's script ran", -1)).hasSize(MAILS + 1);
    }

    private static Map<String, Integer> counts(MailFlow mail) throws IOException, MessagingException {
        Map<String, Integer> counts = new HashMap<>();
        for (String user : List.of(BOB, CAROL, DAVE)) {
            counts.put(user, mail.messages(user, SLOW).size());
        }
        return counts;
    }
}
