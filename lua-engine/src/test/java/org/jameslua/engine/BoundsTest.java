package org.jameslua.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import org.jameslua.engine.host.FolderHost;
import org.jameslua.engine.host.Host;
import org.jameslua.engine.host.UserSettings;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Runaway scripts end with a logged error inside their budget, and the instance and JVM go on. */
class BoundsTest {
    @RegisterExtension
    final ScriptFixture scripts = new ScriptFixture();

    @Test
    void aStringRepBombIsRefusedBeforeAllocating() {
        assertFailsWith("return string.rep('x', 2^30)", ScriptError.Kind.MEMORY);
    }

    @Test
    void aDoublingStringIsStoppedByTheAllocationBudget() {
        assertFailsWith("local s = 'x' while true do s = s .. s end", ScriptError.Kind.MEMORY,
                Limits.defaults().withAllocatedBytes(64L * 1024 * 1024));
    }

    @Test
    void anEverGrowingTableIsStoppedByTheAllocationBudget() {
        assertFailsWith("local t = {} local i = 0 while true do i = i + 1 t[i] = {i} end", ScriptError.Kind.MEMORY,
                Limits.defaults().withAllocatedBytes(64L * 1024 * 1024));
    }

    @Test
    void aHugeTableConcatIsRefused() {
        assertFailsWith("local t = {} local s = string.rep('x', 1024 * 1024) for i = 1, 200 do t[i] = s end"
                + " return table.concat(t)", ScriptError.Kind.MEMORY);
    }

    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aBacktrackingPatternEndsAtTheTimeBudget() {
        assertFailsWith("return string.find(string.rep('a', 20000), '.-.-.-.-.-b')", ScriptError.Kind.TIMEOUT,
                Limits.defaults().withWallTime(Duration.ofMillis(300)));
    }

    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aBackReferenceSearchCalledAsAMethodEndsAtTheTimeBudget() {
        assertFailsWith("return ('a'):rep(1e5):match('(.-)%1b')", ScriptError.Kind.TIMEOUT,
                Limits.defaults().withWallTime(Duration.ofMillis(300)));
    }

    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void pcallCannotCatchTheTimeBudgetOfAPattern() {
        assertFailsWith("local s = string.rep('a', 20000) for i = 1, 100 do pcall(string.gsub, s, '.-.-.-b', '') end",
                ScriptError.Kind.TIMEOUT, Limits.defaults().withWallTime(Duration.ofMillis(300)));
    }

    @Test
    void aStringFormatBombIsStoppedAtTheStringLimit() {
        assertFailsWith("local s = string.rep('x', 1000) return string.format(string.rep('%s', 2000), "
                + "table.unpack((function() local t = {} for i = 1, 2000 do t[i] = s end return t end)()))",
                ScriptError.Kind.MEMORY, Limits.defaults().withStringLength(1024 * 1024));
        assertThat(scripts.errors()).anySatisfy(line -> assertThat(line).contains("over the limit"));
    }

    @Test
    void aGsubBombIsStoppedAtTheStringLimit() {
        assertFailsWith("return string.rep('x', 1e6):gsub('.', string.rep('y', 1000))", ScriptError.Kind.MEMORY);
        assertThat(scripts.errors()).anySatisfy(line -> assertThat(line).contains("over the limit"));
    }

    @Test
    void runawayRecursionIsAStackOverflowError() {
        assertFailsWith("local function f(n) return f(n + 1) + 1 end return f(1)", ScriptError.Kind.RUNTIME);
        assertThat(scripts.errors()).anySatisfy(line -> assertThat(line).contains("stack overflow"));
    }

    @Test
    void pcallCanCatchAStackOverflowAsInLua() {
        scripts.write("S.LUA", "function Go() local function f(n) return f(n + 1) + 1 end"
                + " local ok = pcall(f, 1) return ok end");

        var result = scripts.engine().newInstance("S.LUA").call("Go");

        assertThat(((CallResult.Returned) result).values().arg1().toboolean()).isFalse();
    }

    @Test
    void aLongSleepEndsAtTheTimeBudget() {
        assertFailsWith("os.sleep(3600 * 1000)", ScriptError.Kind.TIMEOUT,
                Limits.defaults().withWallTime(Duration.ofMillis(300)));
    }

    @Test
    void aCoroutineFloodIsBounded() {
        assertFailsWith("for i = 1, 1000 do local co = coroutine.create(function() coroutine.yield() end)"
                + " assert(coroutine.resume(co)) end", ScriptError.Kind.RUNTIME,
                Limits.defaults().withCoroutines(8));
    }

    @Test
    void anInfiniteLoopInsideACoroutineIsStopped() {
        assertFailsWith("local co = coroutine.wrap(function() while true do end end) co()", ScriptError.Kind.TIMEOUT,
                Limits.defaults().withWallTime(Duration.ofMillis(300)));
    }

    @Test
    void aChunkLoadedWithItsOwnEnvironmentIsBoundedToo() {
        assertFailsWith("load('while true do end', 'spin', 't', {})()", ScriptError.Kind.TIMEOUT,
                Limits.defaults().withWallTime(Duration.ofMillis(300)));
    }

    /**
     * A host call cannot be stopped under way, but the budget is checked as soon as it returns: here no Lua
     * instruction runs between the calls (table.sort calls the helper directly), so the hook never would.
     */
    @Test
    void chainedSlowHostCallsEndAtTheTimeBudget() {
        AtomicInteger calls = new AtomicInteger();
        Host files = FolderHost.in(scripts.folder());
        UserSettings slow = new UserSettings() {
            @Override
            public Optional<String> get(String user, String name) {
                calls.incrementAndGet();
                sleep(Duration.ofMillis(200));
                return Optional.empty();
            }

            @Override
            public boolean set(String user, String name, String value) {
                return false;
            }

            @Override
            public boolean remove(String user, String name) {
                return false;
            }
        };
        scripts.write("S.LUA", "function Go() local t = {} for i = 1, 50 do t[i] = 'u' .. i end"
                + " table.sort(t, VPOP3.GetUserSetting) end");
        LuaEngine engine = scripts.engine(LuaEngine.builder(scripts.folder())
                .host(new Host(files.settings(), files.users(), slow))
                .limits(Limits.defaults().withWallTime(Duration.ofMillis(500))));

        CallResult result = engine.newInstance("S.LUA").call("Go");

        assertThat(((CallResult.Failed) result).error().kind()).isEqualTo(ScriptError.Kind.TIMEOUT);
        assertThat(calls.get()).isLessThan(20);
    }

    @Test
    void otherInstancesKeepWorkingWhileOneSpins() throws Exception {
        scripts.write("S.LUA", "function Spin() while true do end end function Add(a, b) return a + b end");
        LuaEngine engine = scripts.engine(Limits.defaults().withWallTime(Duration.ofSeconds(2)));
        Thread spinner = new Thread(() -> engine.newInstance("S.LUA").call("Spin"));
        spinner.start();

        var result = engine.newInstance("S.LUA").call("Add",
                org.luaj.vm2.LuaValue.valueOf(2), org.luaj.vm2.LuaValue.valueOf(3));

        assertThat(((CallResult.Returned) result).values().arg1().toint()).isEqualTo(5);
        spinner.join(10_000);
        assertThat(spinner.isAlive()).isFalse();
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void aPrintLoopStopsAtTheOutputLimit() throws Exception {
        assertFailsWith("while true do print(string.rep('x', 99)) end", ScriptError.Kind.MEMORY,
                Limits.defaults().withOutputBytes(10_000));

        assertThat(scripts.luaOut()).hasSize(100).allSatisfy(line -> assertThat(line).hasSize(99));
        assertThat(scripts.errors()).anySatisfy(line -> assertThat(line).contains("printed more than 10000 bytes"));
    }

    private void assertFailsWith(String body, ScriptError.Kind kind) {
        assertFailsWith(body, kind, Limits.defaults());
    }

    private void assertFailsWith(String body, ScriptError.Kind kind, Limits limits) {
        scripts.write("S.LUA", "function Go() " + body + " end function Ok() return 'ok' end");
        ScriptInstance instance = scripts.engine(limits).newInstance("S.LUA");

        CallResult result = instance.call("Go");

        assertThat(result).isInstanceOf(CallResult.Failed.class);
        assertThat(((CallResult.Failed) result).error().kind()).isEqualTo(kind);
        assertThat(scripts.errors()).anySatisfy(line -> assertThat(line).contains("S.LUA Go"));
        assertThat(((CallResult.Returned) instance.call("Ok")).values().arg1().tojstring()).isEqualTo("ok");
        instance.close();
    }
}
