package org.jameslua.luaj;

import org.luaj.vm2.LuaValue;

/**
 * What a table's number slot keeps when a value is stored over its number. LuaJ keeps a hash entry whose value is
 * a number as a bare {@code double} and, to store over it, asked the new value {@code tonumber()}, which converts a
 * numeric string: {@code t.x = 5; t.x = "0025"} left the number 25 in {@code t.x} (and {@code " 0x10 "} 16), where
 * Lua stores the string. The patched {@code NumberValueEntry.set} asks this instead.
 */
public final class NumberSlots {
    private NumberSlots() {}

    /** {@code value} when it is a number, else nil: the entry then gives way to one that holds any value. */
    public static LuaValue number(LuaValue value) {
        return value.type() == LuaValue.TNUMBER ? value : LuaValue.NIL;
    }
}
