package org.jameslua.james.script;

import java.util.Locale;

/**
 * What a script call that fails (a Lua error, a time or memory limit) or returns something unusable leads to (see
 * {@link ScriptCaller}). Either way the failure is in {@code LUAERRORS.LOG} first. For a mailet or matcher it is
 * the {@code onScriptError} parameter, for SMTP {@code script.failure} ({@link
 * org.jameslua.james.ScriptFailure#onScriptError()}).
 */
public enum OnScriptError {
    /** James goes on as if there were no script (the default, as before the parameter existed). */
    PASS,
    /**
     * The call fails: a mailet hands the mail to James's {@code error} processor, its error message naming the
     * script's failure; SMTP answers a temporary failure.
     */
    ERROR;

    public static final String PARAMETER = "onScriptError";

    /** The parameter's value; absent or blank is {@link #PASS}. */
    public static OnScriptError parse(String value) {
        if (value == null || value.isBlank()) {
            return PASS;
        }
        try {
            return valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(PARAMETER + " must be 'pass' or 'error', not '" + value + "'");
        }
    }
}
