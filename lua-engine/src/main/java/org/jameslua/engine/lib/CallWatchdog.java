package org.jameslua.engine.lib;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Looks at every call under way a hundred times a second and marks those past their time or memory budget;
 * the interpreter hook then stops them at their next instruction. Once no call has been under way for a tenth of a
 * second its thread parks without a timeout, so an idle engine costs no wake-ups; the next call to start wakes it.
 *
 * <p>Measuring from outside keeps the per-instruction hook to a counter and a field read, and still catches
 * loops that run few instructions but allocate fast ({@code s = s .. s}) or wait in long library calls.
 *
 * <p>One lock guards the list of calls, the decision to sleep and the inspections. Because the watchdog decides
 * to sleep under the lock only when the list is empty, and {@link #watch} reads {@code sleeping} under the lock
 * after linking its call, a call that starts as the watchdog goes to sleep always wakes it: no call goes
 * uninspected for longer than a period. Inspecting under the lock means a budget is never inspected while its
 * call starts or after it finished (its fields then belong to no call, or to half of one).
 */
public final class CallWatchdog implements AutoCloseable {
    private static final long PERIOD_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    /**
     * Rounds with no call under way before the watchdog sleeps (100 ms). Between calls that come more often than
     * that it keeps its period, as it always did, rather than being woken by nearly every call: that would cost the
     * calling threads an unpark each and the watchdog two wake-ups per call in place of one per period.
     */
    private static final int QUIET_ROUNDS_BEFORE_SLEEP = 10;

    private final Object lock = new Object();
    private final Thread thread;
    /** The calls under way, the latest started first; guarded by {@link #lock}. */
    private Slot first;
    /** Set under the lock by the watchdog when it found no call to watch; cleared by whoever wakes it. */
    private volatile boolean sleeping;
    /** Set under the lock. */
    private volatile boolean closed;
    /**
     * Rounds completed so far, each a wake-up of the watchdog's thread: how the tests see that an idle watchdog does
     * none, and that a round has inspected the calls under way.
     */
    private volatile long rounds;

    public CallWatchdog() {
        thread = new Thread(this::run, "james-lua-watchdog");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * A budget's place in the list of calls under way, made once with the budget and reused by each of its calls,
     * so that starting and finishing a call allocates nothing.
     */
    static final class Slot {
        private final Budget budget;
        private Slot previous;
        private Slot next;
        private boolean linked;

        Slot(Budget budget) {
            this.budget = budget;
        }
    }

    /** From the budget's call's thread, after the budget is set up for the call. */
    void watch(Slot slot) {
        boolean wake = false;
        synchronized (lock) {
            if (slot.linked) {
                return;
            }
            slot.linked = true;
            slot.previous = null;
            slot.next = first;
            if (first != null) {
                first.previous = slot;
            }
            first = slot;
            if (sleeping) {
                sleeping = false;
                wake = true;
            }
        }
        if (wake) {
            LockSupport.unpark(thread);
        }
    }

    void unwatch(Slot slot) {
        synchronized (lock) {
            if (!slot.linked) {
                return;
            }
            if (slot.previous == null) {
                first = slot.next;
            } else {
                slot.previous.next = slot.next;
            }
            if (slot.next != null) {
                slot.next.previous = slot.previous;
            }
            slot.previous = null;
            slot.next = null;
            slot.linked = false;
        }
    }

    long rounds() {
        return rounds;
    }

    Thread thread() {
        return thread;
    }

    private void run() {
        long tick = System.nanoTime() + PERIOD_NANOS;
        int quietRounds = 0;
        while (true) {
            waitUntil(tick);
            boolean goesToSleep = false;
            synchronized (lock) {
                if (closed) {
                    return;
                }
                if (first != null) {
                    quietRounds = 0;
                    for (Slot slot = first; slot != null; slot = slot.next) {
                        slot.budget.inspect();
                    }
                } else if (++quietRounds == QUIET_ROUNDS_BEFORE_SLEEP) {
                    sleeping = true;
                    goesToSleep = true;
                }
                // counted once the round's inspections are done, so that a round seen is a round complete
                rounds++;
            }
            if (goesToSleep) {
                // a call may have started, cleared sleeping and unparked already: then this does not park
                while (sleeping) {
                    LockSupport.park(this);
                }
                quietRounds = 0;
                tick = System.nanoTime() + PERIOD_NANOS;
            } else {
                // after a late wake-up (a loaded machine) the next period starts now: no burst of catch-up rounds
                tick = Math.max(tick + PERIOD_NANOS, System.nanoTime());
            }
        }
    }

    private void waitUntil(long tick) {
        for (long left = tick - System.nanoTime(); left > 0 && !closed; left = tick - System.nanoTime()) {
            LockSupport.parkNanos(this, left);
        }
    }

    /** Ends the thread promptly, asleep or not; it does not wait for it. */
    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
            sleeping = false;
        }
        LockSupport.unpark(thread);
    }
}
