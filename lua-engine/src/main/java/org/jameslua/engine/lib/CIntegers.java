package org.jameslua.engine.lib;

import org.luaj.vm2.Varargs;

/**
 * A library function's integer argument as Lua 5.2 reads it ({@code luaL_checkinteger}): the number cast to C's
 * 64-bit {@code lua_Integer}. Debian's lua5.2 on x86-64 casts with {@code cvttsd2si}, which gives the least
 * integer for a number out of range, infinite or NaN, so {@code string.sub(s, math.huge)} is the whole string;
 * Java's cast would give the greatest ({@code LuaValue.checklong}), and LuaJ's {@code checkint} wraps 2^31 to a
 * negative int.
 */
public final class CIntegers {
    private static final double TWO_TO_63 = 0x1p63;

    private CIntegers() {}

    public static long check(Varargs args, int index) {
        return of(args.checknumber(index).todouble());
    }

    public static long optional(Varargs args, int index, long absent) {
        return args.isnoneornil(index) ? absent : check(args, index);
    }

    /**
     * {@code luaL_checkint}: the 64-bit integer cut to C's 32-bit int, its low 32 bits (so 2^32 + 1 is 1, and a
     * number out of range, infinite or NaN is 0).
     */
    public static int checkInt(Varargs args, int index) {
        return (int) check(args, index);
    }

    public static int optionalInt(Varargs args, int index, int absent) {
        return args.isnoneornil(index) ? absent : checkInt(args, index);
    }

    public static long of(double number) {
        // NaN fails both comparisons
        return number >= -TWO_TO_63 && number < TWO_TO_63 ? (long) number : Long.MIN_VALUE;
    }
}
