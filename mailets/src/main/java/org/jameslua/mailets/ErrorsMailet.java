package org.jameslua.mailets;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.inject.Inject;
import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;
import org.apache.james.core.MailAddress;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;
import org.jameslua.engine.LuaEngine;
import org.jameslua.engine.ScriptInstance;
import org.jameslua.james.script.Addresses;
import org.jameslua.james.script.ScriptCaller;
import org.jameslua.james.script.ScriptCallers;
import org.jameslua.james.script.ScriptFailedException;
import org.jameslua.james.script.UncompiledScripts;
import org.jameslua.mailets.errors.ErrorKind;
import org.jameslua.mailets.errors.ErrorNotice;
import org.jameslua.mailets.errors.ErrorReport;
import org.jameslua.mailets.errors.NoticeMessage;
import org.jameslua.mailets.mail.ScriptErrorParameter;
import org.jameslua.mailets.mail.UncompiledScriptPolicy;
import org.luaj.vm2.LuaValue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * VPOP3's error handling script, {@code ERRORS.LUA}: before sending a notice about a failed mail, the server
 * calls {@code ProcessError(itemid, errorText, connectionError, subjectResourceId, subjectText,
 * formatResourceId, formatText, params, target, sender)} (see {@link ErrorReport}, {@link ErrorKind}) and sends
 * the notice its five returns describe ({@link ErrorNotice}) through the mailet context, from the null sender.
 *
 * <p>Goes in the {@code error} processor (a mailet failed) and in RemoteDelivery's {@code bounceProcessor} (a
 * remote delivery failed). Without a script, or when it fails or returns values it should not, the server's
 * own notice goes: a processing error to the postmaster, a delivery failure to the failed mail's sender.
 *
 * <p>The server keeps quiet, unless the script forces the notice, about a delivery failure of a mail nobody
 * should be told about: one from the null sender (a bounce) or marked {@code Auto-Submitted}. It never sends
 * a notice about one of its own notices, forced or not, so that notices cannot loop.
 *
 * <p>Parameters: {@code script} (default {@code ERRORS.LUA}), {@code target} (where notices go by default,
 * instead of the above), {@code sender} (the notices' From; default the postmaster) and {@code passThrough}
 * (default true: the failed mail goes on down the processor; false drops it), {@code onScriptError} ({@code pass},
 * the default, sends the server's own notice when the script fails; {@code error} fails the mailet, leaving the mail
 * to its {@code onMailetException}):
 *
 * <pre>{@code
 * <mailet match="All" class="org.jameslua.mailets.ErrorsMailet">
 *     <script>ERRORS.LUA</script>
 *     <onMailetException>ignore</onMailetException>
 *     <onScriptError>pass</onScriptError>
 * </mailet>
 * }</pre>
 */
public final class ErrorsMailet extends GenericMailet {
    static final String FUNCTION = "ProcessError";
    private static final Logger LOGGER = LoggerFactory.getLogger(ErrorsMailet.class);

    private final LuaEngine engine;
    private final ScriptCallers callers;
    private final UncompiledScripts uncompiled;
    private ScriptCaller caller;
    private UncompiledScriptPolicy uncompiledScript;
    private String script;
    private Optional<String> target;
    private Optional<String> sender;
    private boolean passThrough;

    @Inject
    public ErrorsMailet(LuaEngine engine, ScriptCallers callers, UncompiledScripts uncompiled) {
        this.engine = engine;
        this.callers = callers;
        this.uncompiled = uncompiled;
    }

    @Override
    public void init() throws MessagingException {
        script = getInitParameter("script", "ERRORS.LUA").strip();
        target = getInitParameterAsOptional("target").map(String::strip).filter(value -> !value.isEmpty());
        // the postmaster is asked for later: James configures the mailet context after it has built the mailets
        sender = getInitParameterAsOptional("sender").map(String::strip).filter(value -> !value.isEmpty());
        List<String> invalid = new ArrayList<>();
        target.ifPresent(addresses -> Addresses.fullOnly().parseList(addresses, invalid::add));
        sender.ifPresent(address -> Addresses.fullOnly().parseList(address, invalid::add));
        if (!invalid.isEmpty()) {
            throw new MessagingException(getMailetName() + ": not email addresses: " + invalid);
        }
        passThrough = getInitParameter("passThrough", true);
        caller = ScriptErrorParameter.caller(this, callers);
        uncompiledScript = UncompiledScriptPolicy.of(getMailetName(), uncompiled, script, caller.policy());
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        if (NoticeMessage.isNotice(mail)) {
            LOGGER.warn("No notice about mail {}: it is itself an error notice", mail.getName());
        } else {
            uncompiledScript.check();
            ErrorReport report = ErrorReport.of(mail);
            ErrorNotice notice;
            try {
                notice = decide(report, serverNotice(mail, report.kind()));
            } catch (ScriptFailedException e) {
                throw ScriptErrorParameter.failure(this, e);
            }
            if (notice.isSuppressed()) {
                LOGGER.info("No notice about mail {}: {} decided so", mail.getName(), script);
            } else if (!notice.force() && report.kind().isDelivery() && isAutomatic(mail)) {
                LOGGER.info("No notice about the delivery failure of automatic mail {}", mail.getName());
            } else {
                send(notice, report, mail);
            }
        }
        if (!passThrough) {
            mail.setState(Mail.GHOST);
        }
    }

    private ErrorNotice serverNotice(Mail mail, ErrorKind kind) {
        String defaultTarget = target.orElseGet(() -> kind.isDelivery() && mail.hasSender()
                ? mail.getMaybeSender().get().asString()
                : getMailetContext().getPostmaster().asString());
        return new ErrorNotice(kind.subject(), kind.format(), defaultTarget, sender(), false);
    }

    private ErrorNotice decide(ErrorReport report, ErrorNotice given) {
        try (ScriptInstance instance = engine.newInstance(script)) {
            return caller.call(
                            instance,
                            FUNCTION,
                            LuaValue.varargsOf(given.arguments(report)),
                            values -> ErrorNotice.read(values, given, report.params()))
                    .orElse(given);
        }
    }

    /** Sends the notice; a notice that cannot be sent is logged, and the failed mail goes on all the same. */
    private void send(ErrorNotice notice, ErrorReport report, Mail mail) {
        try {
            List<MailAddress> targets = notice.targets();
            MailAddress from =
                    Addresses.fullOnly().parse(notice.sender().isBlank() ? sender() : notice.sender(), "sender");
            MimeMessage message = NoticeMessage.of(from, targets, notice.subject(), notice.text(report.params()));
            getMailetContext().sendMail(MailAddress.nullSender(), targets, message);
        } catch (MessagingException | RuntimeException e) {
            LOGGER.error("Could not send the error notice about mail {}", mail.getName(), e);
        }
    }

    private String sender() {
        return sender.orElseGet(() -> getMailetContext().getPostmaster().asString());
    }

    private static boolean isAutomatic(Mail mail) {
        String autoSubmitted;
        try {
            autoSubmitted = mail.getMessage().getHeader("Auto-Submitted", null);
        } catch (MessagingException | RuntimeException e) {
            autoSubmitted = null;
        }
        return !mail.hasSender()
                || (autoSubmitted != null
                        && !autoSubmitted.strip().toLowerCase(Locale.ROOT).startsWith("no"));
    }

    @Override
    public String getMailetInfo() {
        return "ERRORS.LUA error notices";
    }
}
