package org.jameslua.smtp.session;

/** What a script returned cannot be used; the message says why, for LUAERRORS.LOG. */
public final class BadReturn extends Exception {
    public BadReturn(String problem) {
        super(problem, null, false, false);
    }
}
