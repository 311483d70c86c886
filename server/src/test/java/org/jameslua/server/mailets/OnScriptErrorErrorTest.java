package org.jameslua.server.mailets;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jameslua.server.JamesLuaServer;
import org.jameslua.server.testing.ConfTemplate;
import org.jameslua.server.testing.JamesLuaServerExtension;
import org.jameslua.server.testing.LuaScripts;
import org.jameslua.server.testing.MailFlow;
import org.jameslua.server.testing.MailRepositories;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code <onScriptError>error</onScriptError>} on SignatureMailet and UserRedirectMailet, and
 * {@code ;onScriptError=error} on the sample's LuaMatcher, over real SMTP: a SIGNATURE.LUA, USER_REDIRECT.LUA or
 * matcher function that throws sends the mail, with its recipients, once to the error repository and to no
 * mailbox.
 */
class OnScriptErrorErrorTest {
    private static final String PASSWORD = JamesLuaServer.DEFAULT_PASSWORD;
    private static final String SALES = "sales@example.local";
    private static final String RECIPIENT = "user@example.local";
    private static final String OTHER = "other@example.local";
    private static final String MATCHED = "matched@example.local";
    private static final String THROWING_SIGNATURE = """
        function GetSignature(format, authUser, sender)
          error("signature exploded")
        end
        """;
    private static final String THROWING_MATCHER = """
        function IsBulk(mail)
          error("matcher exploded")
        end
        """;
    private static final String THROWING_ROUTING = """
        function MainDoRouting(user)
          error("routing exploded")
        end
        """;

    @RegisterExtension
    static JamesLuaServerExtension james = new JamesLuaServerExtension(builder -> builder.user(SALES, PASSWORD)
            .user(OTHER, PASSWORD)
            .user(MATCHED, PASSWORD)
            .confTemplate(withOnScriptErrorError()));

    @AfterEach
    void putTheSamplesBack(JamesLuaServer server) throws IOException {
        new LuaScripts(server.scriptsFolder()).putBack();
    }

    @Test
    void aThrowingSignatureScriptSendsTheMailToTheErrorRepositoryOnceAndToNoMailbox(JamesLuaServer server)
            throws Exception {
        new LuaScripts(server.scriptsFolder()).install("SIGNATURE.LUA", THROWING_SIGNATURE);
        MailRepositories repositories = new MailRepositories(server);

        new MailFlow(server).sendAuthenticated(SALES, PASSWORD, SALES, List.of(RECIPIENT), message("sig error"));

        repositories.awaitMailTo(MailRepositories.ERROR, RECIPIENT);
        assertThat(repositories.recipientLists(MailRepositories.ERROR))
                .filteredOn(list -> list.contains(RECIPIENT))
                .containsExactly(List.of(RECIPIENT));
        assertThat(new MailFlow(server).messages(RECIPIENT, "sig error"::equals))
                .isEmpty();
    }

    @Test
    void aThrowingMatcherScriptSendsTheMailToTheErrorRepositoryOnceAndToNoMailbox(JamesLuaServer server)
            throws Exception {
        new LuaScripts(server.scriptsFolder()).install("ROUTING.LUA", THROWING_MATCHER);
        MailRepositories repositories = new MailRepositories(server);

        new MailFlow(server).send("someone@client.example", List.of(MATCHED), message("match error"));

        repositories.awaitMailTo(MailRepositories.ERROR, MATCHED);
        assertThat(repositories.recipientLists(MailRepositories.ERROR))
                .filteredOn(list -> list.contains(MATCHED))
                .containsExactly(List.of(MATCHED));
        assertThat(new MailFlow(server).messages(MATCHED, "match error"::equals))
                .isEmpty();
    }

    @Test
    void aThrowingRoutingScriptSendsTheWholeMailToTheErrorRepositoryOnce(JamesLuaServer server) throws Exception {
        new LuaScripts(server.scriptsFolder()).install("USER_REDIRECT.LUA", THROWING_ROUTING);
        MailRepositories repositories = new MailRepositories(server);

        new MailFlow(server).send("someone@client.example", List.of(OTHER), message("route error"));

        repositories.awaitMailTo(MailRepositories.ERROR, OTHER);
        assertThat(repositories.recipientLists(MailRepositories.ERROR))
                .filteredOn(list -> list.contains(OTHER))
                .containsExactly(List.of(OTHER));
        assertThat(new MailFlow(server).messages(OTHER, "route error"::equals)).isEmpty();
    }

    private static Path withOnScriptErrorError() {
        try {
            return ConfTemplate.bundledWithReplaced(
                    Files.createTempDirectory("conf-on-script-error"),
                    "mailetcontainer.xml",
                    Map.of(
                            "Example Ltd</signature>",
                            "Example Ltd</signature>\n<onScriptError>error</onScriptError>",
                            "<spamThreshold>5</spamThreshold>",
                            "<spamThreshold>5</spamThreshold>\n" + "<onScriptError>error</onScriptError>",
                            "LuaMatcher=ROUTING.LUA:IsBulk\"",
                            "LuaMatcher=ROUTING.LUA:IsBulk;onScriptError=error\""));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String message(String subject) {
        return "Subject: " + subject + "\r\n\r\nHello\r\n";
    }
}
