package org.jameslua.engine.lib;

import org.luaj.vm2.LuaValue;

/**
 * A metamethod a library function calls ({@code __tostring}, {@code __pairs}, {@code __ipairs}), as Lua 5.2's C
 * library calls one: a value that cannot be called fails with {@code attempt to call a number value} and no
 * position, as an error raised inside a C function has none (LuaJ's call would be positioned at the script's line).
 */
final class MetamethodCalls {
    private MetamethodCalls() {}

    /** The metamethod, when it can be called: a function, or a value whose {@code __call} is one. */
    static LuaValue callable(LuaValue metamethod) {
        if (!metamethod.isfunction() && !metamethod.metatag(LuaValue.CALL).isfunction()) {
            throw new RaisedError(LuaValue.valueOf("attempt to call a " + metamethod.typename() + " value"));
        }
        return metamethod;
    }
}
