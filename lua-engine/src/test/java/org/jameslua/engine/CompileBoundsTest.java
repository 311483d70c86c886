package org.jameslua.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Compiling a file of the folder is bounded in time like a call: the compiler is quadratic in places, in Lua 5.2 as
 * in LuaJ, so a file within the size limit could keep a thread (an SMTP worker, a spool thread, and every thread
 * waiting for the same script) for many minutes. The script below, 300 KB, takes LuaJ 8 s to compile here (Lua 5.2
 * about 4 s); a file of 16 MiB holds fifty such functions.
 */
class CompileBoundsTest {
    private static final Limits ONE_SECOND = Limits.defaults().withWallTime(Duration.ofSeconds(1));

    @RegisterExtension
    final ScriptFixture scripts = new ScriptFixture();

    /**
     * A function returning a chain of 60,000 {@code or} (about the longest a function may hold, its jumps reaching
     * 131,071 instructions): each adds to a jump list that the compiler walks whole.
     */
    private static String slowToCompile() {
        return "function F() return 'compiled' end\nfunction G(a) return a" + " or a".repeat(60_000) + " end\n";
    }

    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aScriptLongerToCompileThanACallMayTakeIsACompileErrorAndTheLastVersionKeepsRunning() {
        scripts.write("SLOW.LUA", "function F() return 'first version' end\n");
        LuaEngine engine = scripts.engine(ONE_SECOND);
        try (ScriptInstance first = engine.newInstance("SLOW.LUA")) {
            assertThat(first.call("F")).isInstanceOf(CallResult.Returned.class);
        }
        scripts.write("SLOW.LUA", slowToCompile());

        try (ScriptInstance instance = engine.newInstance("SLOW.LUA")) {
            CallResult result = instance.call("F");

            assertThat(result).isInstanceOf(CallResult.Returned.class);
            assertThat(((CallResult.Returned) result).values().arg1().tojstring())
                    .isEqualTo("first version");
        }
        assertThat(scripts.errors())
                .singleElement()
                .asString()
                // at the line the compiler had reached, none while the Lua 5.0 rewriter reads the text first
                .matches(
                        ".* SLOW\\.LUA \\(compile\\)( line \\d+)? \\[COMPILE\\]: SLOW\\.LUA(:\\d+)?: compiling took longer"
                                + " than 1000 ms \\(limit\\.time\\.ms\\) \\(the last version that compiled keeps running\\)");
    }

    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aFileLoadedInACallCompilesWithinTheCallsTimeAndNothingOfItIsKept() {
        scripts.write("SLOW.LUA", slowToCompile());
        scripts.write("MAIN.LUA", "function Load()\n  dofile('SLOW.LUA')\nend\n");
        LuaEngine engine = scripts.engine(ONE_SECOND);

        try (ScriptInstance instance = engine.newInstance("MAIN.LUA")) {
            CallResult result = instance.call("Load");

            assertThat(result).isInstanceOf(CallResult.Failed.class);
            assertThat(((CallResult.Failed) result).error().toLogLine())
                    .isEqualTo("MAIN.LUA Load line 2 [TIMEOUT]: the call ran longer than 1000 ms");
        }
        // the next use compiles it again, within its own bound: a compile cut short is no compiled script
        assertThat(engine.quickInstance("SLOW.LUA")).isEmpty();
        assertThat(scripts.errors()).singleElement().asString().doesNotContain("COMPILE");
    }

    /**
     * A compiled script is charged to no instance, for as long as its file is unchanged: 15 MB of distinct string
     * constants kept 136 MiB. The folder's compiled scripts keep at most limit.retained.total.bytes together.
     */
    @Test
    void theFoldersCompiledScriptsKeepNoMoreTogetherThanTheirBoundAndAnEditReleasesWhatItsVersionKept() {
        LuaEngine engine = scripts.engine(LuaEngine.builder(scripts.folder())
                .serverLimits(ServerLimits.defaults().withRetainedTotal(4L * 1024 * 1024)));
        scripts.write("A.LUA", constants("A", 40_000));
        scripts.write("B.LUA", constants("B", 40_000));

        assertThat(engine.newInstance("A.LUA").defines("F")).isTrue();
        assertThat(engine.newInstance("B.LUA").defines("F")).isFalse();
        assertThat(scripts.errors())
                .singleElement()
                .asString()
                .endsWith(" B.LUA (compile) [COMPILE]: compiled, it would take what the folder's compiled scripts keep"
                        + " together past 4194304 bytes (limit.retained.total.bytes)");

        scripts.write("A.LUA", "function F() end\n");
        assertThat(engine.newInstance("A.LUA").defines("F")).isTrue();
        scripts.write("B.LUA", constants("B", 40_000) + "\n");
        assertThat(engine.newInstance("B.LUA").defines("F")).isTrue();
        assertThat(scripts.errors()).hasSize(1);
    }

    /** A function returning a table of distinct strings, each a constant of the compiled script (about 2.5 MiB). */
    private static String constants(String prefix, int count) {
        StringBuilder source = new StringBuilder("function F() return {");
        for (int i = 0; i < count; i++) {
            source.append('"').append(prefix).append(i).append("\",");
        }
        return source.append("} end\n").toString();
    }
}
