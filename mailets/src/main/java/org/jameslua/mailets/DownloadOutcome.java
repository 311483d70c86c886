package org.jameslua.mailets;

import java.util.List;

import org.apache.james.core.MailAddress;
import org.jameslua.engine.message.Actions;
import org.luaj.vm2.Varargs;

/**
 * What POP3CLT.LUA's {@code ProcessMessage} returned: the new actions and the result string, with the
 * recipients and header lines of the actions already checked, so that nothing of a bad result is applied.
 */
record DownloadOutcome(Actions actions, List<MailAddress> recipients, List<HeaderLine> headers, String result) {

    static DownloadOutcome read(Varargs values, Actions given) {
        Actions actions;
        try {
            actions = Actions.fromLua(values.arg1(), given);
        } catch (IllegalArgumentException e) {
            throw new BadReturn(e.getMessage());
        }
        return new DownloadOutcome(actions,
                actions.recipients().stream().map(text -> Addresses.parse(text, "actions.Recipients entry")).toList(),
                actions.headerModifiers().stream().map(line -> HeaderLine.parse(line, "actions.HeaderModifiers entry"))
                        .toList(),
                LuaValues.string(values.arg(2), "the result string (2nd return)", ""));
    }
}
