package org.jameslua.engine.lib;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The Java threads of all coroutines of one engine's instances, across sessions: LuaJ gives each started
 * coroutine a thread of its own, which it keeps while suspended, so their number is capped server-wide.
 */
public final class CoroutineThreads {
    private final int max;
    private final AtomicInteger alive = new AtomicInteger();

    public CoroutineThreads(int max) {
        this.max = max;
    }

    public int max() {
        return max;
    }

    /** Coroutine threads started and not yet ended. */
    public int alive() {
        return alive.get();
    }

    /** Takes a thread for a coroutine about to start; false, taking nothing, when the cap is reached. */
    boolean take() {
        if (alive.incrementAndGet() > max) {
            alive.decrementAndGet();
            return false;
        }
        return true;
    }

    void release() {
        alive.decrementAndGet();
    }
}
