package org.jameslua.luaj;

import org.luaj.vm2.LuaValue;

/**
 * A table, function or coroutine as {@code tostring} writes it in Lua 5.2: its type and an address-like
 * {@code 0x} number that tells apart objects alive at once ({@code "function: 0x1b6d3586"}). LuaJ wrote a
 * function as its source position ({@code "function: script.lua:3-5"}), the same for every closure of it, so a
 * script keying a table by {@code tostring(f)} mixed them up.
 */
public final class ObjectText {
    private ObjectText() {}

    public static String of(LuaValue value) {
        return value.typename() + ": 0x" + Integer.toHexString(System.identityHashCode(value));
    }

    /** An io file as Lua 5.2's {@code tostring} writes one: {@code file (0x1b6d3586)}, or {@code file (closed)}. */
    public static String ofFile(LuaValue file, boolean closed) {
        return closed ? "file (closed)" : "file (0x" + Integer.toHexString(System.identityHashCode(file)) + ")";
    }
}
