package org.jameslua.luaj;

import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaError;

/**
 * Told by the patched {@code LuaClosure.execute} each time an error leaves a Lua function, while that function's
 * frame is still on the debug library's stack (its {@code onReturn} comes after): the stack Lua 5.2 calls
 * {@code xpcall}'s message handler on, which LuaJ has unwound by the time a handler can be called.
 */
public final class ErrorUnwinding {
    /** A debug library that looks at errors as they leave Lua functions. */
    public interface Listener {
        void leaving(LuaError error);
    }

    private ErrorUnwinding() {}

    public static void leaving(LuaError error, Globals globals) {
        if (globals != null && globals.debuglib instanceof Listener) {
            ((Listener) globals.debuglib).leaving(error);
        }
    }
}
