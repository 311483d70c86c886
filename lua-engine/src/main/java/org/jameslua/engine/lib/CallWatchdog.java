package org.jameslua.engine.lib;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Looks at every call under way a hundred times a second and marks those past their time or memory budget;
 * the interpreter hook then stops them at their next instruction.
 *
 * <p>Measuring from outside keeps the per-instruction hook to a counter and a field read, and still catches
 * loops that run few instructions but allocate fast ({@code s = s .. s}) or wait in long library calls.
 */
public final class CallWatchdog implements AutoCloseable {
    private static final long PERIOD_MILLIS = 10;

    private final Set<Budget> watched = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "james-lua-watchdog");
        thread.setDaemon(true);
        return thread;
    });

    public CallWatchdog() {
        timer.scheduleAtFixedRate(this::sweep, PERIOD_MILLIS, PERIOD_MILLIS, TimeUnit.MILLISECONDS);
    }

    void watch(Budget budget) {
        watched.add(budget);
    }

    void unwatch(Budget budget) {
        watched.remove(budget);
    }

    private void sweep() {
        for (Budget budget : watched) {
            budget.inspect();
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
