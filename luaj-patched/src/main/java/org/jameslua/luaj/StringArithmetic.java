package org.jameslua.luaj;

import org.luaj.vm2.LuaValue;

/**
 * Arithmetic with a string on the left, as Lua 5.2's {@code luaV_arith}: the numbers are used only when both
 * operands read as numbers; otherwise the metamethod gets the operands as they were. LuaJ's {@code LuaString.add}
 * and the other five turned a numeric string into a number first, so {@code "10" + t} called {@code t}'s
 * {@code __add} with the number 10; the patched methods ask {@link #byMetamethod} where LuaJ asked
 * {@code Double.isNaN(left)}.
 */
public final class StringArithmetic {
    private StringArithmetic() {}

    /** Whether {@code left} (the string's value as a number, NaN if it has none) and {@code right} go to a metamethod. */
    public static boolean byMetamethod(double left, LuaValue right) {
        return Double.isNaN(left) || !right.isnumber();
    }
}
