package org.jameslua.smtp.session;

import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * James's log of the connections turned away because every SMTP worker was busy. A connection flood turns away
 * thousands a minute; a line for each would flood the log as well, so the first is logged and those after it are
 * counted, their number logged with the first turn-away at least a minute after the last line.
 */
final class TurnAwayLog {
    private static final long INTERVAL = TimeUnit.MINUTES.toNanos(1);

    private final int workers;
    private final Consumer<String> warn;
    private final LongSupplier nanoTime;
    private final Object lock = new Object();
    // guarded by lock
    private boolean logged;
    private long lastLogged;
    private long unlogged;

    TurnAwayLog(int workers, Consumer<String> warn, LongSupplier nanoTime) {
        this.workers = workers;
        this.warn = warn;
        this.nanoTime = nanoTime;
    }

    /** Records that {@code sessionId} from {@code client} was answered 421; called on I/O threads. */
    void turnedAway(String sessionId, String client) {
        long now = nanoTime.getAsLong();
        long more;
        synchronized (lock) {
            if (logged && now - lastLogged < INTERVAL) {
                unlogged++;
                return;
            }
            more = unlogged;
            logged = true;
            lastLogged = now;
            unlogged = 0;
        }
        String latest = "session " + sessionId + " from " + client + " is answered 421 4.3.2";
        if (more == 0) {
            warn.accept("All " + workers + " SMTP workers are busy (smtp.workers): " + latest
                    + "; more sessions turned away are counted and logged at most once a minute");
        } else {
            warn.accept("All " + workers + " SMTP workers are busy (smtp.workers): " + more
                    + " more sessions were answered 421 4.3.2 since the last such line; now " + latest);
        }
    }
}
