package org.jameslua.engine.lib;

import org.jameslua.engine.ScriptError;
import org.luaj.vm2.LuaError;

/**
 * The Lua error raised when the sandbox or safety mode refuses an operation. The refusal was logged when it
 * happened (even if the script catches it with {@code pcall}), so the host does not log it a second time.
 */
public final class Refusal extends LuaError {
    private final ScriptError error;

    Refusal(ScriptError error, String message) {
        super(message);
        this.error = error;
    }

    public ScriptError error() {
        return error;
    }
}
