package org.jameslua.james;

import java.util.Locale;

/**
 * What a James adapter does when a script callback fails (a Lua error, a time or memory limit): the
 * {@code script.failure} key of {@code conf/james-lua.properties}. Either way the error is in
 * {@code LUAERRORS.LOG} and counted in the script metrics.
 */
public enum ScriptFailure {
    /** Go on as James would without the callback: a broken script never stops mail. */
    DEFAULT,
    /**
     * Answer with a temporary failure (4xx) where the protocol has an answer, so that clients retry later
     * and nothing a script should have seen gets through unseen while it is broken.
     */
    TEMPFAIL;

    public static ScriptFailure parse(String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("script.failure must be 'default' or 'tempfail', not '" + value + "'");
        }
    }
}
