package org.jameslua.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The watchdog sleeps once no call has been under way for 100 ms (10 rounds of 10 ms); a call that starts at any
 * moment of its going to sleep must still be stopped at its time and memory bounds. Each call follows an idle gap
 * of 85 to 115 ms, so that across the repetitions calls start before, during and after the watchdog's last round and
 * its decision to sleep. A lost wake-up would leave the call to the instruction bound, which is set far behind, and
 * the message would say so.
 */
@Timeout(value = 300, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class IdleWatchdogBoundsTest {
    private static final int CALLS = 60;
    private static final long FAR_INSTRUCTIONS = 2_000_000_000L;

    @RegisterExtension
    final ScriptFixture scripts = new ScriptFixture();

    @Test
    void aSpinningCallStartedAfterAnIdleGapIsStoppedAtItsTime() throws InterruptedException {
        scripts.write("S.LUA", "function Spin() while true do end end");
        ScriptInstance instance = scripts.engine(
                        Limits.defaults().withInstructions(FAR_INSTRUCTIONS).withWallTime(Duration.ofMillis(20)))
                .newInstance("S.LUA");

        for (int call = 0; call < CALLS; call++) {
            Thread.sleep(idleGap(call));

            CallResult result = instance.call("Spin");

            assertThat(((CallResult.Failed) result).error().message())
                    .as("call %d", call)
                    .isEqualTo("the call ran longer than 20 ms");
        }
    }

    @Test
    void anAllocatingCallStartedAfterAnIdleGapIsStoppedAtItsMemory() throws InterruptedException {
        // allocates steadily and keeps nothing, so that only the allocation bound can end it
        scripts.write("S.LUA", "function Churn() local n = 0 while true do n = n + 1 local s = 'x' .. n end end");
        ScriptInstance instance = scripts.engine(Limits.defaults()
                        .withInstructions(FAR_INSTRUCTIONS)
                        .withWallTime(Duration.ofSeconds(60))
                        .withAllocatedBytes(2L * 1024 * 1024))
                .newInstance("S.LUA");

        for (int call = 0; call < CALLS; call++) {
            Thread.sleep(idleGap(call));

            CallResult result = instance.call("Churn");

            assertThat(((CallResult.Failed) result).error().message())
                    .as("call %d", call)
                    .isEqualTo("the call allocated more than 2097152 bytes");
        }
    }

    /** Either the allocation bound (the watchdog) or the string length bound (the hook) stops it, whichever first. */
    @Test
    void aDoublingStringStartedAfterAnIdleGapIsStoppedAtItsMemory() throws InterruptedException {
        scripts.write("S.LUA", "function Double() local s = 'x' while true do s = s .. s end end");
        ScriptInstance instance = scripts.engine(Limits.defaults()
                        .withInstructions(FAR_INSTRUCTIONS)
                        .withWallTime(Duration.ofSeconds(60))
                        .withAllocatedBytes(1024 * 1024))
                .newInstance("S.LUA");

        for (int call = 0; call < CALLS / 4; call++) {
            Thread.sleep(idleGap(call));

            CallResult result = instance.call("Double");

            assertThat(((CallResult.Failed) result).error().kind())
                    .as("call %d", call)
                    .isEqualTo(ScriptError.Kind.MEMORY);
        }
    }

    private static long idleGap(int call) {
        return 85 + call % 31;
    }
}
