package org.jameslua.mailets.routing;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;

/**
 * One call at a time of each user's own routing script. James's spool threads (20 in the shipped configuration)
 * handle mails at once, so twenty mails to one user arriving together ran that user's script twenty times at once:
 * a script that loops or sleeps held every spool thread to the time bound before its first slow call ended and
 * {@link SlowUserScripts} could skip it. Now a mail waits for its turn while the call under way is younger than a
 * tenth of the time bound; once that call is older, the mail is routed without the script. What decides is the age
 * of the call under way, not how long the mail waited: mails queued behind many quick calls (a burst of mail to one
 * user whose script makes a DNS lookup) all get their turn, while behind a call that loops or sleeps each waits at
 * most a tenth of the bound. One user's script thus holds at most one spool thread to the bound.
 */
final class UserScriptTurns {
    private final long slowCallNanos;
    private final ConcurrentMap<String, Turn> turns = new ConcurrentHashMap<>();

    UserScriptTurns(Duration timeBound) {
        this.slowCallNanos = timeBound.toNanos() / 10;
    }

    /** The age of the call under way past which a mail no longer waits for it. */
    Duration slowCall() {
        return Duration.ofNanos(slowCallNanos);
    }

    /** Takes the user's turn; false when the call under way grew slow first (nothing to give back then). */
    boolean take(String user) {
        Turn turn = turns.compute(user, (name, existing) -> (existing == null ? new Turn() : existing).join());
        boolean taken = false;
        try {
            taken = turn.take(slowCallNanos);
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
        turns.get(user).giveBack();
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
        // changed only inside the map's compute for this user
        private int mails;
        // guarded by this
        private boolean held;
        private long heldSince;

        Turn join() {
            mails++;
            return this;
        }

        Turn leave() {
            mails--;
            return mails == 0 ? null : this;
        }

        synchronized boolean take(long slowCallNanos) throws InterruptedException {
            while (held) {
                long left = heldSince + slowCallNanos - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
            held = true;
            heldSince = System.nanoTime();
            return true;
        }

        synchronized void giveBack() {
            held = false;
            notify();
        }
    }
}
