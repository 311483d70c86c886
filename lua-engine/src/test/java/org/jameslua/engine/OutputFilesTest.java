package org.jameslua.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.luaj.vm2.LuaValue;

/**
 * What a script sees of LUA.OUT and LUAERRORS.LOG kept to the engine's {@code logFileBytes}: the files rotate, and
 * one that cannot be written or rotated costs the script nothing, the host being told once.
 */
class OutputFilesTest {
    @RegisterExtension
    final ScriptFixture scripts = new ScriptFixture();

    private final List<String> problems = new CopyOnWriteArrayList<>();

    @Test
    void theEngineUsesTenMebibytesUnlessTold() {
        assertThat(scripts.engine().serverLimits().logFileBytes()).isEqualTo(10 * 1024 * 1024);
    }

    @Test
    void printRotatesLuaOutAtTheEnginesLimit() throws Exception {
        scripts.write("SMTPSVR.LUA", "function Start(n) for i = 1, n do print(string.format('line %03d', i)) end end");

        engine(100).newInstance("SMTPSVR.LUA").call("Start", LuaValue.valueOf(25));

        // 9 bytes a line: eleven fit in 100
        assertThat(Files.readAllLines(scripts.folder().resolve("LUA.OUT.1")))
                .containsExactly(
                        "line 012",
                        "line 013",
                        "line 014",
                        "line 015",
                        "line 016",
                        "line 017",
                        "line 018",
                        "line 019",
                        "line 020",
                        "line 021",
                        "line 022");
        assertThat(scripts.luaOut()).containsExactly("line 023", "line 024", "line 025");
    }

    @Test
    void printWritesTheBytesOfItsTextAsTheyAre() throws Exception {
        // Windows-1252 "café", a byte that starts no UTF-8 character, a zero byte, UTF-8 "é": as Lua 5.2 writes them
        scripts.write("SMTPSVR.LUA", "function Start() print('caf\\233', '\\2553\\\\', 'a\\0b', '\\195\\169') end");

        engine(1000).newInstance("SMTPSVR.LUA").call("Start");

        assertThat(Files.readAllBytes(scripts.folder().resolve("LUA.OUT")))
                .containsExactly('c', 'a', 'f', 0xE9, '\t', 0xFF, '3', '\\', '\t', 'a', 0, 'b', '\t', 0xC3, 0xA9, '\n');
    }

    @Test
    void aLuaOutThatCannotBeRotatedNeitherFailsTheScriptNorGrows() throws Exception {
        Files.createDirectories(scripts.folder().resolve("LUA.OUT.1/in the way"));
        scripts.write(
                "SMTPSVR.LUA", "function Start() for i = 1, 50 do print('a line of output') end return 'done' end");

        CallResult result = engine(100).newInstance("SMTPSVR.LUA").call("Start");

        assertThat(result).isInstanceOf(CallResult.Returned.class);
        assertThat(((CallResult.Returned) result).values().arg1().tojstring()).isEqualTo("done");
        assertThat(Files.size(scripts.folder().resolve("LUA.OUT"))).isLessThanOrEqualTo(100);
        assertThat(scripts.errors()).isEmpty();
        assertThat(problems).singleElement().asString().contains("cannot be renamed to LUA.OUT.1");
    }

    @Test
    void aLuaErrorsLogThatCannotBeWrittenStillGivesTheHostTheFailure() {
        scripts.write("SMTPSVR.LUA", "function DoHELO() error('bad') end");
        LuaEngine engine = engine(100);
        List<ScriptError> heard = new CopyOnWriteArrayList<>();
        engine.errorLog().addListener(heard::add);
        scripts.write("LUAERRORS.LOG/in the way", "");

        CallResult first = engine.newInstance("SMTPSVR.LUA").call("DoHELO");
        CallResult second = engine.newInstance("SMTPSVR.LUA").call("DoHELO");

        assertThat(List.of(first, second)).allMatch(result -> result instanceof CallResult.Failed);
        assertThat(heard).hasSize(2);
        assertThat(problems).singleElement().asString().contains("LUAERRORS.LOG cannot be written");
    }

    private LuaEngine engine(long logFileBytes) {
        return scripts.engine(LuaEngine.builder(scripts.folder())
                .serverLimits(ServerLimits.defaults().withLogFileBytes(logFileBytes))
                .fileProblems(problems::add));
    }
}
