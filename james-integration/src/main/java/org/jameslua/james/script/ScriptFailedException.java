package org.jameslua.james.script;

/**
 * A script call failed or returned something unusable, under {@link OnScriptError#ERROR}: a mailet ends its work
 * on the mail and hands it to James's error processor, SMTP answers a temporary failure. The failure is already in
 * {@code LUAERRORS.LOG}; the message is its log line (or, for a script that never compiled, says so).
 */
public final class ScriptFailedException extends RuntimeException {
    public ScriptFailedException(String logLine) {
        super(logLine, null, false, false);
    }
}
