package org.jameslua.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The two bounds the calls of one engine share, the turns at the cores ({@code limit.running.calls}) and what the calls
 * under way allocated together ({@code limit.memory.total.bytes}), are counters each call adds to and takes back from:
 * however a call ends, they are back where they were, or a turn is lost for ever and every later call counts bytes
 * no call holds. Each call here runs past its free time (a turn taken) and allocates (bytes counted) before it ends.
 */
class SharedBoundsAfterCallsTest {
    private static final long MIB = 1024 * 1024;
    private static final String SCRIPT = String.join(
            "\n",
            "local function busy(seconds)",
            "  local start = os.clock() while os.clock() - start < (seconds or 0.15) do end",
            "end",
            "function Fails() busy() error('failed') end",
            "function FailsWithATable() busy() error(setmetatable({}, {__tostring = function() return 'tbl' end})) end",
            "function RunsPastItsTime() return pcall(function() while true do end end) end",
            "function AllocatesPastItsBound()",
            "  busy() return pcall(function() for i = 1, 300 do local s = ('x'):rep(2^20) end end)",
            "end",
            "function LeavesACoroutineSuspended()",
            "  SUSPENDED = coroutine.create(function() for i = 1, 3 do busy() coroutine.yield(('c'):rep(2^20)) end end)",
            "  return coroutine.resume(SUSPENDED)",
            "end",
            "function ResumesItInALaterCall() LeavesACoroutineSuspended() return coroutine.resume(SUSPENDED) end",
            "function DropsIt() LeavesACoroutineSuspended() SUSPENDED = nil collectgarbage() return true end",
            "function RunsPastItsTimeInACoroutine() return coroutine.resume(coroutine.create(function() while true do end end)) end",
            "function SortsWithCoroutines()",
            "  local t = {3, 2, 1}",
            "  table.sort(t, function(a, b) return coroutine.wrap(function() busy(0.05) return a < b end)() end)",
            "  return t[1]",
            "end",
            "function ReplacesWithCoroutines()",
            "  return (('ab'):gsub('.', function(c) return coroutine.wrap(function() busy() return c:upper() end)() end))",
            "end",
            "function SleepsInACoroutine() return coroutine.wrap(function() busy() os.sleep(50) busy(0.05) return 1 end)() end",
            "function CompilesALongChunk()",
            "  busy() local lines = {} for i = 1, 20000 do lines[i] = 'local a = ' .. i end",
            "  return load(table.concat(lines, '\\n')) ~= nil",
            "end",
            "function KeepsTooMuch() busy() KEPT = {} for i = 1, 20 do KEPT[i] = ('k'):rep(2^20) end return true end",
            "");

    @RegisterExtension
    final ScriptFixture scripts = new ScriptFixture();

    @ParameterizedTest
    @CsvSource({
        "Fails, Failed",
        "FailsWithATable, Failed",
        "RunsPastItsTime, Failed",
        "AllocatesPastItsBound, Failed",
        "LeavesACoroutineSuspended, Returned",
        "ResumesItInALaterCall, Returned",
        "DropsIt, Returned",
        "RunsPastItsTimeInACoroutine, Failed",
        "SortsWithCoroutines, Returned",
        "ReplacesWithCoroutines, Returned",
        "SleepsInACoroutine, Returned",
        "CompilesALongChunk, Returned",
        "KeepsTooMuch, Failed",
    })
    void aCallGivesBackItsTurnAndItsBytesHoweverItEnds(String function, String ending) {
        LuaEngine engine = engine();
        try (ScriptInstance instance = engine.newInstance("S.LUA")) {
            CallResult result = instance.call(function);

            assertThat(result.getClass().getSimpleName()).as(result.toString()).isEqualTo(ending);
            assertBoundsBack(engine);
        }
        assertBoundsBack(engine);
    }

    @Test
    void aCoroutineResumedInALaterCallCountsThereAndGivesBackThere() {
        LuaEngine engine = engine();
        try (ScriptInstance instance = engine.newInstance("S.LUA")) {
            for (String function : new String[] {"LeavesACoroutineSuspended", "CoroutineResumed", "CoroutineResumed"}) {
                assertThat(instance.call(function)).isInstanceOf(CallResult.Returned.class);
                assertBoundsBack(engine);
            }
        }
    }

    @Test
    void aCallOfAnInstanceWhoseMainChunkFailedTakesNothing() {
        scripts.write("BAD.LUA", "local start = os.clock() while os.clock() - start < 0.15 do end error('no')");
        LuaEngine engine = engine();
        try (ScriptInstance instance = engine.newInstance("BAD.LUA")) {
            assertBoundsBack(engine);
            assertThat(instance.call("Anything")).isInstanceOf(CallResult.NotDefined.class);
        }
        assertBoundsBack(engine);
    }

    private LuaEngine engine() {
        scripts.write("S.LUA", SCRIPT + "function CoroutineResumed() return coroutine.resume(SUSPENDED) end\n");
        return scripts.engine(LuaEngine.builder(scripts.folder())
                .limits(Limits.defaults()
                        .withWallTime(Duration.ofSeconds(1))
                        .withInstructions(Long.MAX_VALUE)
                        .withAllocatedBytes(256 * MIB))
                .serverLimits(ServerLimits.defaults()
                        .withRunningCalls(1)
                        .withAllocatedTotal(512 * MIB)
                        .withRetainedPerInstance(8 * MIB)));
    }

    private static void assertBoundsBack(LuaEngine engine) {
        assertThat(engine.coreTurns().available()).as("turns at the cores").isEqualTo(1);
        assertThat(engine.allocationTogether().allocated())
                .as("allocated by the calls under way")
                .isZero();
    }
}
