package org.jameslua.mailets;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.inject.Inject;
import javax.mail.MessagingException;
import org.apache.james.core.MailAddress;
import org.apache.james.user.api.UsersRepository;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;
import org.jameslua.engine.LogText;
import org.jameslua.engine.LuaEngine;
import org.jameslua.james.script.ScriptCaller;
import org.jameslua.james.script.ScriptCallers;
import org.jameslua.james.script.ScriptFailedException;
import org.jameslua.james.script.UncompiledScripts;
import org.jameslua.mailets.mail.ScriptErrorParameter;
import org.jameslua.mailets.mail.UncompiledScriptPolicy;
import org.jameslua.mailets.routing.DeclaredSettingsCache;
import org.jameslua.mailets.routing.JamesRecipientUsers;
import org.jameslua.mailets.routing.RecipientUsers;
import org.jameslua.mailets.routing.RoutingDecision;
import org.jameslua.mailets.routing.RoutingGlobals;
import org.jameslua.mailets.routing.RoutingMessage;
import org.jameslua.mailets.routing.SpamScore;
import org.jameslua.mailets.routing.StoredSettings;
import org.jameslua.mailets.routing.UserRouter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * VPOP3's message routing script, {@code USER_REDIRECT.LUA}: for every recipient that is a local user, the
 * routing globals are set from the user's stored settings, {@code MainDoRouting(user)} may change them (first
 * the administrator's script, then the user's own), and the result decides where this message goes for that
 * user (see {@link RoutingDecision}).
 *
 * <p>All users' decisions are merged, each address once, so that a message routed to several users is never
 * delivered twice to the same address. Extra targets (assistants, forwards, redirects) in the server's own
 * domains become recipients of this mail; the others go out together as one new mail from the same sender,
 * as James's RecipientRewriteTable sends remote forwards, so that James relays them (the new mail is "sent by a
 * mailet"). Targets get no routing of their own, so forwards cannot loop. Recipients that are not local users
 * pass unchanged. A failure in routing one user (script or storage) delivers to that user's mailbox as the
 * server would without a script; with {@code <onScriptError>error</onScriptError>} a failure or unusable answer of
 * the administrator's script instead sends the whole mail, unchanged and before anything was sent for it, to
 * James's error processor ({@code pass}, the default, is the behaviour just described).
 *
 * <p>Parameters: {@code script} (default {@code USER_REDIRECT.LUA}), {@code spamScoreAttribute} (a mail
 * attribute holding the spam score, see {@link SpamScore}) and {@code spamThreshold} (the score from which a
 * message is spam and not forwarded unless the user's {@code ForwardSpam} is on; default 5).
 *
 * <pre>{@code
 * <mailet match="RecipientIsLocal" class="org.jameslua.mailets.UserRedirectMailet">
 *     <script>USER_REDIRECT.LUA</script>
 *     <onScriptError>pass</onScriptError>
 * </mailet>
 * }</pre>
 */
public final class UserRedirectMailet extends GenericMailet {
    private static final Logger LOGGER = LoggerFactory.getLogger(UserRedirectMailet.class);

    private final LuaEngine engine;
    private final RecipientUsers users;
    private final ScriptCallers callers;
    private final UncompiledScripts uncompiled;
    private final DeclaredSettingsCache declaredSettings;
    private UserRouter router;
    private UncompiledScriptPolicy uncompiledScript;
    private SpamScore spamScore;
    private double spamThreshold;

    /**
     * {@code declaredSettings} is the one the webadmin user-settings routes use (Guice's singleton), so that a version
     * of the script is asked what it declares once, not once by the routes and once by each mailet.
     */
    @Inject
    public UserRedirectMailet(
            LuaEngine engine,
            UsersRepository usersRepository,
            ScriptCallers callers,
            UncompiledScripts uncompiled,
            DeclaredSettingsCache declaredSettings) {
        this(engine, new JamesRecipientUsers(usersRepository), callers, uncompiled, declaredSettings);
    }

    public UserRedirectMailet(
            LuaEngine engine,
            RecipientUsers users,
            ScriptCallers callers,
            UncompiledScripts uncompiled,
            DeclaredSettingsCache declaredSettings) {
        this.uncompiled = uncompiled;
        this.engine = engine;
        this.users = users;
        this.callers = callers;
        this.declaredSettings = declaredSettings;
    }

    @Override
    public void init() throws MessagingException {
        String script = getInitParameter("script", "USER_REDIRECT.LUA").strip();
        ScriptCaller caller = ScriptErrorParameter.caller(this, callers);
        router = new UserRouter(engine, script, caller, declaredSettings);
        uncompiledScript = UncompiledScriptPolicy.of(getMailetName(), uncompiled, script, caller.policy());
        spamScore =
                new SpamScore(getInitParameterAsOptional("spamScoreAttribute").map(String::strip));
        try {
            spamThreshold =
                    Double.parseDouble(getInitParameter("spamThreshold", "5").strip());
        } catch (NumberFormatException e) {
            throw new MessagingException(getMailetName() + ": spamThreshold must be a number");
        }
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        uncompiledScript.check();
        RoutingMessage message = RoutingMessage.of(mail, spamScore);
        List<MailAddress> original = new ArrayList<>(mail.getRecipients());
        Set<MailAddress> kept = new LinkedHashSet<>();
        Set<MailAddress> targets = new LinkedHashSet<>();
        for (MailAddress recipient : original) {
            Optional<String> user = users.userOf(recipient);
            if (user.isEmpty()) {
                kept.add(recipient);
                continue;
            }
            RoutingDecision decision;
            try {
                decision = decide(user.get(), recipient, message);
            } catch (ScriptFailedException e) {
                throw ScriptErrorParameter.failure(this, e);
            }
            if (decision.toMailbox()) {
                kept.add(recipient);
            }
            targets.addAll(decision.targets());
        }
        List<MailAddress> remote = new ArrayList<>();
        for (MailAddress target : targets) {
            if (getMailetContext().isLocalServer(target.getDomain())) {
                kept.add(target);
            } else if (!kept.contains(target)) {
                remote.add(target);
            }
        }
        if (!remote.isEmpty()) {
            getMailetContext()
                    .sendMail(
                            mail.getMaybeSender().asOptional().orElse(MailAddress.nullSender()),
                            remote,
                            mail.getMessage());
        }
        if (!new ArrayList<>(kept).equals(original)) {
            mail.setRecipients(new ArrayList<>(kept));
            if (kept.isEmpty()) {
                mail.setState(Mail.GHOST);
            }
        }
    }

    private RoutingDecision decide(String user, MailAddress recipient, RoutingMessage message) {
        try {
            StoredSettings stored = new StoredSettings(engine.host().userSettings(), user);
            RoutingGlobals initial =
                    RoutingGlobals.fromSettings(stored, message.isSpam(spamThreshold), message.sender());
            RoutingGlobals routed = router.route(user, message, stored, initial);
            return RoutingDecision.of(
                    routed,
                    message.size(),
                    message.sender(),
                    address -> LOGGER.warn(
                            "Routing for {}: \"{}\" is not an email address; left out", user, LogText.escape(address)));
        } catch (ScriptFailedException e) {
            throw e;
        } catch (RuntimeException e) {
            LOGGER.error("Routing for {} failed; delivering to {} as without a script", user, recipient, e);
            return new RoutingDecision(true, Set.of());
        }
    }

    @Override
    public String getMailetInfo() {
        return "USER_REDIRECT.LUA message routing";
    }
}
