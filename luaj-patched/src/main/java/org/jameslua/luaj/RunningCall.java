package org.jameslua.luaj;

/**
 * The bounds of the script call running on this thread, for code shared between script instances (LuaJ's own
 * classes and the engine's library functions), which holds no bounds of its own. The engine makes a call's bounds
 * current for as long as the call runs on a thread (a coroutine's thread included).
 */
public final class RunningCall {
    /** What shared code may ask of a call's bounds. */
    public interface Bounds {
        /** Looks at the call's time and allocation, and fails the call when either is spent. */
        void checkTime();

        /** Fails the call when a string of this many bytes would be over its limit. */
        void checkStringLength(long length);

        /** Fails the call when an array of this many bytes would take it past its allocation bound. */
        void checkLargeAllocation(long bytes);
    }

    private static final ThreadLocal<Bounds> CURRENT = new ThreadLocal<>();

    private RunningCall() {}

    /** The running call's bounds, or null outside a call (host code, where there is no bound to apply). */
    public static Bounds bounds() {
        return CURRENT.get();
    }

    /** {@link Bounds#checkTime} of the running call, if any. */
    public static void checkTime() {
        Bounds bounds = CURRENT.get();
        if (bounds != null) {
            bounds.checkTime();
        }
    }

    /** Makes these bounds the ones this thread's calls are checked against; returns the previous ones. */
    public static Bounds enter(Bounds bounds) {
        Bounds previous = CURRENT.get();
        CURRENT.set(bounds);
        return previous;
    }

    public static void leave(Bounds previous) {
        if (previous == null) {
            CURRENT.remove();
        } else {
            CURRENT.set(previous);
        }
    }
}
