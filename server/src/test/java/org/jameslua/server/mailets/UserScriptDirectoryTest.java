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
 * A user's own USER_REDIRECT.LUA runs in safety mode: it learns neither the server's user list nor where an
 * address expands to, so it cannot forward its mail to every user or to another user's aliases. The refusal is
 * logged at its line and the mail reaches its mailbox once, forwarded nowhere.
 */
class UserScriptDirectoryTest {
    private static final String PASSWORD = JamesLuaServer.DEFAULT_PASSWORD;
    private static final String BOB = "bob@example.local";
    private static final String CAROL = "carol@example.local";
    private static final String DAVE = "dave@example.local";

    @RegisterExtension
    static JamesLuaServerExtension james = new JamesLuaServerExtension(
            builder -> builder.user(BOB, PASSWORD).user(CAROL, PASSWORD).user(DAVE, PASSWORD));

    private LuaScripts scripts;

    @AfterEach
    void removeTheUserScripts() throws IOException {
        scripts.putBack();
    }

    @Test
    void aUserScriptCannotListUsersOrExpandAddresses(JamesLuaServer server) throws IOException {
        scripts = new LuaScripts(server.scriptsFolder());
        Files.createDirectories(server.scriptsFolder().resolve(BOB));
        Files.createDirectories(server.scriptsFolder().resolve(CAROL));
        scripts.install(BOB + "/USER_REDIRECT.LUA", """
            function MainDoRouting(user)
              Forwards = table.concat(VPOP3.GetUserList(), ",")
              UseForwards = true
            end
            """);
        scripts.install(CAROL + "/USER_REDIRECT.LUA", """
            function MainDoRouting(user)
              Forwards = VPOP3.ExpandAddress("dave@example.local")[1].Name
              UseForwards = true
            end
            """);
        MailFlow mail = new MailFlow(server);

        mail.send("alice@client.example", List.of(BOB, CAROL), "Subject: directory\n\nfor bob and carol\n");

        mail.awaitDeliveries("directory", Map.of(BOB, 1, CAROL, 1, DAVE, 0));
        assertThat(scripts.errors())
                .hasSize(2)
                .anySatisfy(line -> assertThat(line)
                        .endsWith(BOB + "/USER_REDIRECT.LUA MainDoRouting line 2 [SANDBOX]:"
                                + " VPOP3.GetUserList is disabled in safety mode"))
                .anySatisfy(line -> assertThat(line)
                        .endsWith(CAROL + "/USER_REDIRECT.LUA MainDoRouting line 2 [SANDBOX]:"
                                + " VPOP3.ExpandAddress is disabled in safety mode"));
    }
}
