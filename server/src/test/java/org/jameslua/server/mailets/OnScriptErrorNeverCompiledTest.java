package org.jameslua.server.mailets;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jameslua.server.JamesLuaServer;
import org.jameslua.server.testing.ConfTemplate;
import org.jameslua.server.testing.JamesLuaServerExtension;
import org.jameslua.server.testing.MailFlow;
import org.jameslua.server.testing.MailRepositories;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code <onScriptError>error</onScriptError>} with a USER_REDIRECT.LUA that was broken while James was stopped:
 * there is no last version that compiled to run, and the mail goes to the error repository, not past the routing
 * the operator relies on.
 */
class OnScriptErrorNeverCompiledTest {
    private static final String OTHER = "other@example.local";
    private static final Path WORKING_DIRECTORY = brokenWhileJamesWasStopped();

    @RegisterExtension
    static JamesLuaServerExtension james =
            new JamesLuaServerExtension(builder -> builder.user(OTHER, JamesLuaServer.DEFAULT_PASSWORD)
                    .workingDirectory(WORKING_DIRECTORY)
                    .confTemplate(withOnScriptErrorError()));

    @AfterAll
    static void deleteWorkingDirectory() throws IOException {
        try (Stream<Path> paths = Files.walk(WORKING_DIRECTORY)) {
            paths.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        }
    }

    @Test
    void aRoutingScriptThatNeverCompiledSendsTheMailToTheErrorRepository(JamesLuaServer server) throws Exception {
        MailRepositories repositories = new MailRepositories(server);

        new MailFlow(server).send("someone@client.example", List.of(OTHER), "Subject: unrouted\r\n\r\nHello\r\n");

        repositories.awaitMailTo(MailRepositories.ERROR, OTHER);
        assertThat(new MailFlow(server).messages(OTHER, "unrouted"::equals)).isEmpty();
    }

    private static Path brokenWhileJamesWasStopped() {
        try {
            Path root = Files.createTempDirectory("james-lua-never-compiled-");
            Files.createDirectories(root.resolve("scripts"));
            Files.writeString(root.resolve("scripts/USER_REDIRECT.LUA"), "function MainDoRouting(user)\n");
            return root;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path withOnScriptErrorError() {
        try {
            return ConfTemplate.bundledWithReplaced(
                    Files.createTempDirectory("conf-on-script-error"),
                    "mailetcontainer.xml",
                    Map.of(
                            "<spamThreshold>5</spamThreshold>",
                            "<spamThreshold>5</spamThreshold>\n<onScriptError>error</onScriptError>"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
