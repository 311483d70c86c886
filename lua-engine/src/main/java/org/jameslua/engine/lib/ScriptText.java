package org.jameslua.engine.lib;

import org.luaj.vm2.LuaString;
import org.luaj.vm2.Varargs;

/**
 * A script's strings handed to Java code, checked against the running call's allocation bound ({@link
 * StringBound#checkLargeAllocation}) before they are copied. Java code runs no Lua instruction at which a bound
 * could stop it: a copy of a string of megabytes, made in a loop, allocates gigabytes before the watchdog looks,
 * and a few calls doing so at once hold the heap.
 */
public final class ScriptText {
    private ScriptText() {}

    public static String of(LuaString text) {
        checkCopy(text);
        return text.tojstring();
    }

    /**
     * Before LuaJ's code copies the text into Java: the copy decodes the bytes into characters and makes a string of
     * them, three times the length.
     */
    public static void checkCopy(LuaString text) {
        StringBound.checkLargeAllocation(3L * text.length());
    }

    /** Argument {@code index} as Java text; a string or a number, as {@code checkjstring} takes it. */
    public static String argument(Varargs args, int index) {
        return of(args.checkstring(index));
    }

    /** As {@link #argument}, or {@code otherwise} where the argument is none or nil ({@code optjstring}). */
    public static String argument(Varargs args, int index, String otherwise) {
        return args.isnoneornil(index) ? otherwise : argument(args, index);
    }

    /**
     * The parts one after the other, a Lua string made of their bytes: an error's position in front of its message,
     * without copying the message into Java and back (seven times its length).
     */
    public static LuaString joined(LuaString... parts) {
        long length = 0;
        for (LuaString part : parts) {
            length += part.length();
        }
        StringBound.check(length);
        StringBound.checkLargeAllocation(length);
        byte[] bytes = new byte[(int) length];
        int at = 0;
        for (LuaString part : parts) {
            part.copyInto(0, bytes, at, part.length());
            at += part.length();
        }
        return LuaString.valueUsing(bytes);
    }
}
