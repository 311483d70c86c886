package org.jameslua.engine.lib;

import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.ArgumentError;

/**
 * A script's strings handed to Java code, checked against the running call's allocation bound ({@link
 * StringBound#checkLargeAllocation}) before they are copied. Java code runs no Lua instruction at which a bound
 * could stop it: a copy of a string of megabytes, made in a loop, allocates gigabytes before the watchdog looks,
 * and a few calls doing so at once hold the heap.
 */
public final class ScriptText {
    /**
     * Longer names (of files, modules, variables, hosts, settings) name nothing: far past any a file system, DNS or
     * host stores. The functions taking a name copy it into paths and error messages, up to 25 times its length
     * ({@code require}); a name of this length costs them under 2 MiB.
     */
    public static final int LONGEST_NAME = 64 * 1024;

    private ScriptText() {}

    /** LuaJ's copy into Java decodes the bytes into characters and makes a string of them: three times the length. */
    public static String of(LuaString text) {
        StringBound.checkLargeAllocation(3L * text.length());
        return text.tojstring();
    }

    /** Argument {@code index} as Java text; a string or a number, as {@code checkjstring} takes it. */
    public static String argument(Varargs args, int index) {
        return of(args.checkstring(index));
    }

    /** Argument {@code index} as a name: an argument error, before any copy, when longer than {@link #LONGEST_NAME}. */
    public static String name(Varargs args, int index) {
        checkName(args, index);
        return args.checkjstring(index);
    }

    /** As {@link #name}, or {@code otherwise} where the argument is none or nil. */
    public static String name(Varargs args, int index, String otherwise) {
        return args.isnoneornil(index) ? otherwise : name(args, index);
    }

    /** Before LuaJ's code takes argument {@code index}, when a string, as a name. */
    public static void checkName(Varargs args, int index) {
        if (args.type(index) == LuaValue.TSTRING && args.checkstring(index).length() > LONGEST_NAME) {
            throw ArgumentError.problem(index, "name longer than " + LONGEST_NAME + " bytes");
        }
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
