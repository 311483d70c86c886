package org.jameslua.engine.lib;

import java.util.concurrent.TimeUnit;

/**
 * One instance's calls' use of the {@link CoreTurns}, on the call's thread (or its coroutines', which run one at a
 * time with it): its free time, then the turn it holds.
 */
final class CallTurn {
    private static final long FREE_NANOS = TimeUnit.MILLISECONDS.toNanos(CoreTurns.FREE_MILLIS);
    private static final long TURN_NANOS = TimeUnit.MILLISECONDS.toNanos(CoreTurns.TURN_MILLIS);
    private static final long NOT_WAITING = -1;

    private final CoreTurns turns;
    /** Running past this needs a turn: the end of the free time, or of the turn held. */
    private long runsUntil;

    private boolean holding;
    /** While the call waits: what was left of its free time when the wait started (0 if it held a turn). */
    private long leftAtWait = NOT_WAITING;

    CallTurn(CoreTurns turns) {
        this.turns = turns;
    }

    void start(long now) {
        runsUntil = now + FREE_NANOS;
        holding = false;
        leftAtWait = NOT_WAITING;
    }

    /**
     * At a look at the call's time: takes a turn when the call ran past its free time or its turn, waiting for one
     * until {@code deadline}; false when the deadline came first.
     */
    boolean mayRun(long now, long deadline) throws InterruptedException {
        if (leftAtWait != NOT_WAITING) {
            runsUntil = now + leftAtWait;
            leftAtWait = NOT_WAITING;
        }
        if (now - runsUntil < 0) {
            return true;
        }
        giveBack();
        if (!turns.take(deadline - now)) {
            return false;
        }
        holding = true;
        runsUntil = System.nanoTime() + TURN_NANOS;
        return true;
    }

    /** The call is about to wait for something other than a turn; its next look at its time ends the wait. */
    void waits(long now) {
        if (leftAtWait == NOT_WAITING) {
            leftAtWait = holding ? 0 : Math.max(0, runsUntil - now);
            giveBack();
        }
    }

    /** At the end of the call, and before it waits. */
    void giveBack() {
        if (holding) {
            holding = false;
            turns.giveBack();
        }
    }
}
