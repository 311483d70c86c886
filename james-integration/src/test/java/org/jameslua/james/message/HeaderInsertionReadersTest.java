package org.jameslua.james.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import javax.mail.Header;
import javax.mail.MessagingException;
import javax.mail.Session;
import javax.mail.internet.MimeMessage;
import org.apache.james.mime4j.dom.Message;
import org.apache.james.mime4j.message.DefaultMessageBuilder;
import org.apache.james.mime4j.stream.Field;
import org.apache.james.mime4j.stream.MimeConfig;
import org.junit.jupiter.api.Test;

/**
 * A header line a script adds must be a header field to every reader that comes after it: javax.mail (James's
 * mailets and Sieve) and mime4j (James's mailboxes, IMAP). On headers of every shape, lines ending in a bare CR
 * among them, each reader finds the added field, still finds the fields it found before, and reads the same body.
 */
class HeaderInsertionReadersTest {
    private static final Session SESSION = Session.getInstance(new Properties());
    private static final String ADDED = "X-Added: by the script";

    @Test
    void everyReaderSeesTheAddedFieldInEveryShapeOfHeader() throws Exception {
        Random random = new Random(20261207L);
        for (int i = 0; i < 2000; i++) {
            check(shape(random));
        }
    }

    @Test
    void aHeaderLineEndedByABareCrBeforeItsLineEnd() throws Exception {
        check("Subject: s\r\r\nX-Real: 1\r\n\r\nbody\r\n");
    }

    private static void check(String original) throws Exception {
        String edited = new String(
                HeaderInsertion.insert(
                                new ByteArrayInputStream(original.getBytes(StandardCharsets.ISO_8859_1)),
                                List.of(ADDED))
                        .readAllBytes(),
                StandardCharsets.ISO_8859_1);

        MimeMessage before = javaMail(original);
        MimeMessage after = javaMail(edited);
        assertThat(after.getHeader("X-Added"))
                .as("javax.mail's fields of\n%s", edited)
                .containsExactly("by the script");
        assertThat(javaMailFields(after))
                .as("javax.mail's fields of\n%s", edited)
                .containsAll(javaMailFields(before));
        assertThat(after.getRawInputStream().readAllBytes())
                .as("javax.mail's body of\n%s", edited)
                .isEqualTo(before.getRawInputStream().readAllBytes());

        assertThat(mime4jFields(edited)).as("mime4j's fields of\n%s", edited).contains(ADDED);
        assertThat(mime4jFields(edited)).as("mime4j's fields of\n%s", edited).containsAll(mime4jFields(original));
    }

    private static MimeMessage javaMail(String message) throws MessagingException {
        return new MimeMessage(SESSION, new ByteArrayInputStream(message.getBytes(StandardCharsets.ISO_8859_1)));
    }

    private static List<String> javaMailFields(MimeMessage message) throws MessagingException {
        List<String> fields = new ArrayList<>();
        for (Header header : Collections.list(message.getAllHeaders())) {
            fields.add(header.getName() + ": " + header.getValue());
        }
        return fields;
    }

    private static List<String> mime4jFields(String message) throws IOException {
        DefaultMessageBuilder builder = new DefaultMessageBuilder();
        builder.setMimeEntityConfig(MimeConfig.PERMISSIVE);
        Message parsed = builder.parseMessage(new ByteArrayInputStream(message.getBytes(StandardCharsets.ISO_8859_1)));
        List<String> fields = new ArrayList<>();
        for (Field field : parsed.getHeader().getFields()) {
            fields.add(field.getName() + ": " + field.getBody());
        }
        return fields;
    }

    private static String shape(Random random) {
        StringBuilder message = new StringBuilder();
        int lines = random.nextInt(5);
        for (int i = 0; i < lines; i++) {
            message.append(
                    pick(random, "Subject: s", "X-F: a", " folded", "X-C: a\rb", "X-W: w ", "To: t@example.com"));
            message.append(pick(random, "\r\n", "\r\n", "\n", "\r\r\n"));
        }
        message.append(pick(random, "\r\n", "\n", "\r\n", ""));
        message.append(pick(random, "body\r\n", "X-Not: a field\r\n\r\nbody\r\n", "", "\r\nbody"));
        return message.toString();
    }

    private static String pick(Random random, String... choices) {
        return choices[random.nextInt(choices.length)];
    }
}
