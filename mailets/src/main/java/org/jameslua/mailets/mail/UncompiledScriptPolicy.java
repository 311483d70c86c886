package org.jameslua.mailets.mail;

import javax.mail.MessagingException;
import org.apache.mailet.base.GenericMailet;
import org.jameslua.engine.LuaEngine;
import org.jameslua.james.script.OnScriptError;
import org.jameslua.james.script.UncompiledScripts;

/**
 * A mailet's script that is in the folder but has not compiled since James started (broken while James was
 * stopped) has no last version that compiled to run. Under {@code onScriptError=error} the mailet then fails every
 * mail, as a failing script would, so that nothing the script should have handled passes unseen; under
 * {@code pass} mail passes as without the script. Either way James's log says at start that it is not in force.
 */
public final class UncompiledScriptPolicy {
    private final GenericMailet mailet;
    private final String script;
    private final OnScriptError onScriptError;
    private final UncompiledScripts uncompiled;

    private UncompiledScriptPolicy(
            GenericMailet mailet, String script, OnScriptError onScriptError, UncompiledScripts uncompiled) {
        this.mailet = mailet;
        this.script = script;
        this.onScriptError = onScriptError;
        this.uncompiled = uncompiled;
    }

    /** For a mailet's {@code init()}: logs a script that never compiled. */
    public static UncompiledScriptPolicy of(
            GenericMailet mailet, LuaEngine engine, String script, OnScriptError onScriptError) {
        UncompiledScriptPolicy policy =
                new UncompiledScriptPolicy(mailet, script, onScriptError, new UncompiledScripts(engine));
        policy.neverCompiled();
        return policy;
    }

    /** Under {@code onScriptError=error}, fails the mail while the script has never compiled. */
    public void check() throws MessagingException {
        if (onScriptError == OnScriptError.ERROR && neverCompiled()) {
            throw new MessagingException(mailet.getMailetName() + ": script failed: " + script
                    + " does not compile and has not compiled since James started");
        }
    }

    private boolean neverCompiled() {
        return uncompiled.neverCompiled(
                script,
                onScriptError == OnScriptError.ERROR
                        ? mailet.getMailetName() + " (onScriptError=error) sends every mail to its error processor"
                        : "mail passes " + mailet.getMailetName() + " as without it (onScriptError=pass)");
    }
}
