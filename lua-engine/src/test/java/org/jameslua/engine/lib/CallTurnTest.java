package org.jameslua.engine.lib;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * When a call needs a turn at the cores and when it gives it back, with one turn for all: the times are given, so that
 * nothing here depends on how fast the machine is. A call that finds no turn free is asked to wait 0 ns for one.
 */
class CallTurnTest {
    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final long FREE = CoreTurns.FREE_MILLIS * MS;
    private static final long NO_DEADLINE = Long.MAX_VALUE / 2;

    private final CoreTurns oneTurn = new CoreTurns(1);
    private final CallTurn first = new CallTurn(oneTurn);
    private final CallTurn second = new CallTurn(oneTurn);
    private final long start = System.nanoTime();

    @Test
    void aCallWithinItsFreeTimeTakesNoTurn() throws InterruptedException {
        first.start(start);

        assertThat(first.mayRun(start + FREE - MS, NO_DEADLINE)).isTrue();

        assertThat(turnFreeAt(start + FREE)).isTrue();
    }

    @Test
    void pastItsFreeTimeACallTakesTheTurnUntilItEnds() throws InterruptedException {
        first.start(start);

        assertThat(first.mayRun(start + FREE, NO_DEADLINE)).isTrue();
        assertThat(turnFreeAt(start + FREE)).isFalse();

        first.giveBack();
        assertThat(turnFreeAt(start + FREE)).isTrue();
    }

    @Test
    void aCallFindingNoTurnBeforeItsDeadlineMayNotRun() throws InterruptedException {
        first.start(start);
        first.mayRun(start + FREE, NO_DEADLINE);
        second.start(start);

        assertThat(second.mayRun(start + FREE, start + FREE + MS)).isFalse();
    }

    @Test
    void aCallGivesItsTurnBackForAWaitAndNeedsOneAgainAfterIt() throws InterruptedException {
        first.start(start);
        first.mayRun(start + FREE, NO_DEADLINE);

        first.waits(start + FREE + MS);
        second.start(start);
        assertThat(second.mayRun(start + FREE + 2 * MS, start + FREE + 2 * MS)).isTrue();

        assertThat(first.mayRun(start + FREE + 3 * MS, start + FREE + 3 * MS))
                .as("after its wait, with the other call holding the turn")
                .isFalse();
    }

    @Test
    void aCallsFreeTimeDoesNotRunWhileItWaits() throws InterruptedException {
        first.start(start);

        first.waits(start + 40 * MS);
        // a second later, when the wait ends, 60 ms of its free time are left
        long afterWait = start + 1000 * MS;
        assertThat(first.mayRun(afterWait, NO_DEADLINE)).isTrue();
        assertThat(turnFreeAt(afterWait)).isTrue();
        assertThat(first.mayRun(afterWait + FREE - 41 * MS, NO_DEADLINE)).isTrue();
        assertThat(turnFreeAt(afterWait)).isTrue();

        assertThat(first.mayRun(afterWait + FREE - 40 * MS, NO_DEADLINE)).isTrue();
        assertThat(turnFreeAt(afterWait)).isFalse();
    }

    @Test
    void aCallWaitingTwiceBeforeItsNextLookKeepsTheFreeTimeItHadAtTheFirst() throws InterruptedException {
        first.start(start);

        first.waits(start + 40 * MS);
        first.waits(start + 90 * MS);
        long afterWait = start + 1000 * MS;

        assertThat(first.mayRun(afterWait, NO_DEADLINE)).isTrue();
        assertThat(first.mayRun(afterWait + FREE - 41 * MS, NO_DEADLINE)).isTrue();
        assertThat(turnFreeAt(afterWait)).isTrue();
    }

    /**
     * A call that took the turn keeps it for {@link CoreTurns#TURN_MILLIS} ms: a look within them does not hand it to
     * the call waiting for it. (The look is given the time before the turn was taken, so however slowly the machine
     * runs, it is within the turn.)
     */
    @Test
    void aCallKeepsItsTurnForItsLengthThoughAnotherWaitsForIt() throws Exception {
        long beforeTurn = System.nanoTime();
        first.start(beforeTurn - FREE);
        assertThat(first.mayRun(beforeTurn, NO_DEADLINE)).isTrue();
        CompletableFuture<Boolean> secondRuns = new CompletableFuture<>();
        Thread waiter = new Thread(() -> {
            long now = System.nanoTime();
            second.start(now - FREE);
            try {
                secondRuns.complete(second.mayRun(now, now + TimeUnit.SECONDS.toNanos(60)));
            } catch (InterruptedException e) {
                secondRuns.completeExceptionally(e);
            }
        });
        waiter.start();
        while (waiter.getState() != Thread.State.TIMED_WAITING) {
            Thread.sleep(1);
        }

        assertThat(first.mayRun(beforeTurn, beforeTurn))
                .as("a look within its turn")
                .isTrue();

        assertThat(secondRuns).isNotDone();
        first.giveBack();
        assertThat(secondRuns.get(30, TimeUnit.SECONDS)).isTrue();
        second.giveBack();
        waiter.join();
    }

    /** Whether another call, past its free time at {@code now}, finds the turn free. */
    private boolean turnFreeAt(long now) throws InterruptedException {
        CallTurn other = new CallTurn(oneTurn);
        other.start(now - FREE);
        boolean free = other.mayRun(now, now);
        other.giveBack();
        return free;
    }
}
