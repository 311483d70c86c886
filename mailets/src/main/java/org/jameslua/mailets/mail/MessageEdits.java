package org.jameslua.mailets.mail;

import java.util.List;
import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;

/** Changes a script asked for, written into a message. */
public final class MessageEdits {
    private MessageEdits() {}

    public static void addHeaders(MimeMessage message, List<HeaderLine> lines) throws MessagingException {
        for (HeaderLine line : lines) {
            message.addHeader(line.name(), line.value());
        }
    }

    /**
     * Saves changes to the message. JavaMail gives a plain {@link MimeMessage} a new Message-ID when saving; a
     * message passing through the server keeps the one its sender gave it, so that replies and threads work.
     */
    public static void save(MimeMessage message) throws MessagingException {
        String[] messageId = message.getHeader("Message-ID");
        message.saveChanges();
        if (messageId != null && messageId.length > 0) {
            message.setHeader("Message-ID", messageId[0]);
        }
    }
}
