package org.jameslua.smtp.data;

import java.util.List;

import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;

import org.apache.mailet.Mail;

/** Adds checked whole header lines ({@link HeaderLines}) to a mail's message; folded lines stay folded. */
public final class MessageHeaders {
    private MessageHeaders() {
    }

    public static void add(Mail mail, List<String> lines) throws MessagingException {
        if (lines.isEmpty()) {
            return;
        }
        MimeMessage message = mail.getMessage();
        for (String line : lines) {
            // a line starting with a blank continues the previous header, as javax.mail reads header lines
            message.addHeaderLine(line);
        }
        message.saveChanges();
    }
}
