package org.jameslua.engine.lib;

import java.util.Optional;
import org.jameslua.engine.ScriptError;
import org.jameslua.engine.SourceLine;

/**
 * A call passed one of its limits. An {@link Error}, not a {@code LuaError}, so that neither {@code pcall}
 * nor LuaJ's own exception handling can swallow it: it unwinds the whole call back to the host.
 */
public final class BudgetExceeded extends Error {
    private final ScriptError.Kind kind;
    private final Optional<SourceLine> line;

    BudgetExceeded(ScriptError.Kind kind, String message) {
        this(kind, message, Optional.empty());
    }

    private BudgetExceeded(ScriptError.Kind kind, String message, Optional<SourceLine> line) {
        super(message, null, false, false);
        this.kind = kind;
        this.line = line;
    }

    public ScriptError.Kind kind() {
        return kind;
    }

    public Optional<SourceLine> line() {
        return line;
    }

    /** A fresh throwable for the line the script is at now: one is thrown per instruction that tries to run. */
    BudgetExceeded at(Optional<SourceLine> currentLine) {
        return new BudgetExceeded(kind, getMessage(), currentLine);
    }
}
