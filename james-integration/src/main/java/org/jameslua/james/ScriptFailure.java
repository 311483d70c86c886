package org.jameslua.james;

import java.util.Locale;
import org.jameslua.james.script.OnScriptError;

/**
 * What the SMTP handlers do when an SMTPSVR.LUA callback fails (a Lua error, a time or memory limit) or returns
 * something unusable: the {@code script.failure} key of {@code conf/james-lua.properties}. Either way the error is
 * in {@code LUAERRORS.LOG} and counted in the script metrics.
 */
public enum ScriptFailure {
    /** Go on as James would without the callback: a broken script never stops mail. */
    DEFAULT,
    /**
     * Answer with a temporary failure (4xx) where the protocol has an answer, so that clients retry later
     * and nothing a script should have seen gets through unseen while it is broken.
     */
    TEMPFAIL;

    /** The policy of the script calls this setting governs. */
    public OnScriptError onScriptError() {
        return this == TEMPFAIL ? OnScriptError.ERROR : OnScriptError.PASS;
    }

    public static ScriptFailure parse(String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("script.failure must be 'default' or 'tempfail', not '" + value + "'");
        }
    }
}
