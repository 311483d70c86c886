package org.jameslua.mailets.pop3;

import java.util.List;
import java.util.Objects;
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

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof DownloadOutcome)) {
            return false;
        }
        DownloadOutcome that = (DownloadOutcome) other;
        return Objects.equals(actions, that.actions)
                && Objects.equals(recipients, that.recipients)
                && Objects.equals(headers, that.headers)
                && Objects.equals(result, that.result);
    }

    @Override
    public int hashCode() {
        return Objects.hash(actions, recipients, headers, result);
    }

    @Override
    public String toString() {
        return "DownloadOutcome[actions=" + actions + ", recipients=" + recipients + ", headers=" + headers
                + ", result=" + result + "]";
    }
}
