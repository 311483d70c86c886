package org.jameslua.mailets;

/**
 * A password {@code PASSWORDCHECK.LUA} (or the minimum length) refused. Unchecked, because James ignores what
 * {@code User.setPassword} returns on some paths: only an exception stops the change. An
 * {@link IllegalArgumentException}, which webadmin answers with 400.
 */
public final class PasswordRefusedException extends IllegalArgumentException {
    /** {@code reason}: what {@link PasswordCheck#refusal} said. */
    public PasswordRefusedException(String user, String reason) {
        super("The new password of " + user + " was " + reason + "; the password is unchanged");
    }
}
