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
 * A user's own USER_REDIRECT.LUA loading one file of its folder under many spellings ({@code ./bad.lua},
 * {@code .//bad.lua}, ...) had it compiled, kept and, when it did not compile, logged once per spelling, at every
 * mail: one user's script could fill James's heap with copies of one file, and LUAERRORS.LOG with one line per
 * spelling. The file is compiled once; its error is one line; the mail reaches the mailbox once.
 */
class UserScriptFileNamesTest {
    private static final String PASSWORD = JamesLuaServer.DEFAULT_PASSWORD;
    private static final String BOB = "bob@example.local";

    @RegisterExtension
    static JamesLuaServerExtension james = new JamesLuaServerExtension(builder -> builder.user(BOB, PASSWORD));

    private LuaScripts scripts;

    @AfterEach
    void removeTheUserScripts() throws IOException {
        scripts.putBack();
    }

    @Test
    void aFileLoadedUnderManySpellingsIsCompiledAndLoggedOnce(JamesLuaServer server) throws IOException {
        scripts = new LuaScripts(server.scriptsFolder());
        Files.createDirectories(server.scriptsFolder().resolve(BOB));
        scripts.install(BOB + "/bad.lua", "return (\n");
        scripts.install(BOB + "/USER_REDIRECT.LUA", """
            function MainDoRouting(user)
              local name = "bad.lua"
              for i = 1, 200 do
                loadfile(name)
                name = (i % 2 == 0 and "./" or ".//") .. name
              end
            end
            """);
        MailFlow mail = new MailFlow(server);

        mail.send("alice@client.example", List.of(BOB), "Subject: spellings\n\nfor bob\n");

        mail.awaitDeliveries("spellings", Map.of(BOB, 1));
        assertThat(scripts.errors()).singleElement().asString().contains(BOB + "/bad.lua (compile) line 2 [COMPILE]");
    }
}
