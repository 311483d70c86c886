package org.jameslua.mailets.pop3;

import java.util.List;
import java.util.stream.Collectors;
import org.apache.james.core.MailAddress;
import org.jameslua.engine.message.Actions;
import org.jameslua.james.message.HeaderLines;
import org.jameslua.james.script.Addresses;
import org.jameslua.james.script.BadReturn;
import org.jameslua.james.script.LuaValues;
import org.luaj.vm2.Varargs;

/**
 * What POP3CLT.LUA's {@code ProcessMessage} returned: the new actions and the result string, with the
 * recipients and header lines of the actions already checked, so that nothing of a bad result is applied.
 */
public final class DownloadOutcome {
    private final Actions actions;
    private final List<MailAddress> recipients;
    private final List<String> headers;
    private final String result;

    DownloadOutcome(Actions actions, List<MailAddress> recipients, List<String> headers, String result) {
        this.actions = actions;
        this.recipients = recipients;
        this.headers = headers;
        this.result = result;
    }

    public static DownloadOutcome read(Varargs values, Actions given) {
        Actions actions;
        try {
            actions = Actions.fromLua(values.arg1(), given);
        } catch (IllegalArgumentException e) {
            throw new BadReturn(e.getMessage());
        }
        return new DownloadOutcome(
                actions,
                actions.recipients().stream()
                        .map(text -> Addresses.fullOnly().parse(text, "actions.Recipients entry"))
                        .collect(Collectors.toUnmodifiableList()),
                HeaderLines.entries(actions.headerModifiers()),
                LuaValues.string(values.arg(2), "the result string (2nd return)", ""));
    }

    public Actions actions() {
        return actions;
    }

    public List<MailAddress> recipients() {
        return recipients;
    }

    public List<String> headers() {
        return headers;
    }

    public String result() {
        return result;
    }
}
