package org.jameslua.luaj;

import java.util.Arrays;
import org.luaj.vm2.LuaString;

/**
 * {@code LuaString.raweq} and {@code strcmp}, behind every comparison of two strings: the interpreter's {@code ==},
 * {@code <} and {@code <=}, table keys, {@code rawequal}, {@code table.sort}. Two equal strings of 64 MiB take
 * milliseconds to compare in one instruction, and the hook looks at the call's time only every 4,096
 * instructions: with the watchdog's turn late (a busy server), a loop of such comparisons ran 7 to 31 s past the
 * time bound. So a comparison that goes through {@value #LONG_STRING} bytes or more looks at the time first; a
 * short one pays a length test.
 */
public final class StringComparison {
    /** From this length on, going through a string takes some microseconds: more than a look costs (70 ns). */
    public static final int LONG_STRING = 64 * 1024;

    private StringComparison() {}

    /** LuaJ's {@code raweq(LuaString)}: same length, same sampled hash, then the bytes, compared in bulk. */
    public static boolean equal(LuaString a, LuaString b) {
        if (a == b) {
            return true;
        }
        int length = a.m_length;
        if (b.m_length != length) {
            return false;
        }
        if (a.m_bytes == b.m_bytes && a.m_offset == b.m_offset) {
            return true;
        }
        if (a.hashCode() != b.hashCode()) {
            return false;
        }
        if (length >= LONG_STRING) {
            RunningInstance.checkTime();
        }
        return Arrays.equals(a.m_bytes, a.m_offset, a.m_offset + length, b.m_bytes, b.m_offset, b.m_offset + length);
    }

    /**
     * The strings' order as Lua 5.2's {@code l_strcmp} in the C locale gives it: byte by unsigned byte
     * ({@code "\255" > "z"}; LuaJ compared Java's signed bytes).
     */
    public static int order(LuaString a, LuaString b) {
        if (Math.min(a.m_length, b.m_length) >= LONG_STRING) {
            RunningInstance.checkTime();
        }
        return Arrays.compareUnsigned(
                a.m_bytes, a.m_offset, a.m_offset + a.m_length, b.m_bytes, b.m_offset, b.m_offset + b.m_length);
    }
}
