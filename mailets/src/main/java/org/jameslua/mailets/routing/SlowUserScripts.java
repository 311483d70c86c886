package org.jameslua.mailets.routing;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The users whose own routing script was slow, each skipped for {@link #SKIPPED_FOR}. Every call of a user's script
 * holds one of James's spool threads (20 in the shipped configuration), which all users' mail shares: a user's script
 * that loops or sleeps on every mail of that user, through carelessness or with mail sent to that user on purpose,
 * would hold up everyone's mail. A user's own script has nothing to wait for (safety mode refuses the network
 * helpers), so a call that takes a tenth of the time bound or more is a loop or a sleep: one that ran to the bound
 * has the script skipped at once; a shorter one only when the user's call before was slow too, because the time is
 * wall-clock time, and one GC pause or a starved core can make one ordinary call slow.
 */
final class SlowUserScripts {
    static final Duration SKIPPED_FOR = Duration.ofMinutes(5);

    private final long slowNanos;
    private final long boundNanos;
    // a user is here from a slow call on: skipped while the deadline lies ahead, or slow once when it is 0
    private final ConcurrentMap<String, Long> slowUsers = new ConcurrentHashMap<>();

    SlowUserScripts(Duration timeBound) {
        this.boundNanos = timeBound.toNanos();
        this.slowNanos = boundNanos / 10;
    }

    boolean isSkipped(String user) {
        Long until = slowUsers.get(user);
        if (until == null || until == 0) {
            return false;
        }
        if (System.nanoTime() - until < 0) {
            return true;
        }
        slowUsers.remove(user, until);
        return false;
    }

    /** Records how long a call of the user's script took; true when the script is now skipped. */
    boolean tookTooLong(String user, long nanos) {
        if (nanos < slowNanos) {
            slowUsers.remove(user, 0L);
            return false;
        }
        boolean slowBefore = Long.valueOf(0).equals(slowUsers.get(user));
        if (nanos < boundNanos && !slowBefore) {
            slowUsers.put(user, 0L);
            return false;
        }
        slowUsers.put(user, skipDeadline());
        return true;
    }

    private static long skipDeadline() {
        long until = System.nanoTime() + SKIPPED_FOR.toNanos();
        // 0 marks a user who was slow once
        return until == 0 ? 1 : until;
    }
}
