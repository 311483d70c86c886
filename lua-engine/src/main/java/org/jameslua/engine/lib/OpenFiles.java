package org.jameslua.engine.lib;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The files all of an engine's scripts hold open at once, kept below a bound: each is a file descriptor of the
 * server's process, which James needs for its connections, mailboxes and jars. A script opening files in a loop and
 * keeping them took every descriptor the process had ("Too many open files"): James could then accept no connection
 * and write no mail until those files were closed. Past the bound {@code io.open} fails as C's {@code fopen} does when
 * the process has none left ({@code EMFILE}).
 */
public final class OpenFiles {
    /** Files all scripts may hold open together: a small part of what a server process has (typically 65,536 or more). */
    public static final int TOTAL = 1024;

    private final AtomicInteger open = new AtomicInteger();

    /** Takes one file's place; false when all are taken. */
    boolean take() {
        while (true) {
            int now = open.get();
            if (now >= TOTAL) {
                return false;
            }
            if (open.compareAndSet(now, now + 1)) {
                return true;
            }
        }
    }

    void give() {
        open.decrementAndGet();
    }
}
