package org.jameslua.engine;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One failure of a script, as written to {@code LUAERRORS.LOG}: which script, which function the host
 * called (or {@code "(main chunk)"} for running the main chunk), the line where known (with its chunk when that is
 * not the script's own file: a module it required, a string it loaded), and why.
 */
public final class ScriptError {
    private final String script;
    private final String function;
    private final Optional<SourceLine> at;
    private final Kind kind;
    private final String message;

    public ScriptError(String script, String function, Optional<SourceLine> at, Kind kind, String message) {
        this.script = script;
        this.function = function;
        this.at = at;
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

    /**
     * One line, whatever the script put in its message or its chunks' names (see {@link LogText}): {@code SCRIPT
     * FUNCTION line N [KIND]: message}, or {@code ... line N of CHUNK [KIND]: ...} for a line of another chunk.
     */
    public String toLogLine() {
        String where = at.map(place -> " line " + place.line()).orElse("")
                + chunk().map(chunk -> " of " + unbracketed(chunk)).orElse("");
        return LogText.escape(script + " " + function + where + " [" + kind + "]: " + message);
    }

    /**
     * A chunk's name is the script's text ({@code load}'s second argument, the first line of the loaded string):
     * its brackets are written {@code \x5b} and {@code \x5d}, Lua's own {@code [string "..."]} excepted, so that
     * the first {@code " [KIND]: "} after the line is always the entry's kind.
     */
    private static String unbracketed(String chunk) {
        String prefix = "[string \"";
        String suffix = "\"]";
        boolean string = chunk.startsWith(prefix) && chunk.endsWith(suffix) && chunk.length() >= 11;
        String name = string ? chunk.substring(prefix.length(), chunk.length() - suffix.length()) : chunk;
        String escaped = name.replace("[", "\\x5b").replace("]", "\\x5d");
        return string ? prefix + escaped + suffix : escaped;
    }

    public String script() {
        return script;
    }

    public String function() {
        return function;
    }

    public OptionalInt line() {
        return at.isPresent() ? OptionalInt.of(at.get().line()) : OptionalInt.empty();
    }

    /** The chunk the line is in, when that is not the script's own file. */
    public Optional<String> chunk() {
        return at.map(SourceLine::chunk).filter(chunk -> !chunk.equals(script));
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
                && Objects.equals(at, that.at)
                && Objects.equals(kind, that.kind)
                && Objects.equals(message, that.message);
    }

    @Override
    public int hashCode() {
        return Objects.hash(script, function, at, kind, message);
    }

    @Override
    public String toString() {
        return "ScriptError[script=" + script + ", function=" + function + ", at=" + at + ", kind=" + kind
                + ", message=" + message + "]";
    }
}
