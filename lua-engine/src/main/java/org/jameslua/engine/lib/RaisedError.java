package org.jameslua.engine.lib;

import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaValue;

/**
 * An error raised with its final value, as Lua 5.2's {@code error} raises it: the value, with the position
 * already prefixed where there is one, reaches {@code pcall} unchanged. Its text is complete from the start, so
 * LuaJ adds no position of its own (it positions only errors without a traceback text).
 */
final class RaisedError extends LuaError {
    private static final long serialVersionUID = 1L;

    /**
     * Longer messages are cut: the text goes to the logs, which keep 4,096 characters of it, and its copy into Java
     * (three times its length) is made by the host after the call, where no bound is checked.
     */
    private static final int LONGEST_MESSAGE = 64 * 1024;

    private final transient LuaValue value;

    RaisedError(LuaValue value) {
        // not LuaError(value), which copies the value's text into Java (three times its length) at once
        super((String) null);
        this.value = value;
        // any text tells LuaJ the error is positioned; the message is made only if the host asks for it, as pcall
        // and the coroutines take the error's value
        this.traceback = "";
    }

    @Override
    public LuaValue getMessageObject() {
        return value;
    }

    @Override
    public String getMessage() {
        if (!value.isstring()) {
            return "(error object is a " + value.typename() + " value)";
        }
        LuaString text = value.strvalue();
        return text.length() <= LONGEST_MESSAGE
                ? text.tojstring()
                : text.substring(0, LONGEST_MESSAGE).tojstring() + "... (" + text.length() + " bytes)";
    }
}
