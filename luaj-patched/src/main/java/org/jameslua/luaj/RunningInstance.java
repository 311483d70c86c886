package org.jameslua.luaj;

import org.luaj.vm2.LuaTable;

/**
 * The script instance whose call runs on this thread, as code shared between instances sees it (LuaJ's own
 * classes, the engine's library functions, the one string metatable of the JVM): the call's bounds and the
 * instance's {@code string} table. The engine makes an instance current for as long as one of its calls runs on a
 * thread (a coroutine's thread included), and puts back the one it replaced when the call ends, however it ends.
 */
public final class RunningInstance {
    /** What shared code may ask of a call's bounds. */
    public interface Bounds {
        /** Looks at the call's time and allocation, and fails the call when either is spent. */
        void checkTime();

        /** Fails the call when a string of this many bytes would be over its limit. */
        void checkStringLength(long length);

        /** Fails the call when an array of this many bytes would take it past its allocation bound. */
        void checkLargeAllocation(long bytes);
    }

    private static final ThreadLocal<RunningInstance> CURRENT = new ThreadLocal<>();

    private final Bounds bounds;
    private final LuaTable strings;

    public RunningInstance(Bounds bounds, LuaTable strings) {
        this.bounds = bounds;
        this.strings = strings;
    }

    /** The running call's bounds, or null outside a call (host code, where there is no bound to apply). */
    public static Bounds bounds() {
        RunningInstance running = CURRENT.get();
        return running == null ? null : running.bounds;
    }

    /** {@link Bounds#checkTime} of the running call, if any. */
    public static void checkTime() {
        RunningInstance running = CURRENT.get();
        if (running != null) {
            running.bounds.checkTime();
        }
    }

    /** The running instance's {@code string} table, where {@code s:name()} finds its method; null outside a call. */
    public static LuaTable strings() {
        RunningInstance running = CURRENT.get();
        return running == null ? null : running.strings;
    }

    /** Makes this instance the running one on this thread; returns the one it replaces, for {@link #leave}. */
    public RunningInstance enter() {
        RunningInstance previous = CURRENT.get();
        CURRENT.set(this);
        return previous;
    }

    /**
     * Puts back what {@link #enter} replaced: no instance stays referenced from a pooled thread once the outermost call
     * ends. The thread keeps its entry, holding null: removing it cost every call a reference clearing and the next
     * one a new entry.
     */
    public static void leave(RunningInstance previous) {
        CURRENT.set(previous);
    }
}
