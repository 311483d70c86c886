package org.jameslua.engine.lib;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The turns at the cores that calls running long take, so that many runaway calls at once (a pattern that backtracks
 * on what a botnet sends, on every SMTP worker) leave the cores to James. Measured on 2 cores: 256 such calls spinning
 * at once kept IMAP logins and ordinary mail waiting for as long as the calls ran (13 s, and up to 39 s).
 *
 * <p>A call runs its first {@link #FREE_MILLIS} ms of running without a turn: nearly every call ends within them, and
 * never comes here. Past them it runs in turns of {@link #TURN_MILLIS} ms, at most {@code atOnce} calls at a time;
 * the others wait, in the order they asked, their wait counted in their time as any other. A call that waits for
 * something else (a sleep, a DNS, HTTP or WHOIS answer, a program) gives its turn back for the wait, and its free
 * time does not run meanwhile.
 */
public final class CoreTurns {
    public static final long FREE_MILLIS = 100;
    public static final long TURN_MILLIS = 10;

    // fair: a call that gives its turn back queues behind those waiting, so the long calls share the turns in turn
    private final Semaphore turns;

    public CoreTurns(int atOnce) {
        this.turns = new Semaphore(atOnce, true);
    }

    /** Waits for a turn; false when none came within {@code nanos}. */
    boolean take(long nanos) throws InterruptedException {
        return turns.tryAcquire(nanos, TimeUnit.NANOSECONDS);
    }

    void giveBack() {
        turns.release();
    }

    /** The turns no call holds now: all of them once the calls have ended. */
    public int available() {
        return turns.availablePermits();
    }
}
