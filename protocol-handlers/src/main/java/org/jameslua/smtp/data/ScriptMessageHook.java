package org.jameslua.smtp.data;

import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javax.inject.Inject;
import org.apache.james.core.MailAddress;
import org.apache.james.domainlist.api.DomainList;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.smtpserver.JamesMessageHook;
import org.apache.mailet.Mail;
import org.jameslua.engine.LogText;
import org.jameslua.engine.LuaSequences;
import org.jameslua.engine.message.Actions;
import org.jameslua.engine.message.ScannedMessage;
import org.jameslua.james.message.MailMessageSource;
import org.jameslua.smtp.reply.Reply;
import org.jameslua.smtp.reply.Verdicts;
import org.jameslua.smtp.session.Answer;
import org.jameslua.smtp.session.ScriptSession;
import org.luaj.vm2.LuaValue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ProcessMessage(mailfrom, subject, recipients, actions, MIME structure, size, attachments) once the whole
 * message is in, before James queues it; the ProcessMessage helpers read the message where James keeps it.
 *
 * <ul>
 *   <li>Delete and Ignore: the message is refused, with the results string if it is a 4xx/5xx reply, else
 *       {@code 550 5.7.1 <Reason>}.</li>
 *   <li>Ignore alone (Delete set to false): accepted and thrown away; the client cannot tell.</li>
 *   <li>Otherwise delivered to the original recipients (unless SendToOriginalRecipients is false) and to
 *       Recipients; with no recipient left it is thrown away. HeaderModifiers lines are added to its header
 *       (by {@link MessageHeaders}, after the other message hooks).
 *       A 2xx results string replaces James's "250 2.6.0 Message received" once James has queued it.</li>
 *   <li>Reason is logged.</li>
 * </ul>
 *
 * Changed recipients go through James's mailet container like any others: relaying rules still apply.
 * A failed callback delivers the message untouched, or refuses it with 451 when {@code script.failure=tempfail}.
 */
public class ScriptMessageHook implements JamesMessageHook {
    public static final String CALLBACK = MessageAnswer.CALLBACK;
    private static final Logger LOGGER = LoggerFactory.getLogger(ScriptMessageHook.class);

    private final DomainList domains;

    @Inject
    public ScriptMessageHook(DomainList domains) {
        this.domains = domains;
    }

    @Override
    public HookResult onMessage(SMTPSession session, Mail mail) {
        Optional<ScriptSession> found = ScriptSession.of(session);
        if (found.isEmpty() || !found.get().defines(CALLBACK)) {
            return HookResult.DECLINED;
        }
        ScriptSession scriptSession = found.get();
        List<MailAddress> original = List.copyOf(mail.getRecipients());
        Actions current = Actions.forSmtp();
        Answer<MessageAnswer> answer;
        try (ScannedMessage message = ScannedMessage.of(new MailMessageSource(mail))) {
            answer = scriptSession.askAbout(
                    message,
                    CALLBACK,
                    values -> MessageAnswer.read(values, current, domains),
                    LuaValue.valueOf(mail.getMaybeSender().asString("")),
                    LuaValue.valueOf(message.scan().subject()),
                    LuaSequences.of(
                            original.stream().map(MailAddress::asString).collect(Collectors.toUnmodifiableList())),
                    current.toLua(),
                    message.structure(),
                    LuaValue.valueOf((double) message.size()),
                    message.attachments());
        } catch (IOException e) {
            LOGGER.warn(
                    "ProcessMessage not called for mail {}: its message could not be read: {}",
                    mail.getName(),
                    e.getMessage());
            return HookResult.DECLINED;
        }
        if (answer.isTempFail()) {
            return Verdicts.tempFail();
        }
        return answer.value()
                .map(value -> apply(scriptSession, mail, original, value))
                .orElse(HookResult.DECLINED);
    }

    private static HookResult apply(
            ScriptSession session, Mail mail, List<MailAddress> original, MessageAnswer answer) {
        Actions actions = answer.actions();
        if (!actions.reason().isBlank()) {
            LOGGER.info("ProcessMessage on mail {}: {}", mail.getName(), LogText.escape(actions.reason()));
        }
        if (actions.delete() && actions.ignore()) {
            Reply rejection = answer.rejection();
            session.pending(ScriptSession.Stage.MESSAGE, rejection);
            return Verdicts.refuse(rejection);
        }
        if (actions.ignore()) {
            return Verdicts.DISCARD;
        }
        Set<MailAddress> recipients = new LinkedHashSet<>(actions.sendToOriginalRecipients() ? original : List.of());
        recipients.addAll(answer.recipients());
        if (recipients.isEmpty()) {
            LOGGER.info("ProcessMessage left mail {} without recipients: not delivered", mail.getName());
            return Verdicts.DISCARD;
        }
        mail.setRecipients(List.copyOf(recipients));
        MessageHeaders.add(session.smtpSession(), answer.headers());
        answer.resultReply()
                .filter(Reply::isPositive)
                .ifPresent(reply -> session.pending(ScriptSession.Stage.MESSAGE, reply));
        return HookResult.DECLINED;
    }
}
