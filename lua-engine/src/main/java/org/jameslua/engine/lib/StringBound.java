package org.jameslua.engine.lib;

import org.jameslua.luaj.RunningInstance;
import org.jameslua.luaj.StringComparison;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaValue;

/**
 * The library functions' looks at the bounds of the call running on this thread ({@link RunningInstance}): they are
 * shared between instances and so hold no budget of their own. Every function that builds a string calls
 * {@link #check} with the length the string would have, before allocating it: the JVM must never be the one to
 * refuse.
 */
public final class StringBound {
    /** A look costs about 70 ns, a few thousand items some microseconds. */
    private static final int ITEMS_BETWEEN_LOOKS = 4096;

    private StringBound() {}

    /**
     * Fails the running call (a {@code MEMORY} error, not catchable by {@code pcall}) when a string of this
     * many bytes would be over its limit. Outside a call (host code) there is no bound to apply.
     */
    public static void check(long length) {
        RunningInstance.Bounds bounds = RunningInstance.bounds();
        if (bounds != null) {
            bounds.checkStringLength(length);
        }
    }

    /** {@link Budget#checkLargeAllocation} of the running call, before a string's array of this size is made. */
    public static void checkLargeAllocation(long bytes) {
        RunningInstance.Bounds bounds = RunningInstance.bounds();
        if (bounds != null) {
            bounds.checkLargeAllocation(bytes);
        }
    }

    /**
     * Fails the running call when its time or allocation is spent: for shared code that works long in Java without
     * running a Lua instruction, where no other look would come (the Lua 5.0 rewriter of {@code load}'s chunks).
     */
    public static void checkTimeAndAllocation() {
        RunningInstance.checkTime();
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
     * {@link #checkTimeAndAllocation} before a library function reads a text of
     * {@value StringComparison#LONG_STRING} bytes or more as a number: one call then runs through megabytes, and
     * 4,096 of them, between two looks of the hook, ran seconds past the time bound. (Comparisons of long strings
     * look in {@link StringComparison}.)
     */
    public static void lookBeforeReading(LuaValue text) {
        if (text instanceof LuaString && ((LuaString) text).m_length >= StringComparison.LONG_STRING) {
            checkTimeAndAllocation();
        }
    }
}
