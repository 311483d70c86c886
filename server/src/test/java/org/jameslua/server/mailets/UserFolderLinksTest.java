package org.jameslua.server.mailets;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * A link in a user's folder that leads into another user's folder (a file or the folder itself) does not take that
 * user's own USER_REDIRECT.LUA there: {@code dofile}, {@code loadfile} and {@code require} find nothing, as for a
 * name outside its folder. The check had stopped at the scripts folder, so bob's script ran carol's code and read
 * what it held. The mail reaches bob's mailbox once.
 */
class UserFolderLinksTest {
    private static final String PASSWORD = JamesLuaServer.DEFAULT_PASSWORD;
    private static final String BOB = "bob@example.local";
    private static final String CAROL = "carol@example.local";

    @RegisterExtension
    static JamesLuaServerExtension james =
            new JamesLuaServerExtension(builder -> builder.user(BOB, PASSWORD).user(CAROL, PASSWORD));

    private LuaScripts scripts;
    private final List<Path> links = new java.util.ArrayList<>();

    @AfterEach
    void removeTheUserScripts() throws IOException {
        for (Path link : links) {
            Files.deleteIfExists(link);
        }
        scripts.putBack();
    }

    @Test
    void aUserScriptReachesNothingOfAnotherUserThroughALinkInItsFolder(JamesLuaServer server) throws IOException {
        scripts = new LuaScripts(server.scriptsFolder());
        Path bob = Files.createDirectories(server.scriptsFolder().resolve(BOB));
        Files.createDirectories(server.scriptsFolder().resolve(CAROL));
        scripts.install(CAROL + "/secret.lua", "return 'carol secret'\n");
        links.add(Files.createSymbolicLink(bob.resolve("steal.lua"), Path.of("../" + CAROL + "/secret.lua")));
        links.add(Files.createSymbolicLink(bob.resolve("carols"), Path.of("../" + CAROL)));
        scripts.install(BOB + "/USER_REDIRECT.LUA", """
            function MainDoRouting(user)
              local ok1, v1 = pcall(dofile, "steal.lua")
              local f2, v2 = loadfile("carols/secret.lua")
              local ok3, v3 = pcall(require, "carols.secret")
              print("dofile: " .. tostring(v1))
              print("loadfile: " .. tostring(f2 and f2() or v2))
              print("require: " .. tostring(v3))
            end
            """);
        MailFlow mail = new MailFlow(server);

        mail.send("alice@client.example", List.of(BOB), "Subject: links\n\nfor bob\n");

        mail.awaitDeliveries("links", Map.of(BOB, 1));
        assertThat(scripts.luaOut())
                .doesNotContain("carol secret")
                .contains("dofile: cannot open steal.lua")
                .contains("loadfile: cannot open carols/secret.lua")
                .contains("require: module 'carols.secret' not found");
    }
}
