package org.jameslua.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class QuickInstanceTest {
    private static final String SCRIPT = "SMTPSVR.LUA";

    @RegisterExtension
    final ScriptFixture scripts = new ScriptFixture();

    @Test
    void aStraightLineMainChunkGivesAnInstanceOfThatVersion() {
        scripts.write(
                SCRIPT,
                "local blocked = { '%.exe$', '%.scr$' }\n"
                        + "greeting = 'hello'\n"
                        + "limit = 10 * 1024 + #greeting\n"
                        + "if limit > 5 then size = 'big' else size = 'small' end\n"
                        + "local t = {a = 1}\n"
                        + "t.b = t.a + 1\n"
                        + "function DoHELO(host) return false, greeting .. ' ' .. host .. ' ' .. size end\n"
                        + "function Blocked() return blocked[1] end");
        LuaEngine engine = compiled();

        Optional<ScriptInstance> instance = engine.quickInstance(SCRIPT);

        assertThat(instance).isPresent();
        assertThat(instance.get().defines("DoHELO")).isTrue();
        assertThat(((CallResult.Returned) instance.get().call("DoHELO", org.luaj.vm2.LuaValue.valueOf("a.example")))
                        .values()
                        .arg(2)
                        .tojstring())
                .isEqualTo("hello a.example big");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "print('loading')",
                "local x = tostring(1)",
                "if not os then return os.time() end",
                "local n = 0 while n < 3 do n = n + 1 end",
                "local n = 0 repeat n = n + 1 until n > 3",
                "local n = 0 ::again:: n = n + 1 if n < 3 then goto again end",
                "for i = 1, 3 do end",
                "for k, v in pairs(_G) do end",
                "for k, v in {} do end",
                "local s = 'ab' s = s .. s",
                "local t = setmetatable({}, {__index = function() return 1 end}) local x = t.y"
            })
    void aMainChunkThatLoopsCallsOrConcatenatesGivesNone(String mainChunk) {
        scripts.write(SCRIPT, mainChunk + "\nfunction Start() return '' end");
        LuaEngine engine = compiled();

        assertThat(engine.quickInstance(SCRIPT)).isEmpty();
        assertThat(engine.newInstance(SCRIPT).defines("Start")).isTrue();
    }

    // each comparison of two long strings alike up to their end reads both, so a straight line of them does work
    // the square of the source's size: 2 strings of 64 KiB compared 20000 times took 40 ms on the caller's thread
    @Test
    void aMainChunkComparingLongStringsOverAndOverGivesNone() {
        String text = "x".repeat(64 * 1024);
        scripts.write(
                SCRIPT,
                "local a, b = '" + text + "a', '" + text + "b'\n" + "c = a < b\n".repeat(20000)
                        + "function Start() return '' end");
        LuaEngine engine = compiled();

        assertThat(engine.quickInstance(SCRIPT)).isEmpty();
        assertThat(engine.newInstance(SCRIPT).defines("Start")).isTrue();
    }

    // arithmetic on a string parses it: 20000 sums on a numeric string of 64 KiB took 110 ms on the caller's thread
    @Test
    void aMainChunkDoingArithmeticOnALongNumericStringOverAndOverGivesNone() {
        scripts.write(
                SCRIPT,
                "local a = '" + "1".repeat(64 * 1024) + "'\n" + "c = a + 0\n".repeat(20000)
                        + "function Start() return '' end");
        LuaEngine engine = compiled();

        assertThat(engine.quickInstance(SCRIPT)).isEmpty();
    }

    // the error names the global: reporting it took 70 ms each time (the instance of each connection)
    @Test
    void aMainChunkFailingOnAGlobalWithAVeryLongNameGivesNone() {
        scripts.write(SCRIPT, "x = " + "A".repeat(1 << 20) + ".y\n");
        LuaEngine engine = compiled();

        assertThat(engine.quickInstance(SCRIPT)).isEmpty();
    }

    // a key stored in a table is compared with each one there of the same hash, which LuaJ takes from 32 of a long
    // string's bytes: 250 keys of 16000 bytes alike but for two unsampled ones took 172 ms on the caller's thread
    @Test
    void aMainChunkStoringManyLongKeysOfOneHashGivesNone() {
        StringBuilder source = new StringBuilder("local t = {}\n");
        String alike = "x".repeat(16000 - 3);
        for (int key = 0; key < 250; key++) {
            source.append("t['")
                    .append(alike)
                    .append((char) ('a' + key / 26))
                    .append((char) ('a' + key % 26))
                    .append("y'] = 1\n");
        }
        scripts.write(SCRIPT, source + "function Start() return '' end");
        LuaEngine engine = compiled();

        assertThat(engine.quickInstance(SCRIPT)).isEmpty();
        assertThat(engine.newInstance(SCRIPT).defines("Start")).isTrue();
    }

    // a straight line as long as a script may be (16 MiB) is millions of instructions: 65 ms for each instance
    @Test
    void aVeryLongStraightLineGivesNone() {
        scripts.write(SCRIPT, "a = 1\n".repeat(1 << 20) + "function Start() return '' end");
        LuaEngine engine = compiled();

        assertThat(engine.quickInstance(SCRIPT)).isEmpty();
        assertThat(engine.newInstance(SCRIPT).defines("Start")).isTrue();
    }

    @Test
    void loopsAndCallsInsideTheFunctionsItDefinesDoNotCount() {
        scripts.write(
                SCRIPT,
                "function Start()\n  for i = 1, 3 do print(i) end\n  while false do end\n  return ''\nend\n"
                        + "function End() for k in pairs(_G) do end end");

        assertThat(compiled().quickInstance(SCRIPT)).isPresent();
    }

    @Test
    void aScriptChangedOnDiskIsLeftForTheCompilingPath() {
        scripts.write(SCRIPT, "function Start() return '' end");
        LuaEngine engine = compiled();
        scripts.write(SCRIPT, "function Start() return '220 new' end");

        assertThat(engine.quickInstance(SCRIPT)).isEmpty();
        assertThat(engine.newInstance(SCRIPT).defines("Start")).isTrue();
        assertThat(engine.quickInstance(SCRIPT)).isPresent();
    }

    @Test
    void aScriptNeverAskedForIsLeftForTheCompilingPath() {
        scripts.write(SCRIPT, "function Start() return '' end");

        assertThat(scripts.engine().quickInstance(SCRIPT)).isEmpty();
    }

    @Test
    void aMissingScriptGivesTheInstanceThatDefinesNothing() {
        LuaEngine engine = compiled();

        assertThat(engine.quickInstance(SCRIPT))
                .hasValueSatisfying(
                        instance -> assertThat(instance.defines("Start")).isFalse());
    }

    @Test
    void aScriptThatNeverCompiledGivesTheInstanceThatDefinesNothing() {
        scripts.write(SCRIPT, "function Start( return '' end");
        LuaEngine engine = compiled();

        assertThat(engine.quickInstance(SCRIPT))
                .hasValueSatisfying(
                        instance -> assertThat(instance.defines("Start")).isFalse());
    }

    @Test
    void aVersionThatNoLongerCompilesKeepsTheLastOneThatDid() {
        scripts.write(SCRIPT, "function Start() return '' end");
        LuaEngine engine = compiled();
        scripts.write(SCRIPT, "function Start( return '' end");
        engine.newInstance(SCRIPT);

        assertThat(engine.quickInstance(SCRIPT))
                .hasValueSatisfying(
                        instance -> assertThat(instance.defines("Start")).isTrue());
    }

    @Test
    void aLua50ScriptIsJudgedAsRewritten() {
        scripts.write(SCRIPT, "local t = {1, 2}\nfunction Count(...) return arg.n end\nfunction Start() return '' end");
        assertThat(compiled().quickInstance(SCRIPT)).isPresent();

        scripts.write(SCRIPT, "for k, v in {1, 2} do x = v end\nfunction Start() return '' end");
        LuaEngine engine = compiled();
        assertThat(engine.quickInstance(SCRIPT)).isEmpty();
    }

    // an engine that has compiled the script once, as a host's first (worker) instance does
    private LuaEngine compiled() {
        LuaEngine engine = scripts.engine();
        engine.newInstance(SCRIPT).close();
        return engine;
    }
}
