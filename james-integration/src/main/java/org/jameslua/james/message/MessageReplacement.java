package org.jameslua.james.message;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import javax.mail.MessagingException;
import org.apache.james.server.core.MailImpl;
import org.apache.james.server.core.MimeMessageSource;
import org.apache.james.server.core.MimeMessageWrapper;
import org.apache.mailet.Mail;

/**
 * Gives a mail a message written as bytes, which James then hands on as they are: javax.mail's saveChanges (which
 * re-serialises the message and adds MIME-Version, Message-ID and Date) is never called.
 */
public final class MessageReplacement {
    private MessageReplacement() {}

    /** Replaces the mail's message with {@code message}, the whole of it: header, empty line, body. */
    public static void replace(Mail mail, byte[] message) throws MessagingException, IOException {
        set(mail, EditedMessageSource.of(mail.getName(), new ByteArrayInputStream(message), message.length));
    }

    static void set(Mail mail, MimeMessageSource source) throws MessagingException {
        if (mail instanceof MailImpl) {
            // James's own mail (the one its SMTP server and its spool hand on) takes the new bytes as they are
            ((MailImpl) mail).setMessageContent(source);
        } else {
            mail.setMessage(new MimeMessageWrapper(source));
        }
    }
}
