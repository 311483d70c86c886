package org.jameslua.smtp.globals;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jameslua.engine.LuaEngine;
import org.jameslua.engine.ScriptInstance;
import org.jameslua.james.script.LuaValues;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaValue;

/** A string global is read as every other string a script hands the pack: UTF-8, else Windows-1252. */
class GlobalValuesTest {
    private static final String NAME = "RBLRejectMessage";

    @TempDir
    Path folder;

    private LuaEngine engine;
    private ScriptInstance instance;
    private final List<String> problems = new ArrayList<>();

    @BeforeEach
    void instance() {
        engine = LuaEngine.builder(folder).build();
        instance = engine.newInstance("SMTPSVR.LUA");
    }

    @AfterEach
    void close() {
        engine.close();
    }

    @Test
    void aWindows1252StringReadsAsLuaValuesReadsIt() {
        // "Refusé à l'entrée" as a script saved in Windows-1252 holds it: not valid UTF-8
        LuaString windows1252 = LuaString.valueOf(
                "Refus\u00e9 \u00e0 l'entr\u00e9e".getBytes(java.nio.charset.Charset.forName("windows-1252")));
        instance.set(NAME, windows1252);

        String read = GlobalValues.string(instance, NAME, "Refused", problems::add);

        assertThat(read).isEqualTo("Refus\u00e9 \u00e0 l'entr\u00e9e");
        assertThat(read).isEqualTo(LuaValues.string(windows1252, NAME, ""));
        assertThat(GlobalValues.string(instance, NAME, read, problems::add)).isSameAs(read);
        assertThat(problems).isEmpty();
    }

    @Test
    void aUtf8StringReadsAsUtf8() {
        LuaString utf8 = LuaString.valueOf("Refus\u00e9 \u2013 5.7.1".getBytes(StandardCharsets.UTF_8));
        instance.set(NAME, utf8);

        String read = GlobalValues.string(instance, NAME, "Refused", problems::add);

        assertThat(read).isEqualTo("Refus\u00e9 \u2013 5.7.1");
        assertThat(GlobalValues.string(instance, NAME, read, problems::add)).isEqualTo(read);
    }

    @Test
    void aValueOfAnotherTypeIsReportedAndPutBack() {
        instance.set(NAME, LuaValue.valueOf(5));

        assertThat(GlobalValues.string(instance, NAME, "Refused", problems::add))
                .isEqualTo("Refused");
        assertThat(problems).containsExactly("global " + NAME + " must be a string, not number; it stays \"Refused\"");
        assertThat(instance.get(NAME).tojstring()).isEqualTo("Refused");
    }
}
