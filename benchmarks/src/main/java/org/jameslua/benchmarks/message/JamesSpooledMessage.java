package org.jameslua.benchmarks.message;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.mail.MessagingException;
import org.apache.james.server.core.MailImpl;
import org.apache.james.server.core.MimeMessageInputStreamSource;
import org.apache.james.server.core.MimeMessageWrapper;
import org.jameslua.engine.message.MessageSource;
import org.jameslua.james.message.MailMessageSource;

/**
 * A message as James's SMTP server holds it once received: in a {@link MimeMessageInputStreamSource} (which
 * spools a big message to a temporary file) behind a {@link MimeMessageWrapper}, in a {@link MailImpl}; read
 * by the pack through {@link MailMessageSource}, as its SMTP handler does. Needs James on the class path.
 */
final class JamesSpooledMessage implements AutoCloseable {
    private final MailImpl mail;

    private JamesSpooledMessage(MailImpl mail) {
        this.mail = mail;
    }

    static JamesSpooledMessage of(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MimeMessageWrapper message = new MimeMessageWrapper(MimeMessageInputStreamSource.create("big", in));
            return new JamesSpooledMessage(MailImpl.builder()
                    .name("big")
                    .sender("sender@example.com")
                    .addRecipient("user@example.local")
                    .mimeMessage(message)
                    .build());
        } catch (MessagingException e) {
            throw new IOException(e);
        }
    }

    MessageSource source() {
        return new MailMessageSource(mail);
    }

    @Override
    public void close() {
        mail.dispose();
    }
}
