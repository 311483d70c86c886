package org.jameslua.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Command lines the --smtp and --mail modes refuse, before any James starts. */
class ToolArgumentsTest {
    @TempDir
    Path folder;

    @Test
    void smtpRunsOnlySmtpsvrLua() {
        assertThat(run("--folder", folder.toString(), "--smtp", "ROUTING.LUA"))
                .isEqualTo("2 --smtp runs SMTPSVR.LUA, the script James's SMTP server runs, not ROUTING.LUA");
    }

    @Test
    void theClientIsOnLoopback() throws Exception {
        Files.writeString(folder.resolve("SMTPSVR.LUA"), "");
        assertThat(run("--folder", folder.toString(), "--smtp", "--from", "192.0.2.7", "SMTPSVR.LUA"))
                .startsWith("1 --from 192.0.2.7: the session is a real connection on loopback");
    }

    @Test
    void mailRunsOnlyMailetScripts() throws Exception {
        Path eml = Files.writeString(folder.resolve("m.eml"), "Subject: x\r\n\r\nx\r\n");
        assertThat(run("--folder", folder.toString(), "--mail", eml.toString(), "--script", "SMTPSVR.LUA"))
                .isEqualTo("1 --script SMTPSVR.LUA: a mailet script is one of USER_REDIRECT.LUA, SIGNATURE.LUA, "
                        + "ERRORS.LUA, RELAYOUT.LUA, MXOUT.LUA, POP3CLT.LUA");
    }

    @Test
    void optionsOfTheOtherModeAreRefused() {
        assertThat(run("--smtp", "--rcpt", "a@b.example", "SMTPSVR.LUA"))
                .startsWith("2 james-lua-run: --user, --sender, --rcpt and --error go with --mail");
        assertThat(run("--mail", "m.eml", "--from", "127.0.0.3", "--script", "USER_REDIRECT.LUA"))
                .startsWith("2 james-lua-run: --from goes with --smtp");
    }

    /** The exit status and the first line printed. */
    private String run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = ToolsMain.run(
                List.of(args),
                InputStream.nullInputStream(),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                folder);
        return status + " "
                + out.toString(StandardCharsets.UTF_8).lines().findFirst().orElse("");
    }
}
