package org.jameslua.mailets.routing;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * One call at a time of each user's own routing script. James's spool threads (20 in the shipped configuration)
 * handle mails at once, so twenty mails to one user arriving together ran that user's script twenty times at once:
 * a script that loops or sleeps held every spool thread to the time bound before its first slow call ended and
 * {@link SlowUserScripts} could skip it. Now a mail waits for the call under way at most a tenth of the time bound (a
 * quick script's turn comes in milliseconds); one that waited that long is routed without the script, as a slow call
 * was already under way. One user's script then holds at most one spool thread to the bound, and the others each a
 * tenth of it.
 */
final class UserScriptTurns {
    private final long waitNanos;
    private final ConcurrentMap<String, Turn> turns = new ConcurrentHashMap<>();

    UserScriptTurns(Duration timeBound) {
        this.waitNanos = timeBound.toNanos() / 10;
    }

    /** How long a mail waits for the user's turn. */
    Duration waitBound() {
        return Duration.ofNanos(waitNanos);
    }

    /** Takes the user's turn; false when it did not come within the wait bound (nothing to give back then). */
    boolean take(String user) {
        Turn turn = turns.compute(user, (name, existing) -> (existing == null ? new Turn() : existing).join());
        boolean taken = false;
        try {
            taken = turn.calls.tryAcquire(waitNanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!taken) {
            leave(user);
        }
        return taken;
    }

    /** Gives back the turn {@link #take} gave. */
    void giveBack(String user) {
        turns.get(user).calls.release();
        leave(user);
    }

    /** The user's entry goes once no mail holds or waits for its turn: users are many, mails to one at once few. */
    private void leave(String user) {
        turns.computeIfPresent(user, (name, turn) -> turn.leave());
    }

    boolean isEmpty() {
        return turns.isEmpty();
    }

    private static final class Turn {
        private final Semaphore calls = new Semaphore(1, true);
        // changed only inside the map's compute for this user
        private int mails;

        Turn join() {
            mails++;
            return this;
        }

        Turn leave() {
            mails--;
            return mails == 0 ? null : this;
        }
    }
}
