package org.jameslua.matchers;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.james.core.MailAddress;
import org.jameslua.james.script.Addresses;
import org.jameslua.james.script.BadReturn;
import org.jameslua.james.script.LuaValues;
import org.luaj.vm2.LuaValue;

/**
 * Reads a matcher function's answer: {@code true} matches every recipient, {@code false} or {@code nil} none,
 * and a sequence of addresses the recipients among them (addresses that are not recipients of the mail are
 * ignored: a matcher can only pick among them).
 */
final class MatchAnswer {
    private MatchAnswer() {}

    static Collection<MailAddress> read(LuaValue answer, Collection<MailAddress> recipients) {
        if (answer.isnil() || answer.isboolean()) {
            return answer.toboolean() ? List.copyOf(recipients) : List.of();
        }
        if (!answer.istable()) {
            throw BadReturn.wrongType("the answer", "a boolean or a table of recipients", answer);
        }
        Set<String> chosen = LuaValues.strings(answer, "the answer", List.of()).stream()
                .map(text -> Addresses.fullOnly().parse(text, "an answered recipient"))
                .map(MatchAnswer::key)
                .collect(Collectors.toSet());
        return recipients.stream()
                .filter(recipient -> chosen.contains(key(recipient)))
                .collect(Collectors.toUnmodifiableList());
    }

    private static String key(MailAddress address) {
        return address.asString().toLowerCase(Locale.ROOT);
    }
}
