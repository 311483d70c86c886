package org.jameslua.mailets.errors;

import java.util.Date;
import java.util.List;
import java.util.Properties;
import javax.mail.Message;
import javax.mail.MessagingException;
import javax.mail.Session;
import javax.mail.internet.InternetAddress;
import javax.mail.internet.MimeMessage;
import org.apache.james.core.MailAddress;
import org.apache.mailet.Mail;

/**
 * An error notice as a message: plain UTF-8 text, marked {@code Auto-Submitted: auto-generated} (RFC 3834, so
 * that auto-responders leave it alone) and with {@link #MARK} (so that a notice never causes another).
 */
public final class NoticeMessage {
    static final String MARK = "X-James-Lua-Notice";

    private NoticeMessage() {}

    public static MimeMessage of(MailAddress from, List<MailAddress> to, String subject, String text)
            throws MessagingException {
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()));
        message.setFrom(new InternetAddress(from.asString()));
        for (MailAddress address : to) {
            message.addRecipient(Message.RecipientType.TO, new InternetAddress(address.asString()));
        }
        message.setSubject(subject, "UTF-8");
        message.setSentDate(new Date());
        message.setHeader("Auto-Submitted", "auto-generated");
        message.setHeader(MARK, "ERRORS.LUA");
        message.setText(text, "UTF-8");
        message.saveChanges();
        return message;
    }

    /** Whether a mail is one of these notices; one whose message cannot be read is not. */
    public static boolean isNotice(Mail mail) {
        try {
            return mail.getMessage().getHeader(MARK) != null;
        } catch (MessagingException | RuntimeException e) {
            return false;
        }
    }
}
