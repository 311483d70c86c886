package org.jameslua.server.mailets;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import javax.mail.internet.MimeMessage;
import org.jameslua.server.JamesLuaServer;
import org.jameslua.server.testing.JamesLuaServerExtension;
import org.jameslua.server.testing.LuaScripts;
import org.jameslua.server.testing.MailFlow;
import org.jameslua.server.testing.MailRepositories;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code onScriptError} left at {@code pass} (the shipped configuration) over real SMTP: a SIGNATURE.LUA or
 * USER_REDIRECT.LUA that throws is logged, and the mail is delivered once, as without the script.
 */
class OnScriptErrorPassTest {
    private static final String PASSWORD = JamesLuaServer.DEFAULT_PASSWORD;
    private static final String SALES = "sales@example.local";
    private static final String RECIPIENT = "user@example.local";
    private static final String OTHER = "other@example.local";
    private static final String THROWING_SIGNATURE = """
        function GetSignature(format, authUser, sender)
          error("signature exploded")
        end
        """;
    private static final String THROWING_ROUTING = """
        function MainDoRouting(user)
          error("routing exploded")
        end
        """;

    @RegisterExtension
    static JamesLuaServerExtension james =
            new JamesLuaServerExtension(builder -> builder.user(SALES, PASSWORD).user(OTHER, PASSWORD));

    @AfterEach
    void putTheSamplesBack(JamesLuaServer server) throws IOException {
        new LuaScripts(server.scriptsFolder()).putBack();
    }

    @Test
    void aThrowingSignatureScriptLeavesTheMailetsSignatureAndTheMailIsDeliveredOnce(JamesLuaServer server)
            throws Exception {
        LuaScripts scripts = new LuaScripts(server.scriptsFolder());
        scripts.install("SIGNATURE.LUA", THROWING_SIGNATURE);

        new MailFlow(server).sendAuthenticated(SALES, PASSWORD, SALES, List.of(RECIPIENT), message("sig pass"));

        MimeMessage delivered = new MailFlow(server).awaitSingle(RECIPIENT, "sig pass", Map.of(RECIPIENT, 1));
        assertThat((String) delivered.getContent()).startsWith("Hello").contains("Example Ltd");
        assertThat(new MailRepositories(server).recipientLists(MailRepositories.ERROR))
                .isEmpty();
        assertThat(scripts.errors()).anyMatch(line -> line.contains("signature exploded"));
    }

    @Test
    void aThrowingRoutingScriptDeliversToTheMailboxOnce(JamesLuaServer server) throws Exception {
        LuaScripts scripts = new LuaScripts(server.scriptsFolder());
        scripts.install("USER_REDIRECT.LUA", THROWING_ROUTING);

        new MailFlow(server).send("someone@client.example", List.of(OTHER), message("route pass"));

        new MailFlow(server).awaitSingle(OTHER, "route pass", Map.of(OTHER, 1));
        assertThat(new MailRepositories(server).recipientLists(MailRepositories.ERROR))
                .isEmpty();
        assertThat(scripts.errors()).anyMatch(line -> line.contains("routing exploded"));
    }

    private static String message(String subject) {
        return "Subject: " + subject + "\r\n\r\nHello\r\n";
    }
}
