package org.jameslua.engine.lib;

import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaValue;

/**
 * An error raised with its final value, as Lua 5.2's {@code error} raises it: the value, with the position
 * already prefixed where there is one, reaches {@code pcall} unchanged. Its text is complete from the start, so
 * LuaJ adds no position of its own (it positions only errors without a traceback text).
 */
final class RaisedError extends LuaError {
    private static final long serialVersionUID = 1L;

    RaisedError(LuaValue value) {
        super(value);
        this.traceback = value.isstring() ? value.tojstring() : "(error object is a " + value.typename() + " value)";
    }
}
