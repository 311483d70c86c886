package org.jameslua.mailets.mail;

import javax.mail.MessagingException;
import org.apache.mailet.base.GenericMailet;
import org.jameslua.james.script.OnScriptError;
import org.jameslua.james.script.ScriptCaller;
import org.jameslua.james.script.ScriptCallers;
import org.jameslua.james.script.ScriptFailedException;

/**
 * The {@code onScriptError} parameter of the script mailets ({@link OnScriptError}). Under {@code error} a script
 * failure becomes the mailet's {@link MessagingException}, so that James sends the mail to the processor its
 * {@code onMailetException} names, the {@code error} processor by default, as for any failing mailet.
 */
public final class ScriptErrorParameter {
    private ScriptErrorParameter() {}

    /** The mailet's script caller, with the policy its parameter names; read once, in {@code init}. */
    public static ScriptCaller caller(GenericMailet mailet, ScriptCallers callers) throws MessagingException {
        return callers.forMailet(mailet.getMailetName(), read(mailet));
    }

    private static OnScriptError read(GenericMailet mailet) throws MessagingException {
        try {
            return OnScriptError.parse(mailet.getInitParameter(OnScriptError.PARAMETER));
        } catch (IllegalArgumentException e) {
            throw new MessagingException(mailet.getMailetName() + ": " + e.getMessage());
        }
    }

    public static MessagingException failure(GenericMailet mailet, ScriptFailedException e) {
        return new MessagingException(mailet.getMailetName() + ": script failed: " + e.getMessage());
    }
}
