package org.jameslua.james.script;

/**
 * A script call failed or returned something unusable, under {@link OnScriptError#ERROR}: the mailet ends its work
 * on the mail and hands it to James's error processor. The failure is already in {@code LUAERRORS.LOG}; the message
 * is its log line.
 */
public final class ScriptFailedException extends RuntimeException {
    public ScriptFailedException(String logLine) {
        super(logLine, null, false, false);
    }
}
