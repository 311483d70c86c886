package org.jameslua.engine.lib;

import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.ArgumentError;

/**
 * The {@code bit32} library as Lua 5.2 computes it on 64-bit Linux: the values operated on are turned into 32-bit
 * values by rounding to the nearest integer (ties to even) modulo 2^32 ({@code luaL_checkunsigned}), while
 * displacements, fields and widths are C ints ({@code luaL_checkint}, truncated: 1.5 is 1); shifts by 32 or more
 * give 0 (or all ones for a negative {@code arshift}), a negative displacement shifts the other way, and rotations
 * take theirs modulo 32. Lua 5.2.4 reads the two arguments of {@code lshift}, {@code rshift}, {@code lrotate} and
 * {@code rrotate} in one C call, whose arguments Debian's compiler evaluates last first: the displacement is
 * checked before the value, as there.
 */
final class Bit32Functions {
    /** 2^52 + 2^51: adding it leaves an integer's low 32 bits in the low bits of a double, as Lua 5.2 converts. */
    private static final double MAGIC = 6755399441055744.0;

    private static final long ALL = 0xFFFFFFFFL;

    private Bit32Functions() {}

    static LuaTable create() {
        LuaTable bit32 = new LuaTable(0, 16);
        bit32.rawset("band", Functions.of("band", args -> LuaValue.valueOf(and(args))));
        bit32.rawset("bor", Functions.of("bor", args -> {
            long r = 0;
            for (int i = 1; i <= args.narg(); i++) {
                r |= unsigned(args, i);
            }
            return LuaValue.valueOf(r);
        }));
        bit32.rawset("bxor", Functions.of("bxor", args -> {
            long r = 0;
            for (int i = 1; i <= args.narg(); i++) {
                r ^= unsigned(args, i);
            }
            return LuaValue.valueOf(r);
        }));
        bit32.rawset("btest", Functions.of("btest", args -> LuaValue.valueOf(and(args) != 0)));
        bit32.rawset("bnot", Functions.of("bnot", args -> LuaValue.valueOf(~unsigned(args, 1) & ALL)));
        bit32.rawset("lshift", Functions.of("lshift", args -> {
            long i = integer(args, 2);
            return shift(unsigned(args, 1), i);
        }));
        bit32.rawset("rshift", Functions.of("rshift", args -> {
            long i = integer(args, 2);
            return shift(unsigned(args, 1), -i);
        }));
        bit32.rawset("arshift", Functions.of("arshift", args -> {
            long r = unsigned(args, 1);
            long i = integer(args, 2);
            if (i < 0 || (r & 0x80000000L) == 0) {
                return shift(r, -i);
            }
            return LuaValue.valueOf(i >= 32 ? ALL : ((r >>> i) | ~(ALL >>> i)) & ALL);
        }));
        bit32.rawset("lrotate", Functions.of("lrotate", args -> {
            long i = integer(args, 2);
            return rotate(unsigned(args, 1), i);
        }));
        bit32.rawset("rrotate", Functions.of("rrotate", args -> {
            long i = integer(args, 2);
            return rotate(unsigned(args, 1), -i);
        }));
        bit32.rawset("extract", Functions.of("extract", args -> {
            long r = unsigned(args, 1);
            int field = integer(args, 2);
            int width = width(args, 3);
            checkField(field, width, 2);
            return LuaValue.valueOf((r >>> field) & mask(width));
        }));
        bit32.rawset("replace", Functions.of("replace", args -> {
            long r = unsigned(args, 1);
            long v = unsigned(args, 2);
            int field = integer(args, 3);
            int width = width(args, 4);
            checkField(field, width, 3);
            long m = mask(width);
            return LuaValue.valueOf((r & ~(m << field) | (v & m) << field) & ALL);
        }));
        return bit32;
    }

    private static long and(Varargs args) {
        long r = ALL;
        for (int i = 1; i <= args.narg(); i++) {
            r &= unsigned(args, i);
        }
        return r;
    }

    private static LuaValue shift(long r, long i) {
        if (i <= -32 || i >= 32) {
            return LuaValue.ZERO;
        }
        return LuaValue.valueOf(i < 0 ? r >>> -i : (r << i) & ALL);
    }

    private static LuaValue rotate(long r, long i) {
        int n = (int) (i & 31);
        return LuaValue.valueOf(((r << n) | (r >>> (32 - n))) & ALL);
    }

    private static int width(Varargs args, int widthArg) {
        return args.isnoneornil(widthArg) ? 1 : integer(args, widthArg);
    }

    /** Lua 5.2's {@code fieldargs} checks field and width after reading both (a bad width's type is found first). */
    private static void checkField(int field, int width, int fieldArg) {
        if (field < 0) {
            throw ArgumentError.problem(fieldArg, "field cannot be negative");
        }
        if (width <= 0) {
            throw ArgumentError.problem(fieldArg + 1, "width must be positive");
        }
        if ((long) field + width > 32) {
            throw new org.luaj.vm2.LuaError("trying to access non-existent bits");
        }
    }

    private static long mask(int width) {
        return ALL >>> (32 - width);
    }

    private static long unsigned(Varargs args, int i) {
        return Double.doubleToRawLongBits(args.checkdouble(i) + MAGIC) & ALL;
    }

    private static int integer(Varargs args, int i) {
        return CIntegers.checkInt(args, i);
    }
}
