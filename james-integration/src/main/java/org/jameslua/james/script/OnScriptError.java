package org.jameslua.james.script;

import java.util.Locale;

/**
 * What a mailet does with a mail when its script fails (a Lua error, a time or memory limit) or returns
 * something unusable: the {@code onScriptError} mailet parameter. Either way the failure is in
 * {@code LUAERRORS.LOG} first.
 */
public enum OnScriptError {
    /** The mail goes on as if there were no script (the default, as before the parameter existed). */
    PASS,
    /** The mail goes to James's {@code error} processor, its error message naming the script's failure. */
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
