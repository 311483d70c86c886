package org.jameslua.engine;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * One failure of a script, as written to {@code LUAERRORS.LOG}: which script, which function the host
 * called (or {@code "(load)"} for compiling and running the main chunk), the script line where known, and why.
 */
public final class ScriptError {
    private final String script;
    private final String function;
    private final OptionalInt line;
    private final Kind kind;
    private final String message;

    public ScriptError(String script, String function, OptionalInt line, Kind kind, String message) {
        this.script = script;
        this.function = function;
        this.line = line;
        this.kind = kind;
        this.message = message;
    }

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

    public String script() {
        return script;
    }

    public String function() {
        return function;
    }

    public OptionalInt line() {
        return line;
    }

    public Kind kind() {
        return kind;
    }

    public String message() {
        return message;
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof ScriptError)) {
            return false;
        }
        ScriptError that = (ScriptError) other;
        return Objects.equals(script, that.script)
                && Objects.equals(function, that.function)
                && Objects.equals(line, that.line)
                && Objects.equals(kind, that.kind)
                && Objects.equals(message, that.message);
    }

    @Override
    public int hashCode() {
        return Objects.hash(script, function, line, kind, message);
    }

    @Override
    public String toString() {
        return "ScriptError[script=" + script + ", function=" + function + ", line=" + line + ", kind=" + kind
                + ", message=" + message + "]";
    }
}
