package org.jameslua.engine.lib;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.jameslua.engine.Limits;
import org.jameslua.engine.ScriptError;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.luaj.vm2.Globals;

/** The watchdog sleeps while no call is under way, wakes for the next one, and its thread ends with close(). */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class CallWatchdogTest {
    private final CallWatchdog watchdog = new CallWatchdog();

    @AfterEach
    void close() {
        watchdog.close();
    }

    @Test
    void anIdleWatchdogParksAndInspectsNothing() throws InterruptedException {
        awaitAsleep();
        long rounds = watchdog.rounds();

        Thread.sleep(300);

        assertThat(watchdog.rounds()).isEqualTo(rounds);
        assertThat(watchdog.thread().getState()).isEqualTo(Thread.State.WAITING);
    }

    @Test
    void aCallStartedWhileItSleepsWakesItAndIsStoppedAtItsTime() {
        Budget budget = new Budget(
                Limits.defaults().withWallTime(Duration.ofMillis(1)),
                new Globals(),
                watchdog,
                new CoreTurns(1),
                new AllocationTogether(Long.MAX_VALUE));
        awaitAsleep();
        long rounds = watchdog.rounds();

        budget.start();
        await(() -> watchdog.rounds() > rounds);

        assertThatThrownBy(budget::throwIfExceeded)
                .isInstanceOfSatisfying(
                        BudgetExceeded.class, e -> assertThat(e.kind()).isEqualTo(ScriptError.Kind.TIMEOUT));
        budget.finish();
        awaitAsleep();
    }

    @Test
    void aFinishedCallIsNoLongerInspected() throws InterruptedException {
        Budget budget = new Budget(
                Limits.defaults().withWallTime(Duration.ofMillis(100)),
                new Globals(),
                watchdog,
                new CoreTurns(1),
                new AllocationTogether(Long.MAX_VALUE));
        budget.start();
        budget.finish();

        awaitAsleep();
        Thread.sleep(300);

        // it finished before its time: the watchdog did not look at it after it ended
        budget.throwIfExceeded();
    }

    @Test
    void closeEndsTheThreadWhetherItSleepsOrWatches() throws InterruptedException {
        awaitAsleep();
        watchdog.close();
        watchdog.thread().join(10_000);
        assertThat(watchdog.thread().isAlive()).isFalse();

        CallWatchdog watching = new CallWatchdog();
        new Budget(Limits.defaults(), new Globals(), watching, new CoreTurns(1), new AllocationTogether(Long.MAX_VALUE))
                .start();
        await(() -> watching.rounds() > 0);
        watching.close();
        watching.thread().join(10_000);
        assertThat(watching.thread().isAlive()).isFalse();
    }

    private void awaitAsleep() {
        await(() -> watchdog.thread().getState() == Thread.State.WAITING);
    }

    private static void await(BooleanSupplier condition) {
        while (!condition.getAsBoolean()) {
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }
}
