package org.luaj.vm2.lib;

import org.luaj.vm2.Lua;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Prototype;
import org.luaj.vm2.Varargs;

/**
 * The arguments a Lua function's call instruction passed, and the name it called the function by, read from
 * the calling function's registers when an error leaves the call. {@code top} and {@code varargs} are LuaJ's
 * {@code execute} locals of the same names: an open argument list ({@code f(g())}, {@code f(...)}) ends in the
 * values {@code varargs} holds, {@code top} past the last; LuaJ's {@code OP_TAILCALL} has already collected an
 * open list into {@code varargs} when it calls.
 */
final class CallArguments {
    private final LuaValue[] stack;
    private final int first;
    private final int count;
    /** Where the values {@code varargs} holds start (as a register number), when the list is open. */
    private final int spill;

    private final Varargs varargs;
    final DebugLib.NameWhat name;

    private CallArguments(LuaValue[] stack, int first, int count, int spill, Varargs varargs, DebugLib.NameWhat name) {
        this.stack = stack;
        this.first = first;
        this.count = count;
        this.spill = spill;
        this.varargs = varargs;
        this.name = name;
    }

    /** The call the instruction at {@code pc} made, or null when it is no call. */
    static CallArguments of(Prototype p, int pc, LuaValue[] stack, int top, Varargs varargs) {
        int i = p.code[pc];
        int a = Lua.GETARG_A(i);
        int b = Lua.GETARG_B(i);
        switch (Lua.GET_OPCODE(i)) {
            case Lua.OP_CALL:
                if (b > 0) {
                    return new CallArguments(stack, a + 1, b - 1, Integer.MAX_VALUE, null, nameOf(p, pc, a));
                }
                return new CallArguments(stack, a + 1, top - a - 1, top - varargs.narg(), varargs, nameOf(p, pc, a));
            case Lua.OP_TAILCALL:
                if (b > 0) {
                    return new CallArguments(stack, a + 1, b - 1, Integer.MAX_VALUE, null, nameOf(p, pc, a));
                }
                return new CallArguments(stack, a + 1, varargs.narg(), a + 1, varargs, nameOf(p, pc, a));
            case Lua.OP_TFORCALL:
                return new CallArguments(
                        stack,
                        a + 1,
                        2,
                        Integer.MAX_VALUE,
                        null,
                        new DebugLib.NameWhat("for iterator", "for iterator"));
            default:
                return null;
        }
    }

    /** The arguments a host function passed to a function it called itself (pcall), by the name given. */
    static CallArguments of(Varargs args, String name) {
        return new CallArguments(new LuaValue[0], 1, args.narg(), 1, args, new DebugLib.NameWhat(name, "global"));
    }

    /** Lua 5.2's name of an unnamed callee ({@code t[i]()}, {@code f()()}) is '?'. */
    private static DebugLib.NameWhat nameOf(Prototype p, int pc, int register) {
        DebugLib.NameWhat name = DebugLib.getobjname(p, pc, register);
        return name != null ? name : new DebugLib.NameWhat("?", "");
    }

    int count() {
        return count;
    }

    /** The {@code n}th argument (from 1); only for {@code n <= count()}. */
    LuaValue get(int n) {
        int register = first + n - 1;
        if (register < spill) {
            return register < stack.length && stack[register] != null ? stack[register] : LuaValue.NIL;
        }
        return varargs.arg(register - spill + 1);
    }

    /** The first argument that is {@code value} itself, or 0. */
    int indexOf(LuaValue value) {
        for (int n = 1; n <= count; n++) {
            if (get(n) == value) {
                return n;
            }
        }
        return 0;
    }
}
