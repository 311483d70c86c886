package org.jameslua.james.script;

import org.luaj.vm2.LuaValue;

/**
 * What a script returned (or left in a global) cannot be used. The caller reports it to {@code LUAERRORS.LOG}
 * through {@link org.jameslua.engine.ScriptInstance#reportBadReturn} and goes on as if there were no script.
 */
public final class BadReturn extends RuntimeException {

    public BadReturn(String message) {
        super(message, null, false, false);
    }

    public static BadReturn wrongType(String what, String expected, LuaValue got) {
        return new BadReturn(what + " must be " + expected + ", not " + got.typename());
    }
}
