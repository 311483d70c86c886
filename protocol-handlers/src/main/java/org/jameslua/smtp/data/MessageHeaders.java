package org.jameslua.smtp.data;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import javax.mail.MessagingException;
import org.apache.james.protocols.api.ProtocolSession;
import org.apache.james.protocols.api.ProtocolSession.State;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.smtpserver.JamesMessageHook;
import org.apache.mailet.Mail;
import org.jameslua.james.message.HeaderInsertion;
import org.jameslua.james.message.HeaderLines;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the header lines the pack's message hooks add (ProcessMessage's HeaderModifiers, RBLHeader) into the
 * message, all at once, after those hooks and before James queues the mail: checked whole lines
 * ({@link HeaderLines}) go at the end of the header, folded lines stay folded, and every other byte of the message
 * stays as the client sent it ({@link HeaderInsertion}). javax.mail is not asked to do it: its saveChanges would
 * parse the whole message and add a MIME-Version header the client did not send.
 */
public class MessageHeaders implements JamesMessageHook {
    private static final Logger LOGGER = LoggerFactory.getLogger(MessageHeaders.class);
    private static final ProtocolSession.AttachmentKey<Lines> PENDING =
            ProtocolSession.AttachmentKey.of("org.jameslua.smtp.MessageHeaders", Lines.class);

    /** Header lines for the message of the session's current mail. */
    public static void add(SMTPSession session, List<String> lines) {
        if (lines.isEmpty()) {
            return;
        }
        Lines pending = session.getAttachment(PENDING, State.Transaction).orElseGet(Lines::new);
        pending.lines.addAll(lines);
        session.setAttachment(PENDING, pending, State.Transaction);
    }

    @Override
    public HookResult onMessage(SMTPSession session, Mail mail) {
        session.removeAttachment(PENDING, State.Transaction).ifPresent(pending -> {
            try {
                HeaderInsertion.addTo(mail, pending.lines);
            } catch (MessagingException | IOException e) {
                LOGGER.error("Header lines could not be added to mail {}; it goes on without them", mail.getName(), e);
            }
        });
        return HookResult.DECLINED;
    }

    private static final class Lines {
        private final List<String> lines = new ArrayList<>();
    }
}
