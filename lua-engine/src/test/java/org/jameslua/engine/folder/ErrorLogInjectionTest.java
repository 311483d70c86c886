package org.jameslua.engine.folder;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.jameslua.engine.LogText;
import org.jameslua.engine.ScriptFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A script cannot forge LUAERRORS.LOG entries: whatever its message holds, one error is one line. */
class ErrorLogInjectionTest {
    @RegisterExtension
    final ScriptFixture scripts = new ScriptFixture();

    @Test
    void controlCharactersAreShownAsEscapes() {
        assertThat(LogText.escape("a\r\nb\0c\u0001\u001b[31m\u007f\u0085d\u2028e\tf"))
                .isEqualTo("a\\r\\nb\\0c\\x01\\x1b[31m\\x7f\\x85d\\u2028e\\x09f");
        assertThat(LogText.escape("plain text, é and \\n as typed")).isEqualTo("plain text, é and \\n as typed");
    }

    @Test
    void aLongTextIsLoggedAsAnExcerptWithItsLength() {
        assertThat(LogText.escape("\u0001".repeat(20_000))).isEqualTo("\\x01".repeat(4096) + "... (20000 characters)");
    }

    @Test
    void anErrorWithLineBreaksAndNulIsOneLine() throws Exception {
        scripts.write(
                "SMTPSVR.LUA", "function DoHELO()\n  error(\"bad\\r\\n250 injected\\0\" .. string.char(1, 27))\nend\n");

        scripts.engine().newInstance("SMTPSVR.LUA").call("DoHELO");

        String log = Files.readString(scripts.folder().resolve("LUAERRORS.LOG"), StandardCharsets.ISO_8859_1);
        assertThat(log).doesNotContain("\r", "\0", "\u0001", "\u001b").endsWith("\n");
        assertThat(log.lines())
                .singleElement()
                .asString()
                .contains("SMTPSVR.LUA DoHELO line 2 [RUNTIME]")
                .endsWith("bad\\r\\n250 injected\\0\\x01\\x1b");
    }

    @Test
    void aRefusalNamingAForgedPathIsOneLine() throws Exception {
        scripts.write("SMTPSVR.LUA", "function DoHELO()\n  dofile(\"../x\\n2026-01-01 00:00:00.000 FORGED\")\nend\n");

        scripts.engine().newInstance("SMTPSVR.LUA").call("DoHELO");

        String log = Files.readString(scripts.folder().resolve("LUAERRORS.LOG"), StandardCharsets.ISO_8859_1);
        assertThat(log.lines())
                .singleElement()
                .asString()
                .contains("[SANDBOX]")
                .contains("../x\\n2026-01-01 00:00:00.000 FORGED");
    }
}
