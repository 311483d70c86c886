package org.jameslua.mailets;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import javax.mail.MessagingException;
import javax.mail.Session;
import javax.mail.internet.MimeMessage;

/** Messages from raw text, as they arrive over SMTP, and back to text as they would leave. */
public final class Messages {
    private Messages() {}

    public static MimeMessage parse(String raw) {
        try {
            return new MimeMessage(
                    Session.getInstance(new Properties()),
                    new ByteArrayInputStream(raw.replace("\n", "\r\n").getBytes(StandardCharsets.ISO_8859_1)));
        } catch (MessagingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** The message as written out, and parsed again: what the next hop would see. */
    public static MimeMessage reparse(MimeMessage message) {
        return parse(text(message).replace("\r\n", "\n"));
    }

    public static String text(MimeMessage message) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            message.writeTo(out);
            return out.toString(StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
