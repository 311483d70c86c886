package org.jameslua.engine.lib;

import java.util.function.Supplier;
import org.jameslua.luaj.RunningInstance;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

/**
 * Where Lua 5.2's C library calls back into Lua without a continuation ({@code lua_call}): the comparison and
 * {@code __len} of {@code table.sort}, the {@code __len} of {@code table.insert} and {@code table.remove}, a function
 * or table replacement of {@code string.gsub}, {@code __tostring} through {@code tostring}, {@code print} and
 * {@code string.format}, {@code __pairs} and {@code __ipairs}, {@code load}'s reader and {@code require}'s loader. A
 * coroutine cannot yield across those in Lua 5.2 ("attempt to yield across a C-call boundary"); here they are host
 * functions on the coroutine's own Java thread, across which LuaJ would let it yield. {@code pcall}, {@code dofile},
 * metamethods run by Lua code and iterators called by {@code for} are no such boundary, in 5.2 as here.
 */
public final class CallBoundary {
    private CallBoundary() {}

    /** Runs {@code callback} as a C function of Lua 5.2 calls into Lua: no coroutine yields across it. */
    public static <T> T across(Supplier<T> callback) {
        RunningInstance.Bounds bounds = RunningInstance.bounds();
        if (!(bounds instanceof Budget)) {
            return callback.get();
        }
        Budget budget = (Budget) bounds;
        budget.boundaryEntered();
        try {
            return callback.get();
        } finally {
            budget.boundaryLeft();
        }
    }

    /** {@code function(value)} across a boundary: a metamethod a library function calls. */
    public static LuaValue call(LuaValue function, LuaValue value) {
        return across(() -> function.call(value));
    }

    /** {@code function(args)} across a boundary. */
    public static Varargs invoke(LuaValue function, Varargs args) {
        return across(() -> function.invoke(args));
    }
}
