package org.jameslua.matchers;

import java.util.Collection;
import java.util.List;
import javax.inject.Inject;
import javax.mail.MessagingException;
import org.apache.james.core.MailAddress;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMatcher;
import org.jameslua.engine.LuaEngine;
import org.jameslua.engine.ScriptInstance;
import org.jameslua.james.script.OnScriptError;
import org.jameslua.james.script.ScriptCaller;
import org.jameslua.james.script.ScriptCallers;
import org.jameslua.james.script.ScriptFailedException;
import org.jameslua.james.script.UncompiledScripts;
import org.jameslua.mailets.generic.MailTable;
import org.jameslua.mailets.mail.UncompiledScriptPolicy;

/**
 * A matcher whose condition is a script function:
 *
 * <pre>{@code
 * <mailet match="org.jameslua.matchers.LuaMatcher=ROUTING.LUA:IsBulk" class="ToProcessor">
 *     <processor>bulk</processor>
 * </mailet>
 * }</pre>
 *
 * The function gets the same mail table as {@link org.jameslua.mailets.LuaMailet} and answers as
 * {@link MatchAnswer} reads. Each mail gets a new instance of the script. When the script or function is missing,
 * nothing matches. When the function fails or answers something unusable, the failure is in {@code LUAERRORS.LOG}
 * and the condition's {@code onScriptError} decides, as the mailets' parameter does: {@code pass} (the default)
 * matches nothing, so the mail goes on down the processor as if the matcher's mailet were not there; {@code error}
 * makes the matcher fail, and James does with the mail what the mailet element's {@code <onMatchException>} says,
 * by default sending it to the {@code error} processor:
 *
 * <pre>{@code
 * <mailet match="org.jameslua.matchers.LuaMatcher=ROUTING.LUA:IsBulk;onScriptError=error" class="ToProcessor">
 *     <processor>bulk</processor>
 * </mailet>
 * }</pre>
 */
public final class LuaMatcher extends GenericMatcher {
    private static final String POLICY = ";" + OnScriptError.PARAMETER + "=";

    private final LuaEngine engine;
    private final ScriptCallers callers;
    private final UncompiledScripts uncompiled;
    private ScriptCaller caller;
    private UncompiledScriptPolicy uncompiledScript;
    private String script;
    private String function;

    @Inject
    public LuaMatcher(LuaEngine engine, ScriptCallers callers, UncompiledScripts uncompiled) {
        this.engine = engine;
        this.callers = callers;
        this.uncompiled = uncompiled;
    }

    @Override
    public void init() throws MessagingException {
        String condition = getCondition() == null ? "" : getCondition().strip();
        String policy = "";
        int semicolon = condition.indexOf(';');
        if (semicolon >= 0) {
            if (!condition.startsWith(POLICY, semicolon)) {
                throw new MessagingException(
                        getMatcherName() + ": after ';' the condition takes " + POLICY.substring(1) + "pass|error");
            }
            policy = condition.substring(semicolon + POLICY.length());
            condition = condition.substring(0, semicolon).strip();
        }
        int colon = condition.lastIndexOf(':');
        if (colon <= 0 || colon == condition.length() - 1) {
            throw new MessagingException(
                    getMatcherName() + " needs a condition SCRIPT.LUA:Function, not \"" + condition + "\"");
        }
        script = condition.substring(0, colon).strip();
        function = condition.substring(colon + 1).strip();
        try {
            caller = callers.forMatcher(getMatcherName(), OnScriptError.parse(policy));
        } catch (IllegalArgumentException e) {
            throw new MessagingException(getMatcherName() + ": " + e.getMessage());
        }
        uncompiledScript = UncompiledScriptPolicy.of(getMatcherName(), uncompiled, script, caller.policy());
    }

    @Override
    public Collection<MailAddress> match(Mail mail) throws MessagingException {
        uncompiledScript.check();
        try (ScriptInstance instance = engine.newInstance(script)) {
            if (!instance.defines(function)) {
                // nothing matches, as the caller answers for a function not defined: the mail table is not built
                return List.of();
            }
            return caller.call(
                            instance,
                            function,
                            MailTable.of(mail),
                            values -> MatchAnswer.read(values.arg1(), mail.getRecipients()))
                    .orElse(List.of());
        } catch (ScriptFailedException e) {
            throw new MessagingException(getMatcherName() + ": script failed: " + e.getMessage());
        }
    }

    @Override
    public String getMatcherInfo() {
        return "Lua script matcher";
    }
}
