package org.jameslua.server.memory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.jameslua.server.JamesLuaServer;
import org.jameslua.server.testing.JamesLuaServerExtension;
import org.jameslua.server.testing.LuaScripts;
import org.jameslua.server.testing.MailFlow;
import org.jameslua.server.testing.WebAdminClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link HugeMailetReturnsTest} for the texts mailet scripts return, in the 768 MiB JVM that exits on any
 * {@link OutOfMemoryError}: a thousand references to one 16 MiB string, each of which would have been a Java string
 * of its own (16 GB). Each is refused as a BAD_RETURN at its line, and the mail is delivered once.
 */
class HugeMailetTextsTest {
    private static final String USER = JamesLuaServer.DEFAULT_USER_LOCAL_PART + "@" + JamesLuaServer.DEFAULT_DOMAIN;

    private static final String POSTMASTER = "postmaster@example.local";
    private static final String FULL = "full@example.local";

    @RegisterExtension
    static JamesLuaServerExtension james = new JamesLuaServerExtension(builder ->
            builder.user(POSTMASTER, JamesLuaServer.DEFAULT_PASSWORD).user(FULL, JamesLuaServer.DEFAULT_PASSWORD));

    private LuaScripts scripts;

    @AfterEach
    void putBack() throws Exception {
        scripts.putBack();
    }

    /** The shipped mailetcontainer.xml's {@code ROUTING.LUA:TagBulk}: attributes become part of the mail James stores. */
    @Test
    void aThousandAttributesOfOneLongStringAreRefusedAndTheMailIsDeliveredOnce(JamesLuaServer server) throws Exception {
        assertThat(Runtime.getRuntime().maxMemory())
                .as("run by the memory-bounds execution, -Xmx768m")
                .isLessThanOrEqualTo(768L * 1024 * 1024);
        scripts = new LuaScripts(server.scriptsFolder());
        scripts.install("ROUTING.LUA", """
            function IsBulk(mail) return true end
            function TagBulk(mail)
              local s, t = string.rep("x", 16 * 1024 * 1024), {}
              for i = 1, 1000 do t["a" .. i] = s end
              return { Attributes = t }
            end
            """);
        MailFlow mail = new MailFlow(server);

        mail.send("sender@client.example", List.of(USER), "Subject: attributes\r\nPrecedence: bulk\r\n\r\nbulk\r\n");

        mail.awaitDeliveries("attributes", Map.of(USER, 1));
        assertThat(scripts.errors())
                .filteredOn(line -> line.contains(" TagBulk "))
                .singleElement()
                .asString()
                .endsWith("ROUTING.LUA TagBulk line 5 [BAD_RETURN]: Attributes holds more than 1048576 bytes of"
                        + " names and text");
    }

    /** USER_REDIRECT.LUA's {@code MainGetSettings}, asked when mail comes for a local user. */
    @Test
    void aThousandDeclaredSettingsOfOneLongDescriptionAreRefusedAndTheMailIsDeliveredOnce(JamesLuaServer server)
            throws Exception {
        scripts = new LuaScripts(server.scriptsFolder());
        scripts.install("USER_REDIRECT.LUA", """
            function MainGetSettings()
              local setting, t = { Name = "Away", Description = string.rep("x", 16 * 1024 * 1024) }, {}
              for i = 1, 1000 do t[i] = setting end
              return t
            end
            function MainDoRouting(user) end
            """);
        MailFlow mail = new MailFlow(server);

        mail.send("sender@client.example", List.of(USER), "Subject: settings\r\n\r\nsettings\r\n");

        mail.awaitDeliveries("settings", Map.of(USER, 1));
        assertThat(scripts.errors())
                .filteredOn(line -> line.contains(" MainGetSettings "))
                .singleElement()
                .asString()
                .endsWith("USER_REDIRECT.LUA MainGetSettings line 4 [BAD_RETURN]: settings[1].Description is 16777216"
                        + " bytes long (at most 998)");
    }

    /**
     * ERRORS.LUA's format text: each {@code %3} is the failed mail's subject, which its sender chose. The failure is
     * a real one, as in {@code ErrorsScriptTest}: LocalDelivery cannot store mail for a user over quota. The server's
     * own notice goes out instead.
     */
    @Test
    void aFormatRepeatingAPlaceholderMillionsOfTimesIsRefusedAndTheServersNoticeGoesOut(JamesLuaServer server)
            throws Exception {
        assertThat(new WebAdminClient(server.webAdminPort())
                        .put("/quota/users/" + FULL + "/size", "1")
                        .statusCode())
                .isEqualTo(204);
        scripts = new LuaScripts(server.scriptsFolder());
        scripts.install("ERRORS.LUA", """
            function ProcessError()
              return "notice", string.rep("%3", 8 * 1024 * 1024), "postmaster@example.local"
            end
            """);
        MailFlow mail = new MailFlow(server);

        mail.send("sender@client.example", List.of(FULL), "Subject: " + "s".repeat(100) + "\r\n\r\nhello\r\n");

        mail.awaitDeliveries("Error processing a message", Map.of(POSTMASTER, 1));
        assertThat(scripts.errors())
                .filteredOn(line -> line.contains(" ProcessError "))
                .singleElement()
                .asString()
                .endsWith("ERRORS.LUA ProcessError line 2 [BAD_RETURN]: the notice text would be 838860800 characters"
                        + " (at most 1048576)");
    }
}
