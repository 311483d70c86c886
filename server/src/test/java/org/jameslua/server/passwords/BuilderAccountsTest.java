package org.jameslua.server.passwords;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jameslua.server.passwords.Passwords.imapLoginWorks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jameslua.server.JamesLuaServer;
import org.jameslua.server.testing.JamesLuaServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The builder's accounts are configuration: a PASSWORDCHECK.LUA refusing every password does not stop the start. */
class BuilderAccountsTest {
    @TempDir
    static Path scripts;

    @RegisterExtension
    static JamesLuaServerExtension james = new JamesLuaServerExtension(builder -> builder.placeholder(
                    "SCRIPTS_DIR", refuseEverything(scripts).toString())
            .user("bob@example.local", "bob"));

    @Test
    void theServerStartsWithItsAccountsWhateverTheScriptSays(JamesLuaServer server) throws IOException {
        assertThat(imapLoginWorks(server, "user@example.local", "secret")).isTrue();
        assertThat(imapLoginWorks(server, "bob@example.local", "bob")).isTrue();
    }

    private static Path refuseEverything(Path folder) {
        try {
            Files.writeString(folder.resolve("PASSWORDCHECK.LUA"), "function Check() return false end");
            return folder;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
