package org.jameslua.engine.net;

import java.net.SocketTimeoutException;
import java.time.Duration;

/** The moment a network operation must be over by, shared by its steps (resolve, connect, every read). */
public final class Deadline {
    private final long endNanos;
    private final Duration length;

    private Deadline(long endNanos, Duration length) {
        this.endNanos = endNanos;
        this.length = length;
    }

    public static Deadline in(Duration length) {
        Duration bounded = length.isNegative() ? Duration.ZERO : length;
        return new Deadline(System.nanoTime() + bounded.toNanos(), bounded);
    }

    public Duration remaining() {
        long left = endNanos - System.nanoTime();
        return left > 0 ? Duration.ofNanos(left) : Duration.ZERO;
    }

    /** Milliseconds left for a socket timeout (never 0, which sockets read as "wait forever"). */
    public int socketTimeoutMillis() throws SocketTimeoutException {
        long left = remaining().toMillis();
        if (left <= 0) {
            throw new SocketTimeoutException("no answer within " + length.toMillis() + " ms");
        }
        return (int) Math.min(Integer.MAX_VALUE, left);
    }

    public Duration length() {
        return length;
    }
}
