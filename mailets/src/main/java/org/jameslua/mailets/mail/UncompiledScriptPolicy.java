package org.jameslua.mailets.mail;

import javax.mail.MessagingException;
import org.jameslua.james.script.OnScriptError;
import org.jameslua.james.script.UncompiledScripts;

/**
 * A mailet's or matcher's script that is in the folder but has not compiled since James started (broken while James
 * was stopped) has no last version that compiled to run. Under {@code onScriptError=error} the mailet or matcher then
 * fails every mail, as a failing script would, so that nothing the script should have handled passes unseen; under
 * {@code pass} mail passes as without the script. Either way James's log says at start that it is not in force.
 */
public final class UncompiledScriptPolicy {
    private final String name;
    private final String script;
    private final OnScriptError onScriptError;
    private final UncompiledScripts uncompiled;

    private UncompiledScriptPolicy(
            String name, String script, OnScriptError onScriptError, UncompiledScripts uncompiled) {
        this.name = name;
        this.script = script;
        this.onScriptError = onScriptError;
        this.uncompiled = uncompiled;
    }

    /**
     * For a mailet's or matcher's {@code init()}: logs a script that never compiled. {@code name} is the mailet's or
     * matcher's name as James gives it.
     */
    public static UncompiledScriptPolicy of(
            String name, UncompiledScripts uncompiled, String script, OnScriptError onScriptError) {
        UncompiledScriptPolicy policy = new UncompiledScriptPolicy(name, script, onScriptError, uncompiled);
        policy.neverCompiled();
        return policy;
    }

    /** Under {@code onScriptError=error}, fails the mail while the script has never compiled. */
    public void check() throws MessagingException {
        if (onScriptError == OnScriptError.ERROR && neverCompiled()) {
            throw new MessagingException(
                    name + ": script failed: " + script + " does not compile and has not compiled since James started");
        }
    }

    private boolean neverCompiled() {
        return uncompiled.neverCompiled(
                script,
                onScriptError == OnScriptError.ERROR
                        ? name + " (onScriptError=error) fails every mail, which James sends to its error processor"
                        : "mail passes " + name + " as without it (onScriptError=pass)");
    }
}
