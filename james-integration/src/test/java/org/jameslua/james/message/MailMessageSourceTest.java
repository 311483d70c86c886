package org.jameslua.james.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import javax.mail.internet.MimeMessage;
import org.apache.james.core.MailAddress;
import org.apache.james.server.core.MailImpl;
import org.apache.james.server.core.MimeMessageInputStreamSource;
import org.apache.james.server.core.MimeMessageWrapper;
import org.junit.jupiter.api.Test;

class MailMessageSourceTest {
    // no Message-ID, no MIME-Version: javax.mail would add both on a rewrite
    private static final String RAW = "Subject: as sent\r\nX-Folded: a\r\n b\r\n\r\nbody\r\n";

    @Test
    void aMessageJamesKeepsAsItCameIsReadAsItsOwnBytesEachTime() throws Exception {
        MailImpl mail = mail();
        MailMessageSource source = new MailMessageSource(mail);

        assertThat(read(source)).isEqualTo(RAW);
        assertThat(read(source)).isEqualTo(RAW);
        assertThat(source.size()).isEqualTo(RAW.length());
    }

    @Test
    void aMessageAMailetChangedIsReadAsChanged() throws Exception {
        MailImpl mail = mail();
        MimeMessage message = mail.getMessage();
        message.setHeader("X-Changed", "yes");
        message.saveChanges();

        assertThat(read(new MailMessageSource(mail))).contains("X-Changed: yes").contains("body");
    }

    private static MailImpl mail() throws Exception {
        MimeMessageWrapper message = new MimeMessageWrapper(MimeMessageInputStreamSource.create(
                "m1", new java.io.ByteArrayInputStream(RAW.getBytes(StandardCharsets.US_ASCII))));
        return MailImpl.builder()
                .name("m1")
                .sender(new MailAddress("alice@example.local"))
                .addRecipient(new MailAddress("bob@example.local"))
                .mimeMessage(message)
                .build();
    }

    private static String read(MailMessageSource source) throws Exception {
        try (InputStream in = source.open()) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
    }
}
