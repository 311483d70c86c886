package org.jameslua.engine.lib;

import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaValue;

/**
 * The string length bound of the call running on this thread, for library functions that are shared between
 * instances and so hold no budget of their own. Every function that builds a string calls {@link #check} with
 * the length the string would have, before allocating it: the JVM must never be the one to refuse.
 */
public final class StringBound {
    private static final ThreadLocal<Budget> CURRENT = new ThreadLocal<>();
    /** A look costs about 70 ns, a few thousand items some microseconds. */
    private static final int ITEMS_BETWEEN_LOOKS = 4096;
    /** From this length on, going through a string takes some microseconds: more than a look costs. */
    private static final int LONG_STRING = 64 * 1024;

    private StringBound() {}

    /**
     * Fails the running call (a {@code MEMORY} error, not catchable by {@code pcall}) when a string of this
     * many bytes would be over its limit. Outside a call (host code) there is no bound to apply.
     */
    public static void check(long length) {
        Budget budget = CURRENT.get();
        if (budget != null) {
            budget.checkStringLength(length);
        }
    }

    /** {@link Budget#checkLargeAllocation} of the running call, before a string's array of this size is made. */
    public static void checkLargeAllocation(long bytes) {
        Budget budget = CURRENT.get();
        if (budget != null) {
            budget.checkLargeAllocation(bytes);
        }
    }

    /**
     * Fails the running call when its time or allocation is spent: for shared code that works long in Java without
     * running a Lua instruction, where no other look would come (the Lua 5.0 rewriter of {@code load}'s chunks).
     */
    public static void checkTimeAndAllocation() {
        Budget budget = CURRENT.get();
        if (budget != null) {
            budget.checkTime();
        }
    }

    /**
     * {@link #checkTimeAndAllocation} at every {@value #ITEMS_BETWEEN_LOOKS}th item a loop over a table's items
     * passes: a loop whose length the script decides (a {@code __len}'s answer, a table of millions of items) runs no
     * Lua instruction for the hook to count, and ran seconds past the time bound, or gigabytes past the allocation
     * bound, before any other look.
     */
    public static void lookEvery(long item) {
        if (item % ITEMS_BETWEEN_LOOKS == 0) {
            checkTimeAndAllocation();
        }
    }

    /**
     * {@link #checkTimeAndAllocation} before a library function compares two strings of {@value #LONG_STRING} bytes
     * or more, or reads a long string as a number: one call then runs through megabytes (8 ms for two equal strings
     * of 64 MiB), and 4,096 of them, between two looks of the hook, ran 7 to 31 s past the time bound. (The
     * interpreter's own {@code ==} and {@code <} are left to the watchdog: a look in the hook at every comparison
     * made the interpreter 10-20% slower in a noisy
     * measurement, benchmarks/lua-vs-native.sh.)
     */
    public static void lookBeforeReading(LuaValue a, LuaValue b) {
        if (a instanceof LuaString
                && b instanceof LuaString
                && Math.min(((LuaString) a).m_length, ((LuaString) b).m_length) >= LONG_STRING) {
            checkTimeAndAllocation();
        }
    }

    /** Makes a budget the one this thread's calls are checked against; returns the previous one. */
    public static Budget enter(Budget budget) {
        Budget previous = CURRENT.get();
        CURRENT.set(budget);
        return previous;
    }

    public static void leave(Budget previous) {
        if (previous == null) {
            CURRENT.remove();
        } else {
            CURRENT.set(previous);
        }
    }
}
