package org.jameslua.mailets.routing;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.james.core.MailAddress;
import org.jameslua.james.script.Addresses;

/**
 * Where one user's copy of a message goes once the routing globals are settled.
 *
 * <ul>
 *   <li>Assistants get the message, except an assistant who sent it (VPOP3 ignores that assistant).</li>
 *   <li>The mailbox gets it when {@code SendToNormalRecipient} is true, unless {@code RedirectToAssistant}
 *       sends it to assistants only and some assistant is left to receive it.</li>
 *   <li>{@code Forwards} get it when both {@code UseForwards} and {@code ShouldForward} are true.</li>
 *   <li>A size redirect that applies sends it to its target; without {@code Copy}, not to the mailbox.</li>
 * </ul>
 * An address that does not parse is left out; a rule whose targets all fail to parse does not apply, so that a
 * mistyped address never takes the message away from the mailbox.
 */
public final class RoutingDecision {
    private final boolean toMailbox;
    private final Set<MailAddress> targets;

    public RoutingDecision(boolean toMailbox, Set<MailAddress> targets) {
        this.toMailbox = toMailbox;
        this.targets = targets;
    }

    public static RoutingDecision of(
            RoutingGlobals globals, long messageSize, String sender, Consumer<String> invalid) {
        Set<MailAddress> targets = new LinkedHashSet<>();
        List<MailAddress> assistants = assistants(globals.assistants(), sender, invalid);
        targets.addAll(assistants);
        boolean toMailbox =
                globals.sendToNormalRecipient() && !(globals.redirectToAssistant() && !assistants.isEmpty());
        if (globals.useForwards() && globals.shouldForward()) {
            targets.addAll(Addresses.fullOnly().parseList(globals.forwards(), invalid));
        }
        for (RedirectRule rule : List.of(globals.bigRedirect(), globals.smallRedirect())) {
            List<MailAddress> ruleTargets =
                    rule.appliesTo(messageSize) ? Addresses.fullOnly().parseList(rule.target(), invalid) : List.of();
            if (!ruleTargets.isEmpty()) {
                targets.addAll(ruleTargets);
                toMailbox = toMailbox && rule.copy();
            }
        }
        return new RoutingDecision(toMailbox, targets);
    }

    /** The assistants who receive the message: all but the one who sent it. */
    static List<MailAddress> assistants(String assistants, String sender, Consumer<String> invalid) {
        List<MailAddress> result = new ArrayList<>(Addresses.fullOnly().parseList(assistants, invalid));
        result.removeIf(
                assistant -> assistant.asString().toLowerCase(Locale.ROOT).equals(sender.toLowerCase(Locale.ROOT)));
        return result;
    }

    public boolean toMailbox() {
        return toMailbox;
    }

    public Set<MailAddress> targets() {
        return targets;
    }
}
