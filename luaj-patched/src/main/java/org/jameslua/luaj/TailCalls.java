package org.jameslua.luaj;

import org.luaj.vm2.LuaClosure;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.TailcallVarargs;
import org.luaj.vm2.Varargs;

/**
 * {@code return f(...)} as Lua 5.2 runs it: only a Lua function replaces the caller's frame; any other callee
 * (a host function, a value with {@code __call}, or one that cannot be called) is called in place, from the
 * caller's frame, as Lua 5.2's {@code OP_TAILCALL} does with a C function. LuaJ deferred every tail call to
 * after its caller had returned, so an error the callee raised ({@code return error("x")},
 * {@code return string.rep()}, {@code return undefined()}) had no function to give it a position, nor a call
 * instruction to name the callee; and a bound tripping in the callee had no line.
 */
public final class TailCalls {
    private TailCalls() {}

    public static Varargs call(LuaValue function, Varargs args) {
        if (function instanceof LuaClosure) {
            return new TailcallVarargs(function, args);
        }
        return function.invoke(args);
    }
}
