package org.jameslua.engine.lib;

import java.util.Optional;
import org.luaj.vm2.LuaValue;

/**
 * What one instance is charged in its engine's {@link RetainedMemory}, kept up to date after each of its calls.
 * {@link #afterCall} runs under the instance's lock, as its calls do; {@link #release} may come from the thread
 * that collects dropped instances, when no call can be under way.
 */
public final class InstanceMemory {
    private final RetainedMemory server;
    private final LuaValue globals;
    private final LoadedChunks loadedChunks;
    private long measured;
    private long unmeasured;
    /** What it kept when it started, as far as its first measurement tells; -1 before that. */
    private long baseline = -1;

    private volatile boolean released;

    InstanceMemory(RetainedMemory server, LuaValue globals, LoadedChunks loadedChunks) {
        this.server = server;
        this.globals = globals;
        this.loadedChunks = loadedChunks;
    }

    /**
     * Charges what a call allocated, measures the instance when due, and says why it must keep no more: it
     * passed its own bound, or all instances together are past theirs while this one is growing and has grown
     * by more than {@link RetainedMemory#MEASURE_AFTER} since it started. Instances that keep what they kept,
     * and new ones, go on. Called between calls, when the instance's coroutines are all suspended.
     */
    public Optional<String> afterCall(long allocated) {
        if (released) {
            return Optional.empty();
        }
        unmeasured += allocated;
        long total = server.charge(allocated);
        if (unmeasured <= RetainedMemory.MEASURE_AFTER && total <= server.total()) {
            return Optional.empty();
        }
        long before = measured;
        long now = RetainedSize.of(globals, loadedChunks, server.perInstance());
        if (baseline < 0) {
            // what it kept before allocating what was not yet measured: at most what it keeps now, at least none
            baseline = Math.max(0, now - unmeasured);
        }
        total = server.charge(now - measured - unmeasured);
        measured = now;
        unmeasured = 0;
        if (now > server.perInstance()) {
            return Optional.of("the script keeps more than " + server.perInstance()
                    + " bytes between calls (in globals, upvalues and the tables they reach)");
        }
        if (total > server.total() && now > before && now - baseline > RetainedMemory.MEASURE_AFTER) {
            return Optional.of("all scripts together keep more than " + server.total()
                    + " bytes between calls; this one grew to about " + now);
        }
        return Optional.empty();
    }

    /** The instance is gone or emptied: what it kept is no longer charged. */
    public synchronized void release() {
        if (!released) {
            released = true;
            server.charge(-(measured + unmeasured));
        }
    }
}
