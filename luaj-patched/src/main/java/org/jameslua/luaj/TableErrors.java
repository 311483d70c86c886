package org.jameslua.luaj;

import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaValue;

/**
 * The errors of LuaJ's tables as Lua 5.2's {@code luaH_set} and {@code luaH_next} raise them; the patched
 * {@code LuaTable.set}, {@code LuaTable.next} and {@code rawset} call these where LuaJ raised {@code table index
 * expected, got table} (naming the table's type, not the key's), a positioned {@code invalid key to 'next'}, and
 * a bad argument for a nil key (storing a NaN one).
 */
public final class TableErrors {
    private static final LuaString INVALID_NEXT_KEY = LuaValue.valueOf("invalid key to 'next'");
    private static final LuaString NIL_INDEX = LuaValue.valueOf("table index is nil");
    private static final LuaString NAN_INDEX = LuaValue.valueOf("table index is NaN");

    private TableErrors() {}

    /** {@code t[nil] = v} or {@code t[0/0] = v}; positioned at the assignment, as Lua's {@code luaG_runerror} does. */
    public static LuaValue invalidKey(LuaValue key) {
        throw new LuaError(reason(key).tojstring());
    }

    /**
     * {@code rawset}'s key, refused when nil or NaN. Raised without position, as Lua 5.2's
     * {@code lua_rawset} raises it inside {@code rawset}; LuaJ refused nil as a bad argument and stored NaN.
     */
    public static LuaValue rawKey(LuaValue key) {
        if (key.isvalidkey()) {
            return key;
        }
        throw new Unpositioned(reason(key));
    }

    /**
     * An error whose text is complete: LuaJ positions only an error without a traceback text, so neither pcall,
     * coroutine.resume nor the error log sees a position Lua 5.2 does not give.
     */
    private static final class Unpositioned extends LuaError {
        private static final long serialVersionUID = 1L;

        Unpositioned(LuaString message) {
            super(message);
            this.traceback = message.tojstring();
        }
    }

    private static LuaString reason(LuaValue key) {
        return key.isnil() ? NIL_INDEX : NAN_INDEX;
    }

    /**
     * {@code next(t, k)} with a key that is not in the table. Raised without position, as Lua 5.2
     * raises it from inside {@code next}, a C function, where {@code luaG_runerror} adds none.
     */
    public static LuaValue invalidNextKey() {
        throw new Unpositioned(INVALID_NEXT_KEY);
    }
}
