package org.jameslua.james.message;

import java.io.IOException;
import java.io.InputStream;
import javax.mail.MessagingException;
import org.apache.james.server.core.MimeMessageInputStream;
import org.apache.mailet.Mail;
import org.jameslua.engine.message.MessageSource;

/**
 * The message of a James {@link Mail}, for the ProcessMessage tables and message helpers of the SMTP script and
 * the mailets. While James has not changed the message, each {@link #open()} streams it from where James keeps it
 * (its spool file or blob), so a large message is never copied; a message a mailet changed is written out by
 * javax.mail (into memory) for each open.
 */
public final class MailMessageSource implements MessageSource {
    private final Mail mail;

    public MailMessageSource(Mail mail) {
        this.mail = mail;
    }

    @Override
    public long size() throws IOException {
        try {
            return MessageSize.of(mail);
        } catch (MessagingException e) {
            throw new IOException("size of mail " + mail.getName() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public InputStream open() throws IOException {
        try {
            return new MimeMessageInputStream(mail.getMessage());
        } catch (MessagingException e) {
            throw new IOException("content of mail " + mail.getName() + ": " + e.getMessage(), e);
        }
    }
}
