package org.jameslua.mailets;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javax.inject.Inject;
import javax.mail.MessagingException;
import org.apache.james.core.MailAddress;
import org.apache.mailet.AttributeName;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;
import org.jameslua.engine.LogText;
import org.jameslua.engine.LuaEngine;
import org.jameslua.engine.LuaSequences;
import org.jameslua.engine.ScriptInstance;
import org.jameslua.engine.message.Actions;
import org.jameslua.engine.message.ScannedMessage;
import org.jameslua.james.message.MailMessageSource;
import org.jameslua.james.script.ScriptCaller;
import org.jameslua.james.script.ScriptCallers;
import org.jameslua.james.script.ScriptFailedException;
import org.jameslua.james.script.UncompiledScripts;
import org.jameslua.mailets.mail.MailFacts;
import org.jameslua.mailets.mail.MessageEdits;
import org.jameslua.mailets.mail.ScriptErrorParameter;
import org.jameslua.mailets.mail.UncompiledScriptPolicy;
import org.jameslua.mailets.pop3.DownloadOutcome;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * VPOP3's POP3 client script, {@code POP3CLT.LUA}, on mail James's FetchMail downloaded:
 * {@code ProcessMessage(mailfrom, subject, recipients, actions, structure, size, attachments)} with the same
 * arguments, tables and message helpers ({@code VPOP3.GetMessagePart} and the rest) as the SMTP server's, and
 * the POP3 client's starting actions ({@code Delete} false: left on the server unless deleted).
 *
 * <p>FetchMail's mail is told apart by the {@code org.apache.james.fetchmail.taskName} attribute FetchMail puts
 * on every mail it spools; other mail passes untouched. What the returned actions do:
 * <ul>
 *   <li>{@code Ignore}: the mail is dropped (not processed).</li>
 *   <li>{@code SendToOriginalRecipients} and {@code Recipients}: the recipients become the original ones (if
 *       kept) followed by the new ones, each once; none left drops the mail.</li>
 *   <li>{@code HeaderModifiers}: whole header lines added to the message.</li>
 *   <li>{@code Delete}: has no effect. FetchMail deletes the message from the POP3 server, or leaves it there,
 *       by the {@code leaveonserver} settings of fetchmail.xml, and does so once the mail is spooled, before any
 *       mailet runs.</li>
 *   <li>{@code Reason} and the result string (the second return) are logged.</li>
 * </ul>
 * A missing script or function, a failure or an unusable result lets the mail go on unchanged (logged in
 * {@code LUAERRORS.LOG}), or with {@code <onScriptError>error</onScriptError>} sends it to the error processor.
 * Parameters: {@code script} (default {@code POP3CLT.LUA}), {@code onScriptError} ({@code pass} or {@code error}):
 *
 * <pre>{@code
 * <mailet match="All" class="org.jameslua.mailets.Pop3ClientMailet">
 *     <script>POP3CLT.LUA</script>
 *     <onScriptError>pass</onScriptError>
 * </mailet>
 * }</pre>
 */
public final class Pop3ClientMailet extends GenericMailet {
    static final String FUNCTION = "ProcessMessage";
    static final AttributeName FETCHMAIL_TASK = AttributeName.of("org.apache.james.fetchmail.taskName");
    private static final Logger LOGGER = LoggerFactory.getLogger(Pop3ClientMailet.class);

    private final LuaEngine engine;
    private final ScriptCallers callers;
    private final UncompiledScripts uncompiled;
    private ScriptCaller caller;
    private UncompiledScriptPolicy uncompiledScript;
    private String script;

    @Inject
    public Pop3ClientMailet(LuaEngine engine, ScriptCallers callers, UncompiledScripts uncompiled) {
        this.engine = engine;
        this.callers = callers;
        this.uncompiled = uncompiled;
    }

    @Override
    public void init() throws MessagingException {
        script = getInitParameter("script", "POP3CLT.LUA").strip();
        caller = ScriptErrorParameter.caller(this, callers);
        uncompiledScript = UncompiledScriptPolicy.of(getMailetName(), uncompiled, script, caller.policy());
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        if (mail.getAttribute(FETCHMAIL_TASK).isEmpty()) {
            return;
        }
        uncompiledScript.check();
        Optional<DownloadOutcome> outcome;
        try {
            outcome = process(mail);
        } catch (ScriptFailedException e) {
            throw ScriptErrorParameter.failure(this, e);
        } catch (IOException e) {
            LOGGER.warn("{} not run on mail {}: its message cannot be read", script, mail.getName(), e);
            return;
        }
        if (outcome.isPresent()) {
            apply(outcome.get(), mail);
        }
    }

    private Optional<DownloadOutcome> process(Mail mail) throws MessagingException, IOException {
        Actions given = Actions.forDownload();
        try (ScriptInstance instance = engine.newInstance(script)) {
            if (!instance.defines(FUNCTION)) {
                return Optional.empty();
            }
            try (ScannedMessage message = ScannedMessage.of(new MailMessageSource(mail))) {
                List<String> recipients = mail.getRecipients().stream()
                        .map(MailAddress::asString)
                        .collect(Collectors.toUnmodifiableList());
                Varargs arguments = LuaValue.varargsOf(new LuaValue[] {
                    LuaValue.valueOf(MailFacts.sender(mail)),
                    LuaValue.valueOf(MailFacts.subject(mail.getMessage())),
                    LuaSequences.of(recipients),
                    given.toLua(),
                    message.structure(),
                    LuaValue.valueOf(message.size()),
                    message.attachments()
                });
                return caller.callWithMessage(
                        instance, message, FUNCTION, arguments, values -> DownloadOutcome.read(values, given));
            }
        }
    }

    private void apply(DownloadOutcome outcome, Mail mail) throws MessagingException {
        Actions actions = outcome.actions();
        if (!actions.reason().isBlank() || !outcome.result().isBlank()) {
            LOGGER.info(
                    "{} on mail {}: {} {}",
                    script,
                    mail.getName(),
                    LogText.escape(actions.reason()),
                    LogText.escape(outcome.result()));
        }
        if (actions.ignore()) {
            mail.setState(Mail.GHOST);
            return;
        }
        if (!outcome.headers().isEmpty()) {
            MessageEdits.addHeaders(mail, outcome.headers());
        }
        Set<MailAddress> recipients = new LinkedHashSet<>();
        if (actions.sendToOriginalRecipients()) {
            recipients.addAll(mail.getRecipients());
        }
        recipients.addAll(outcome.recipients());
        if (!new ArrayList<>(recipients).equals(new ArrayList<>(mail.getRecipients()))) {
            mail.setRecipients(new ArrayList<>(recipients));
            if (recipients.isEmpty()) {
                mail.setState(Mail.GHOST);
            }
        }
    }

    @Override
    public String getMailetInfo() {
        return "POP3CLT.LUA for fetched mail";
    }
}
