package org.jameslua.mailets.routing;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The users whose own routing script was slow, each skipped for {@link #SKIPPED_FOR}. Every call of a user's script
 * holds one of James's spool threads (20 in the shipped configuration), which all users' mail shares: a user's script
 * that loops or sleeps to the time bound on every mail of that user, through carelessness or with mail sent to that
 * user on purpose, would hold up everyone's mail. A user's own script has nothing to wait for (safety mode refuses
 * the network helpers), so a call that takes a tenth of the time bound or more is a loop or a sleep.
 */
final class SlowUserScripts {
    static final Duration SKIPPED_FOR = Duration.ofMinutes(5);

    private final long slowNanos;
    private final ConcurrentMap<String, Long> skippedUntil = new ConcurrentHashMap<>();

    SlowUserScripts(Duration timeBound) {
        this.slowNanos = timeBound.toNanos() / 10;
    }

    boolean isSkipped(String user) {
        Long until = skippedUntil.get(user);
        if (until == null) {
            return false;
        }
        if (System.nanoTime() - until < 0) {
            return true;
        }
        skippedUntil.remove(user, until);
        return false;
    }

    /** Records how long a call of the user's script took; true when that was slow and the script is now skipped. */
    boolean tookTooLong(String user, long nanos) {
        if (nanos < slowNanos) {
            return false;
        }
        skippedUntil.put(user, System.nanoTime() + SKIPPED_FOR.toNanos());
        return true;
    }
}
