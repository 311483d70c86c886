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
 * The address lists a routing script leaves in {@code Forwards}, {@code Assistants} and a redirect's {@code Target}
 * are read as at most 1,000 addresses, as ProcessMessage's {@code Recipients} are. A user's own USER_REDIRECT.LUA,
 * in safety mode, set {@code Forwards} to thousands of remote addresses and James sent the mail to all of them in
 * one new mail; or to hundreds of thousands of entries that are not addresses, each a warning in James's log, on
 * the spool thread, outside any bound of the call. Each is now a BAD_RETURN at its line, routing goes on from what
 * the administrator's script decided, and the mail reaches the mailbox once.
 */
class RoutingAddressListsTest {
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
    void aUserScriptCannotForwardToThousandsOrFloodTheLog(JamesLuaServer server) throws IOException {
        scripts = new LuaScripts(server.scriptsFolder());
        for (String user : List.of(BOB, CAROL, DAVE)) {
            Files.createDirectories(server.scriptsFolder().resolve(user));
        }
        scripts.install(BOB + "/USER_REDIRECT.LUA", """
            function MainDoRouting(user)
              local t = {} for i = 1, 5000 do t[i] = "r" .. i .. "@remote.example" end
              Forwards = table.concat(t, " ")
              UseForwards = true
              ShouldForward = true
            end
            """);
        scripts.install(CAROL + "/USER_REDIRECT.LUA", """
            function MainDoRouting(user)
              Assistants = string.rep("x ", 300000)
            end
            """);
        scripts.install(DAVE + "/USER_REDIRECT.LUA", """
            function MainDoRouting(user)
              BigRedirect = { Target = string.rep("d@remote.example,", 1001), Threshold = 0.001 }
            end
            """);
        MailFlow mail = new MailFlow(server);

        mail.send("alice@client.example", List.of(BOB, CAROL, DAVE), "Subject: lists\n\nfor bob, carol and dave\n");

        mail.awaitDeliveries("lists", Map.of(BOB, 1, CAROL, 1, DAVE, 1));
        assertThat(scripts.errors())
                .hasSize(3)
                .anySatisfy(line -> assertThat(line)
                        .endsWith(BOB + "/USER_REDIRECT.LUA MainDoRouting line 6 [BAD_RETURN]:"
                                + " Forwards holds more than 1000 addresses"))
                .anySatisfy(line -> assertThat(line)
                        .endsWith(CAROL + "/USER_REDIRECT.LUA MainDoRouting line 3 [BAD_RETURN]:"
                                + " Assistants holds more than 1000 addresses"))
                .anySatisfy(line -> assertThat(line)
                        .endsWith(DAVE + "/USER_REDIRECT.LUA MainDoRouting line 3 [BAD_RETURN]:"
                                + " BigRedirect.Target holds more than 1000 addresses"));
    }
}
