package org.jameslua.server.passwords;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.jameslua.server.JamesLuaServer;
import org.jameslua.server.testing.ImapMailboxReader;

/** PASSWORDCHECK.LUA for the tests, and whether a password opens a mailbox. */
final class Passwords {
    static final String DIGIT_REQUIRED = """
        function Check(user, password, minLength)
          return string.find(password, "%d") ~= nil
        end
        """;

    private Passwords() {}

    static void installCheck(JamesLuaServer server) throws IOException {
        Files.writeString(
                server.workingDirectory().resolve("scripts").resolve("PASSWORDCHECK.LUA"),
                DIGIT_REQUIRED,
                StandardCharsets.UTF_8);
    }

    /** True when IMAP LOGIN succeeds, false when the server answers it NO. */
    static boolean imapLoginWorks(JamesLuaServer server, String user, String password) throws IOException {
        try (ImapMailboxReader reader = ImapMailboxReader.login("127.0.0.1", server.imapPort(), user, password)) {
            return true;
        } catch (IOException e) {
            if (String.valueOf(e.getMessage()).matches("LOGIN failed: t\\d+ NO .*")) {
                return false;
            }
            throw e;
        }
    }

    static String body(String password) {
        return "{\"password\":\"" + password + "\"}";
    }
}
