package org.jameslua.engine;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A line of one chunk, the chunk named as Lua names it in messages: {@code SMTPSVR.LUA}, {@code lib/util.lua} for a
 * module, {@code [string "x = 1"]} or the name given to {@code load}. A script's failure can be at a line of another
 * chunk than its own file, and that line number alone points the operator at the wrong file.
 */
public final class SourceLine {
    /**
     * {@code chunk:line: } at the start of a message, or LuaJ's {@code chunk:line } without the colon; a {@code
     * [string "..."]} chunk is taken whole, as its text may hold colons and numbers of its own. A number of more
     * than 9 digits is no line (and no int).
     */
    private static final Pattern LEADING = Pattern.compile("^(\\[string \"[^\\n]*?\"\\]|[^\\n]*?):(\\d{1,9}):? ");

    private final String chunk;
    private final int line;

    public SourceLine(String chunk, int line) {
        this.chunk = chunk;
        this.line = line;
    }

    /** Where a Lua error message says it was raised, as in {@code lib/util.lua:12: attempt to ...}. */
    public static Optional<SourceLine> leading(String message) {
        if (message == null) {
            return Optional.empty();
        }
        Matcher matcher = LEADING.matcher(message);
        return matcher.find()
                ? Optional.of(new SourceLine(matcher.group(1), Integer.parseInt(matcher.group(2))))
                : Optional.empty();
    }

    public String chunk() {
        return chunk;
    }

    public int line() {
        return line;
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof SourceLine)) {
            return false;
        }
        SourceLine that = (SourceLine) other;
        return line == that.line && chunk.equals(that.chunk);
    }

    @Override
    public int hashCode() {
        return Objects.hash(chunk, line);
    }

    @Override
    public String toString() {
        return chunk + ":" + line;
    }
}
