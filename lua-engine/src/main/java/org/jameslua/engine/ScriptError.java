package org.jameslua.engine;

import java.util.OptionalInt;

/**
 * One failure of a script, as written to {@code LUAERRORS.LOG}: which script, which function the host
 * called (or {@code "(load)"} for compiling and running the main chunk), the script line where known, and why.
 */
public record ScriptError(String script, String function, OptionalInt line, Kind kind, String message) {

    public enum Kind {
        /** the script does not compile */
        COMPILE,
        /** a Lua error raised while running */
        RUNTIME,
        /** the call ran out of its instruction or time budget */
        TIMEOUT,
        /** the call ran out of its memory budget */
        MEMORY,
        /** a function refused by safety mode or the sandbox */
        SANDBOX,
        /** the function returned values of the wrong type or shape */
        BAD_RETURN
    }

    /** One line, whatever the script put in its message (see {@link LogText}). */
    public String toLogLine() {
        String where = line.isPresent() ? " line " + line.getAsInt() : "";
        return LogText.escape(script + " " + function + where + " [" + kind + "]: " + message);
    }
}
