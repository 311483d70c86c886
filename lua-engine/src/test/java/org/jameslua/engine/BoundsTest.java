package org.jameslua.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.assertj.core.api.SoftAssertions;
import org.jameslua.engine.host.FolderHost;
import org.jameslua.engine.host.Host;
import org.jameslua.engine.host.UserSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

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
        assertFailsWith(
                "local s = 'x' while true do s = s .. s end",
                ScriptError.Kind.MEMORY,
                Limits.defaults().withAllocatedBytes(64L * 1024 * 1024).withWallTime(Duration.ofSeconds(60)));
    }

    @Test
    void aHugeTableConcatIsRefused() {
        assertFailsWith(
                "local t = {} local s = string.rep('x', 1024 * 1024) for i = 1, 200 do t[i] = s end"
                        + " return table.concat(t)",
                ScriptError.Kind.MEMORY);
    }

    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aBacktrackingPatternEndsAtTheTimeBudget() {
        assertFailsWith(
                "return string.find(string.rep('a', 20000), '.-.-.-.-.-b')",
                ScriptError.Kind.TIMEOUT,
                Limits.defaults().withWallTime(Duration.ofMillis(300)));
    }

    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aBackReferenceSearchCalledAsAMethodEndsAtTheTimeBudget() {
        assertFailsWith(
                "return ('a'):rep(1e5):match('(.-)%1b')",
                ScriptError.Kind.TIMEOUT, Limits.defaults().withWallTime(Duration.ofMillis(300)));
    }

    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void pcallCannotCatchTheTimeBudgetOfAPattern() {
        assertFailsWith(
                "local s = string.rep('a', 20000) for i = 1, 100 do pcall(string.gsub, s, '.-.-.-b', '') end",
                ScriptError.Kind.TIMEOUT,
                Limits.defaults().withWallTime(Duration.ofMillis(300)));
    }

    /**
     * A {@code __len} that claims 2^31 - 2 elements makes {@code table.insert} and {@code table.remove} shift that
     * many slots, and {@code table.sort} with a host function as comparison scan them, all in Java without a Lua
     * instruction (5 to 30 s each): the call's own looks must end them at the time bound. Without the watchdog, as
     * its marks would only be seen after the loop.
     */
    @Test
    @Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void tableFunctionsMovingAClaimedLengthEndAtTheTimeBound() {
        String[] calls = {"table.insert(t, 1, 'x')", "table.remove(t, 1)", "table.sort(t, rawequal)"};
        StringBuilder script = new StringBuilder();
        for (int i = 0; i < calls.length; i++) {
            // a key in the hash part, so that each nil moved looks there as a real table's would
            script.append("function Go")
                    .append(i)
                    .append("() local t = setmetatable({k = 1}, {__len = function() return 2^31 - 2 end}) ")
                    .append(calls[i])
                    .append(" end ");
        }
        scripts.write("S.LUA", script.toString());
        // the keys moved are allocated as they go: the allocation bound set out of reach, so that the time bound ends
        // them on a heap of any size
        LuaEngine engine = scripts.engine(
                Limits.defaults().withWallTime(Duration.ofMillis(300)).withAllocatedBytes(Long.MAX_VALUE / 2));
        ScriptInstance instance = engine.newInstance("S.LUA");
        engine.close();

        for (int i = 0; i < calls.length; i++) {
            CallResult result = instance.call("Go" + i);

            assertThat(result).as(calls[i]).isInstanceOf(CallResult.Failed.class);
            assertThat(((CallResult.Failed) result).error().message())
                    .as(calls[i])
                    .isEqualTo("the call ran longer than 300 ms");
        }
    }

    /**
     * Library functions that work through many values in Java, a million of a spread ({@code math.max(...)}), of a
     * table ({@code table.maxn}) or of a long string's bytes ({@code rawequal}, {@code tonumber}, and the interpreter's
     * own {@code ==}, {@code <}, {@code <=} and table keys), each in one
     * instruction: between the hook's looks, 4,096
     * instructions apart, a loop of them ran seconds (and gigabytes) past the bounds. Each looks at the time itself
     * now, so the loop ends within a few of its rounds past the bound, not at the hook's look 4,096 instructions in
     * (511 to 817 rounds of these loops; here 2 to 49 rounds of 50 ms, so that a machine three times faster stays
     * under 300). Without the watchdog, as its mark would end the loop at the next instruction.
     */
    @Test
    @Timeout(value = 300, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void loopsOfLibraryCallsOverManyValuesEndAtTheTimeBound() {
        String[] rounds = {
            "math.max(...)",
            "table.unpack(T)",
            "Bytes:byte(1, -1)",
            "Text:find('y', 1, true)",
            "table.maxn(T)",
            "table.getn(T)",
            "table.concat(T)",
            "os.date(Dates)",
            "local e = rawequal(Text, Copy)",
            "local e = Text == Copy",
            "local e = Text < Copy",
            "local e = Text <= Copy",
            "local e = Keys[Copy]",
            "table.sort(Pair)",
            "local e = tonumber(Spaces)",
        };
        StringBuilder script = new StringBuilder();
        for (int i = 0; i < rounds.length; i++) {
            // the values handed on as a spread to a function that keeps it, for math.max(...)
            script.append("function Go")
                    .append(i)
                    .append("() n = 0 local function loop(...) for i = 1, 1e6 do n = i ")
                    .append(rounds[i])
                    .append(" end end loop(table.unpack(T)) end function N")
                    .append(i)
                    .append("() return n end ");
        }
        scripts.write("S.LUA", script.toString());
        LuaEngine engine = scripts.engine(
                Limits.defaults().withWallTime(Duration.ofMillis(50)).withAllocatedBytes(Long.MAX_VALUE / 2));
        ScriptInstance instance = engine.newInstance("S.LUA");
        engine.close();
        // the values are made by the host, so that the short time bound is all the loops' own
        LuaValue[] numbers = new LuaValue[999_998];
        Arrays.fill(numbers, LuaValue.valueOf(7));
        instance.set("T", LuaValue.listOf(numbers));
        instance.set("Bytes", LuaValue.valueOf(new byte[999_998]));
        instance.set("Text", LuaValue.valueOf(new byte[16 * 1024 * 1024]));
        instance.set("Dates", LuaValue.valueOf("%c".repeat(10_000)));
        // equal to Text, in an array of its own: compared byte by byte
        instance.set("Copy", LuaValue.valueOf(new byte[16 * 1024 * 1024]));
        // a table key equal to Copy, found by comparing the two byte by byte
        LuaTable keys = new LuaTable();
        keys.rawset(instance.get("Text"), LuaValue.TRUE);
        instance.set("Keys", keys);
        instance.set("Pair", LuaValue.listOf(new LuaValue[] {instance.get("Copy"), instance.get("Text")}));
        // white space around a numeral is read to its end
        instance.set("Spaces", LuaValue.valueOf(" ".repeat(16 * 1024 * 1024)));

        SoftAssertions.assertSoftly(softly -> {
            for (int i = 0; i < rounds.length; i++) {
                CallResult result = instance.call("Go" + i);

                softly.assertThat(result).as(rounds[i]).isInstanceOf(CallResult.Failed.class);
                if (result instanceof CallResult.Failed) {
                    softly.assertThat(((CallResult.Failed) result).error().message())
                            .as(rounds[i])
                            .isEqualTo("the call ran longer than 50 ms");
                }
                int done = ((CallResult.Returned) instance.call("N" + i))
                        .values()
                        .arg1()
                        .toint();
                softly.assertThat(done).as(rounds[i]).isLessThan(300);
            }
        });
    }

    /**
     * One call taking a million values works through them in Java: {@code string.format} with as many conversions,
     * {@code print} making their texts before its output bound sees the line, {@code file:read} with as many formats.
     * Each ran 0.6 to 0.9 s in one call; they look at the time every 4,096 values now. Without the watchdog, which
     * would end them at their next instruction, after the call.
     */
    @Test
    @Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void oneCallOverAMillionValuesEndsAtTheTimeBound() {
        String[] calls = {
            "string.format(Conversions, table.unpack(T))", "print(table.unpack(T))", "f:read(table.unpack(Formats))",
        };
        StringBuilder script = new StringBuilder(
                "function Lines() local f = io.open('lines.txt', 'w') f:write(string.rep('\\n', 2^21)) f:close() end ");
        for (int i = 0; i < calls.length; i++) {
            script.append("function Go")
                    .append(i)
                    .append("() local f = io.open('lines.txt') return ")
                    .append(calls[i])
                    .append(" end ");
        }
        scripts.write("S.LUA", script.toString());
        LuaEngine engine = scripts.engine(Limits.defaults().withAllocatedBytes(Long.MAX_VALUE / 2));
        assertThat(engine.newInstance("S.LUA").call("Lines")).isInstanceOf(CallResult.Returned.class);
        engine = scripts.engine(
                Limits.defaults().withWallTime(Duration.ofMillis(50)).withAllocatedBytes(Long.MAX_VALUE / 2));
        ScriptInstance instance = engine.newInstance("S.LUA");
        engine.close();
        LuaValue[] numbers = new LuaValue[999_990];
        Arrays.fill(numbers, LuaValue.valueOf(0.5));
        instance.set("T", LuaValue.listOf(numbers));
        instance.set("Conversions", LuaValue.valueOf("%.20f".repeat(numbers.length)));
        LuaValue[] formats = new LuaValue[numbers.length];
        Arrays.fill(formats, LuaValue.valueOf("*l"));
        instance.set("Formats", LuaValue.listOf(formats));

        SoftAssertions.assertSoftly(softly -> {
            for (int i = 0; i < calls.length; i++) {
                CallResult result = instance.call("Go" + i);

                softly.assertThat(result).as(calls[i]).isInstanceOf(CallResult.Failed.class);
                if (result instanceof CallResult.Failed) {
                    softly.assertThat(((CallResult.Failed) result).error().message())
                            .as(calls[i])
                            .isEqualTo("the call ran longer than 50 ms");
                }
            }
        });
    }

    /**
     * A backtracking search runs in Java for as long as it backtracks: it looks at the time bound itself every few
     * thousand steps, rather than waiting for the watchdog's mark (here never, the watchdog stopped).
     */
    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aBacktrackingPatternEndsAtTheTimeBoundWithoutTheWatchdog() {
        scripts.write("S.LUA", "function Go() return string.find(string.rep('a', 20000), '.-.-.-.-.-b') end");
        LuaEngine engine = scripts.engine(Limits.defaults().withWallTime(Duration.ofMillis(300)));
        ScriptInstance instance = engine.newInstance("S.LUA");
        engine.close();

        CallResult result = instance.call("Go");

        assertThat(((CallResult.Failed) result).error().message()).isEqualTo("the call ran longer than 300 ms");
    }

    /**
     * Each conversion of {@code os.date} makes Java strings of its own: two million {@code %c} (a format within the
     * string bound, its result 48 MiB) allocated 1.2 GB, five times the call's bound, in one call.
     */
    @Test
    void osDateOfManyConversionsEndsAtTheAllocationBound() {
        scripts.write("S.LUA", "function Go() return os.date(string.rep('%c', 2^21)) end");
        LuaEngine engine = scripts.engine(Limits.defaults()
                .withAllocatedBytes(256L * 1024 * 1024)
                .withStringLength(64 * 1024 * 1024)
                .withWallTime(Duration.ofSeconds(60)));
        ScriptInstance instance = engine.newInstance("S.LUA");
        engine.close();

        CallResult result = instance.call("Go");

        assertThat(((CallResult.Failed) result).error().message())
                .isEqualTo("the call allocated more than 268435456 bytes");
    }

    @Test
    void aStringFormatBombIsStoppedAtTheStringLimit() {
        assertFailsWith(
                "local s = string.rep('x', 1000) return string.format(string.rep('%s', 2000), "
                        + "table.unpack((function() local t = {} for i = 1, 2000 do t[i] = s end return t end)()))",
                ScriptError.Kind.MEMORY, Limits.defaults().withStringLength(1024 * 1024));
        assertThat(scripts.errors()).anySatisfy(line -> assertThat(line).contains("over the limit"));
    }

    @Test
    void aGsubBombIsStoppedAtTheStringLimit() {
        // the time bound far away, so that a slow machine cannot end the call first
        assertFailsWith(
                "return string.rep('x', 1e6):gsub('.', string.rep('y', 1000))",
                ScriptError.Kind.MEMORY,
                Limits.defaults().withWallTime(Duration.ofSeconds(60)));
        assertThat(scripts.errors()).anySatisfy(line -> assertThat(line).contains("over the limit"));
    }

    @Test
    void runawayRecursionIsAStackOverflowError() {
        assertFailsWith("local function f(n) return f(n + 1) + 1 end return f(1)", ScriptError.Kind.RUNTIME);
        assertThat(scripts.errors()).anySatisfy(line -> assertThat(line).contains("stack overflow"));
    }

    @Test
    void pcallCanCatchAStackOverflowAsInLua() {
        scripts.write(
                "S.LUA",
                "function Go() local function f(n) return f(n + 1) + 1 end" + " local ok = pcall(f, 1) return ok end");

        var result = scripts.engine().newInstance("S.LUA").call("Go");

        assertThat(((CallResult.Returned) result).values().arg1().toboolean()).isFalse();
    }

    @Test
    void aCoroutineFloodIsBounded() {
        assertFailsWith(
                "for i = 1, 1000 do local co = coroutine.create(function() coroutine.yield() end)"
                        + " assert(coroutine.resume(co)) end",
                ScriptError.Kind.RUNTIME,
                Limits.defaults().withCoroutines(8));
    }

    @Test
    void anInfiniteLoopInsideACoroutineIsStopped() {
        assertFailsWith(
                "local co = coroutine.wrap(function() while true do end end) co()",
                ScriptError.Kind.TIMEOUT,
                Limits.defaults().withWallTime(Duration.ofMillis(300)));
        // the time bound, not the instruction bound far behind it
        assertThat(scripts.errors())
                .anySatisfy(line -> assertThat(line).contains("[TIMEOUT]: the call ran longer than 300 ms"));
    }

    @Test
    void aChunkLoadedWithItsOwnEnvironmentIsBoundedToo() {
        assertFailsWith(
                "load('while true do end', 'spin', 't', {})()",
                ScriptError.Kind.TIMEOUT,
                Limits.defaults().withWallTime(Duration.ofMillis(300)));
        // the time bound, not the instruction bound far behind it
        assertThat(scripts.errors())
                .anySatisfy(line -> assertThat(line).contains("[TIMEOUT]: the call ran longer than 300 ms"));
    }

    /**
     * A host call cannot be stopped under way, but the budget is checked as soon as it returns: here no Lua
     * instruction runs between the calls (table.sort calls the helper directly), so the hook never would. The
     * first call alone outlasts the bound, so no second one may start.
     */
    @Test
    void chainedSlowHostCallsEndAtTheTimeBudget() {
        AtomicInteger calls = new AtomicInteger();
        Host files = FolderHost.in(scripts.folder());
        UserSettings slow = new UserSettings() {
            @Override
            public Optional<String> get(String user, String name) {
                calls.incrementAndGet();
                sleep(Duration.ofMillis(1100));
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
        scripts.write(
                "S.LUA",
                "function Go() local t = {} for i = 1, 50 do t[i] = 'u' .. i end"
                        + " table.sort(t, VPOP3.GetUserSetting) end");
        LuaEngine engine = scripts.engine(LuaEngine.builder(scripts.folder())
                .host(new Host(files.settings(), files.users(), slow))
                .limits(Limits.defaults().withWallTime(Duration.ofSeconds(1))));

        CallResult result = engine.newInstance("S.LUA").call("Go");

        assertThat(((CallResult.Failed) result).error().kind()).isEqualTo(ScriptError.Kind.TIMEOUT);
        assertThat(calls.get()).isEqualTo(1);
    }

    @Test
    void otherInstancesKeepWorkingWhileOneSpins() throws Exception {
        scripts.write("S.LUA", "function Spin() while true do end end function Add(a, b) return a + b end");
        LuaEngine engine = scripts.engine(Limits.defaults().withWallTime(Duration.ofSeconds(2)));
        Thread spinner = new Thread(() -> engine.newInstance("S.LUA").call("Spin"));
        spinner.start();

        var result = engine.newInstance("S.LUA")
                .call("Add", org.luaj.vm2.LuaValue.valueOf(2), org.luaj.vm2.LuaValue.valueOf(3));

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

    /*
     * Each bound tripped alone: the other bounds are far away, so only this one can end the call, and the log
     * has its kind and message and nothing else. The counts read back afterwards pin where the bound cut in.
     */

    @Test
    void theInstructionBoundAloneEndsALoopWhoseTimeIsFarAway() {
        scripts.write("S.LUA", "n = 0 function Go() while true do n = n + 1 end end function Count() return n end");
        ScriptInstance instance = scripts.engine(
                        Limits.defaults().withInstructions(10_000).withWallTime(Duration.ofSeconds(60)))
                .newInstance("S.LUA");

        CallResult result = instance.call("Go");

        assertThat(((CallResult.Failed) result).error().kind()).isEqualTo(ScriptError.Kind.TIMEOUT);
        assertThat(scripts.errors())
                .singleElement()
                .asString()
                .endsWith("S.LUA Go line 1 [TIMEOUT]: the call ran more than 10000 instructions");
        // four instructions an iteration (get n, add, set n, jump back)
        assertThat(number(instance.call("Count"))).isBetween(2_490L, 2_500L);
    }

    @Test
    void aBoundTrippingInATailCallNamesTheLineItTrippedAt() {
        scripts.write(
                "S.LUA",
                String.join(
                        "\n",
                        "local function spin()",
                        "  while true do end",
                        "end",
                        "function Spin() return spin() end",
                        "function Grow()",
                        "  return string.rep('x', 2000)",
                        "end"));
        ScriptInstance instance = scripts.engine(Limits.defaults()
                        .withInstructions(10_000)
                        .withStringLength(1000)
                        .withWallTime(Duration.ofSeconds(60)))
                .newInstance("S.LUA");

        instance.call("Spin");
        instance.call("Grow");

        assertThat(scripts.errors()).hasSize(2);
        assertThat(scripts.errors().get(0))
                .endsWith("S.LUA Spin line 2 [TIMEOUT]: the call ran more than 10000 instructions");
        assertThat(scripts.errors().get(1))
                .endsWith("S.LUA Grow line 6 [MEMORY]: a string of 2000 bytes is over the limit of 1000");
    }

    @Test
    void theTimeBoundAloneEndsASleep() {
        scripts.write("S.LUA", "function Go() os.sleep(3600 * 1000) end");

        CallResult result = scripts.engine(Limits.defaults().withWallTime(Duration.ofMillis(300)))
                .newInstance("S.LUA")
                .call("Go");

        assertThat(((CallResult.Failed) result).error().kind()).isEqualTo(ScriptError.Kind.TIMEOUT);
        assertThat(scripts.errors())
                .singleElement()
                .asString()
                .endsWith("S.LUA Go line 1 [TIMEOUT]: the call ran longer than 300 ms");
    }

    @Test
    void theMemoryBoundAloneEndsAGrowingTable() {
        scripts.write("S.LUA", "function Go() local t = {} local i = 0 while true do i = i + 1 t[i] = {i} end end");

        CallResult result = scripts.engine(
                        Limits.defaults().withAllocatedBytes(64L * 1024 * 1024).withWallTime(Duration.ofSeconds(60)))
                .newInstance("S.LUA")
                .call("Go");

        assertThat(((CallResult.Failed) result).error().kind()).isEqualTo(ScriptError.Kind.MEMORY);
        assertThat(scripts.errors())
                .singleElement()
                .asString()
                .endsWith("S.LUA Go line 1 [MEMORY]: the call allocated more than 67108864 bytes");
    }

    /**
     * The watchdog looks at allocation every 10 ms, in which a loop of large strings builds hundreds of them (and on
     * a server whose cores are busy it looks later still): each large string is checked against the bound before
     * its bytes are allocated, so the loop stops at the string that would pass it.
     */
    @Test
    void aLoopOfLargeStringsStopsAtTheOneThatWouldPassTheAllocationBound() {
        scripts.write(
                "S.LUA",
                "function Go() for i = 1, 100000 do n = i local s = string.rep('x', 64 * 1024) end end"
                        + " function N() return n end");
        ScriptInstance instance = scripts.engine(
                        Limits.defaults().withAllocatedBytes(16L * 1024 * 1024).withWallTime(Duration.ofSeconds(60)))
                .newInstance("S.LUA");

        CallResult result = instance.call("Go");

        assertThat(((CallResult.Failed) result).error().message())
                .isEqualTo("the call allocated more than 16777216 bytes");
        // 256 strings of 64 KiB make the bound; the call's other allocation can only bring the refusal earlier
        assertThat(((CallResult.Returned) instance.call("N")).values().arg1().toint())
                .isBetween(200, 256);
    }

    /**
     * The watchdog's thread gets the cores late on a busy server; here it is stopped altogether (the engine closed),
     * which is as late as it can be. A loop allocating small strings, each under the large-string check, still ends
     * at the allocation bound, by the call's own look every few thousand instructions, rather than running on to its
     * instruction bound.
     */
    @Test
    void theAllocationBoundHoldsWithoutTheWatchdog() {
        scripts.write(
                "S.LUA",
                "function Go() for i = 1, 1e9 do n = i local s = string.rep('x', 1000) end end"
                        + " function N() return n end");
        LuaEngine engine = scripts.engine(Limits.defaults()
                .withAllocatedBytes(16L * 1024 * 1024)
                .withInstructions(50_000_000)
                .withWallTime(Duration.ofSeconds(60)));
        ScriptInstance instance = engine.newInstance("S.LUA");
        engine.close();

        CallResult result = instance.call("Go");

        assertThat(((CallResult.Failed) result).error().message())
                .isEqualTo("the call allocated more than 16777216 bytes");
        // each string is at least its 1,000 bytes: 16,777 of them make the bound, and a look comes within 4,096
        // instructions (under a thousand strings)
        assertThat(((CallResult.Returned) instance.call("N")).values().arg1().toint())
                .isBetween(1_000, 16_777 + 1_000);
    }

    /** As the allocation bound, the time bound holds without the watchdog. */
    @Test
    void theTimeBoundHoldsWithoutTheWatchdog() {
        scripts.write("S.LUA", "function Go() while true do end end");
        LuaEngine engine = scripts.engine(Limits.defaults().withWallTime(Duration.ofMillis(200)));
        ScriptInstance instance = engine.newInstance("S.LUA");
        engine.close();

        CallResult result = instance.call("Go");

        assertThat(((CallResult.Failed) result).error().message()).isEqualTo("the call ran longer than 200 ms");
    }

    /**
     * Host calls copy what a script hands them, and the host allocates as it answers: each host call is checked
     * against the bounds as it returns, so a loop of them ends at the call that passed the allocation bound, not
     * when the watchdog next looks.
     */
    @Test
    void aLoopOfHostCallsEndsAtTheCallThatPassedTheAllocationBound() {
        Host files = FolderHost.in(scripts.folder());
        List<byte[]> kept = new ArrayList<>();
        UserSettings allocating = new UserSettings() {
            @Override
            public Optional<String> get(String user, String name) {
                kept.clear();
                kept.add(new byte[1024 * 1024]);
                return Optional.empty();
            }

            @Override
            public boolean set(String user, String name, String value) {
                return true;
            }

            @Override
            public boolean remove(String user, String name) {
                return true;
            }
        };
        scripts.write(
                "S.LUA",
                "function Go() for i = 1, 100000 do n = i VPOP3.GetUserSetting('u', 'n') end end"
                        + " function N() return n end");
        ScriptInstance instance = scripts.engine(LuaEngine.builder(scripts.folder())
                        .host(new Host(files.settings(), files.users(), allocating))
                        .limits(Limits.defaults()
                                .withAllocatedBytes(16L * 1024 * 1024)
                                .withWallTime(Duration.ofSeconds(60))))
                .newInstance("S.LUA");

        CallResult result = instance.call("Go");

        assertThat(((CallResult.Failed) result).error().message())
                .isEqualTo("the call allocated more than 16777216 bytes");
        // sixteen calls of a MiB pass the bound (with what the loop itself allocates): the next one is refused
        assertThat(((CallResult.Returned) instance.call("N")).values().arg1().toint())
                .isBetween(16, 17);
    }

    @Test
    void theCallDepthBoundAloneEndsARecursionAtItsDepth() {
        scripts.write(
                "S.LUA",
                "depth = 0 function Go() local function f(n) depth = n return f(n + 1) + 1 end"
                        + " return f(1) end function Depth() return depth end");
        ScriptInstance instance =
                scripts.engine(Limits.defaults().withCallDepth(50)).newInstance("S.LUA");

        CallResult result = instance.call("Go");

        assertThat(((CallResult.Failed) result).error().kind()).isEqualTo(ScriptError.Kind.RUNTIME);
        assertThat(scripts.errors())
                .singleElement()
                .asString()
                .contains("S.LUA Go line 1 [RUNTIME]: ")
                .contains("stack overflow (more than 50 nested calls)");
        // the call into Go is the host's, so f nests 50 deep before the 51st call fails
        assertThat(number(instance.call("Depth"))).isEqualTo(50);
    }

    @Test
    void theStringBoundAloneRefusesOneByteOver() {
        scripts.write(
                "S.LUA",
                "function AtLimit() return #string.rep('x', 1000) end"
                        + " function Over() return #string.rep('x', 1001) end");
        ScriptInstance instance =
                scripts.engine(Limits.defaults().withStringLength(1000)).newInstance("S.LUA");

        assertThat(number(instance.call("AtLimit"))).isEqualTo(1000);
        CallResult over = instance.call("Over");

        assertThat(((CallResult.Failed) over).error().kind()).isEqualTo(ScriptError.Kind.MEMORY);
        assertThat(scripts.errors())
                .singleElement()
                .asString()
                .endsWith("S.LUA Over line 1 [MEMORY]: a string of 1001 bytes is over the limit of 1000");
    }

    @Test
    void theCoroutineBoundAloneRefusesOneMoreThanItAllows() {
        scripts.write(
                "S.LUA",
                "function Go() local held = {} for i = 1, 3 do"
                        + " held[i] = coroutine.create(function() coroutine.yield() end) assert(coroutine.resume(held[i])) end"
                        + " return coroutine.resume(coroutine.create(function() end)) end");

        CallResult result = scripts.engine(Limits.defaults().withCoroutines(3))
                .newInstance("S.LUA")
                .call("Go");

        Varargs values = ((CallResult.Returned) result).values();
        assertThat(values.arg1().toboolean()).isFalse();
        assertThat(values.arg(2).tojstring()).contains("more than 3 coroutines alive at once");
        assertThat(scripts.errors())
                .singleElement()
                .asString()
                .endsWith("S.LUA Go line 1 [SANDBOX]: more than 3 coroutines alive at once");
    }

    @Test
    void theOutputBoundAloneStopsPrintingAtItsByteCount() throws Exception {
        assertFailsWith(
                "while true do print(string.rep('x', 99)) end",
                ScriptError.Kind.MEMORY,
                Limits.defaults().withOutputBytes(10_000).withWallTime(Duration.ofSeconds(60)));

        assertThat(scripts.luaOut()).hasSize(100);
        assertThat(scripts.errors())
                .singleElement()
                .asString()
                .endsWith("S.LUA Go line 1 [MEMORY]: the call printed more than 10000 bytes to LUA.OUT");
    }

    /** Each call starts with its whole budget: two calls that together pass a bound both succeed. */
    @Test
    void eachCallHasItsOwnInstructionsAndOutput() {
        scripts.write(
                "S.LUA",
                "function Go() local n = 0 for i = 1, 3000 do n = n + i end"
                        + " print(string.rep('x', 599)) return n end");
        ScriptInstance instance = scripts.engine(
                        Limits.defaults().withInstructions(10_000).withOutputBytes(1000))
                .newInstance("S.LUA");

        assertThat(number(instance.call("Go"))).isEqualTo(4_501_500);
        assertThat(number(instance.call("Go"))).isEqualTo(4_501_500);
        assertThat(scripts.luaOut()).hasSize(2);
        assertThat(scripts.errors()).isEmpty();
    }

    private static long number(CallResult result) {
        return ((CallResult.Returned) result).values().arg1().tolong();
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
        assertThat(((CallResult.Returned) instance.call("Ok")).values().arg1().tojstring())
                .isEqualTo("ok");
        instance.close();
    }
}
