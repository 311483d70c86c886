package org.jameslua.matchers;

import java.util.Collection;
import java.util.List;
import javax.inject.Inject;
import javax.mail.MessagingException;
import org.apache.james.core.MailAddress;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMatcher;
import org.jameslua.engine.CallResult;
import org.jameslua.engine.LuaEngine;
import org.jameslua.engine.ScriptInstance;
import org.jameslua.mailets.generic.MailTable;
import org.jameslua.mailets.mail.Returns;

/**
 * A matcher whose condition is a script function: {@code match="org.jameslua.matchers.LuaMatcher=ROUTING.LUA:IsBulk"}.
 * The function gets the same mail table as {@link org.jameslua.mailets.LuaMailet} and answers as
 * {@link MatchAnswer} reads. Each mail gets a new instance of the script. When the script or function is
 * missing, fails or answers something unusable, nothing matches (the failure is in {@code LUAERRORS.LOG}), so
 * the mail goes on down the processor as if the matcher's mailet were not there.
 */
public final class LuaMatcher extends GenericMatcher {
    private final LuaEngine engine;
    private String script;
    private String function;

    @Inject
    public LuaMatcher(LuaEngine engine) {
        this.engine = engine;
    }

    @Override
    public void init() throws MessagingException {
        String condition = getCondition() == null ? "" : getCondition().strip();
        int colon = condition.lastIndexOf(':');
        if (colon <= 0 || colon == condition.length() - 1) {
            throw new MessagingException(
                    getMatcherName() + " needs a condition SCRIPT.LUA:Function, not \"" + condition + "\"");
        }
        script = condition.substring(0, colon).strip();
        function = condition.substring(colon + 1).strip();
    }

    @Override
    public Collection<MailAddress> match(Mail mail) throws MessagingException {
        try (ScriptInstance instance = engine.newInstance(script)) {
            if (!instance.defines(function)) {
                return List.of();
            }
            CallResult result = instance.call(function, MailTable.of(mail));
            return Returns.read(
                            instance, function, result, values -> MatchAnswer.read(values.arg1(), mail.getRecipients()))
                    .orElse(List.of());
        }
    }

    @Override
    public String getMatcherInfo() {
        return "Lua script matcher";
    }
}
