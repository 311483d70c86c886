package org.jameslua.server.mailets;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.jameslua.server.JamesLuaServer;
import org.jameslua.server.testing.JamesLuaServerExtension;
import org.jameslua.server.testing.LuaScripts;
import org.jameslua.server.testing.MailFlow;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A user's own USER_REDIRECT.LUA that takes long to compile: the compiler is quadratic in places (a chain of
 * {@code or}), and a script file was compiled without any bound, on the spool thread of the user's first mail while
 * every other spool thread with mail for that user waited for it; a file of the 16 MiB allowed could hold them for
 * many minutes at each edit. It now compiles within limit.time.ms or is a COMPILE error: the user's mail is delivered
 * once, routed as without the script, and LUAERRORS.LOG says why.
 */
class SlowCompilingUserScriptTest {
    private static final String PASSWORD = JamesLuaServer.DEFAULT_PASSWORD;
    private static final String BOB = "bob@example.local";
    private static final String DAVE = "dave@example.local";

    @RegisterExtension
    static JamesLuaServerExtension james = new JamesLuaServerExtension(
            builder -> builder.user(BOB, PASSWORD).user(DAVE, PASSWORD).packSetting("limit.time.ms", "2000"));

    private LuaScripts scripts;

    @AfterEach
    void removeTheUserScripts() throws IOException {
        scripts.putBack();
    }

    @Test
    void aUserScriptSlowerToCompileThanTheTimeBoundIsACompileErrorAndItsUsersMailIsDeliveredOnce(JamesLuaServer server)
            throws IOException {
        scripts = new LuaScripts(server.scriptsFolder());
        for (String user : List.of(BOB, DAVE)) {
            Files.createDirectories(server.scriptsFolder().resolve(user));
        }
        // two functions of 60,000 `or` each (600 KB): LuaJ took 16 s to compile them
        String chain = "return a" + " or a".repeat(60_000);
        scripts.install(
                BOB + "/USER_REDIRECT.LUA",
                "function MainDoRouting(user)\n"
                        + "  print(\"bob's script ran\")\n"
                        + "end\n"
                        + "function Slow1(a) " + chain + " end\n"
                        + "function Slow2(a) " + chain + " end\n");
        scripts.install(DAVE + "/USER_REDIRECT.LUA", """
            function MainDoRouting(user)
              print("dave's script ran")
            end
            """);
        MailFlow mail = new MailFlow(server);

        mail.send("alice@client.example", List.of(BOB, DAVE), "Subject: compile\n\nhello\n");
        mail.awaitDeliveries(subject -> subject.equals("compile"), Map.of(BOB, 1, DAVE, 1));

        assertThat(scripts.errors())
                .singleElement()
                .asString()
                .contains(BOB + "/USER_REDIRECT.LUA (compile)")
                .contains("[COMPILE]: " + BOB + "/USER_REDIRECT.LUA")
                .contains("compiling took longer than 2000 ms (limit.time.ms)");
        assertThat(scripts.luaOut()).doesNotContain("bob's script ran").contains("dave's script ran");
    }
}
