package org.jameslua.james.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import javax.mail.internet.MimeMessage;
import org.apache.james.server.core.MailImpl;
import org.apache.james.server.core.MimeMessageInputStream;
import org.apache.james.server.core.MimeMessageInputStreamSource;
import org.junit.jupiter.api.Test;

/**
 * The size a script is told is the number of bytes the message streams, as James's getMessageSize says, whether the
 * header was changed (worked out from its lines, without reading the message), not, or the body too (James's own).
 */
class MessageSizeTest {
    private static final String MESSAGE = "Received: from client.example.org\r\n\tby mx.example.local\r\n"
            + "Subject: figures\r\nBcc: <hidden@example.org>\r\nMessage-ID: <1@example.org>\r\n\r\n"
            + "a line of the body\r\n".repeat(200);

    @Test
    void aMessageAsReceivedIsItsBytes() throws Exception {
        MailImpl mail = mail();

        assertThat(MessageSize.of(mail)).isEqualTo(MESSAGE.length()).isEqualTo(streamed(mail));
        mail.dispose();
    }

    @Test
    void aMessageWhoseHeaderWasChangedIsWhatItStreamsAndWhatJamesSays() throws Exception {
        MailImpl removed = mail();
        removed.getMessage().removeHeader("Bcc");
        removed.getMessage().saveChanges();
        MailImpl added = mail();
        added.getMessage().addHeader("X-Folded", "a\r\n\tb");
        added.getMessage().setHeader("Subject", "other figures");

        for (MailImpl mail : new MailImpl[] {removed, added}) {
            assertThat(((org.apache.james.server.core.MimeMessageWrapper) mail.getMessage()).isHeaderModified())
                    .isTrue();
            assertThat(MessageSize.of(mail)).isEqualTo(streamed(mail)).isEqualTo(mail.getMessageSize());
            mail.dispose();
        }
    }

    @Test
    void aMessageWhoseBodyWasChangedIsWhatJamesSays() throws Exception {
        MailImpl mail = mail();
        MimeMessage message = mail.getMessage();
        message.setText("a new body\r\n");
        message.saveChanges();

        assertThat(MessageSize.of(mail)).isEqualTo(mail.getMessageSize());
        mail.dispose();
    }

    private static MailImpl mail() throws Exception {
        MailImpl mail = MailImpl.builder().name("m1").build();
        mail.setMessageContent(MimeMessageInputStreamSource.create(
                "m1", new ByteArrayInputStream(MESSAGE.getBytes(StandardCharsets.US_ASCII))));
        return mail;
    }

    private static long streamed(MailImpl mail) throws Exception {
        try (InputStream in = new MimeMessageInputStream(mail.getMessage())) {
            return in.readAllBytes().length;
        }
    }
}
