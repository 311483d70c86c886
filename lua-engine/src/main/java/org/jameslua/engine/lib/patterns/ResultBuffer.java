package org.jameslua.engine.lib.patterns;

import java.util.Arrays;
import org.jameslua.engine.lib.Budget;
import org.luaj.vm2.LuaString;

/** The bytes of a string being built, never longer than the instance's string length limit. */
final class ResultBuffer {
    private final Budget budget;
    private byte[] bytes;
    private int length;

    ResultBuffer(Budget budget, int expectedLength) {
        this.budget = budget;
        this.bytes = new byte[Math.max(16, expectedLength)];
    }

    /** Appends bytes {@code from} (inclusive) to {@code to} (exclusive) of {@code text}. */
    void append(LuaString text, int from, int to) {
        int count = to - from;
        if (count <= 0) {
            return;
        }
        long needed = (long) length + count;
        budget.checkStringLength(needed);
        if (needed > bytes.length) {
            long doubled = Math.min(2L * bytes.length, budget.limits().stringLength());
            long grown = Math.max(needed, doubled);
            budget.checkLargeAllocation(grown);
            bytes = Arrays.copyOf(bytes, (int) grown);
        }
        text.copyInto(from, bytes, length, count);
        length += count;
    }

    LuaString toLuaString() {
        // valueOf would copy the array once more
        return LuaString.valueUsing(length == bytes.length ? bytes : Arrays.copyOf(bytes, length));
    }
}
