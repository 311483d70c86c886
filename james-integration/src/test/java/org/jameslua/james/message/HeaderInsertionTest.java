package org.jameslua.james.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.mail.internet.MimeMessage;
import org.apache.james.lifecycle.api.Disposable;
import org.apache.james.server.core.MailImpl;
import org.apache.james.server.core.MimeMessageInputStream;
import org.apache.james.server.core.MimeMessageSource;
import org.junit.jupiter.api.Test;

class HeaderInsertionTest {
    private static final List<String> LINES = List.of("X-A: 1", "X-B: two", "\tfolded");

    @Test
    void addsTheLinesBeforeTheEmptyLineThatEndsTheHeaderAndKeepsEveryOtherByte() throws IOException {
        assertThat(inserted("Subject: s\r\nX-Folded: a\r\n b\r\n\r\nbody\r\n\r\nX-Not: a header\r\n"))
                .isEqualTo("Subject: s\r\nX-Folded: a\r\n b\r\nX-A: 1\r\nX-B: two\r\n\tfolded\r\n\r\nbody\r\n\r\n"
                        + "X-Not: a header\r\n");
    }

    @Test
    void keepsTheMessagesOwnLineEnds() throws IOException {
        assertThat(inserted("Subject: s\n\nbody\n"))
                .isEqualTo("Subject: s\nX-A: 1\r\nX-B: two\r\n\tfolded\r\n\nbody\n");
    }

    @Test
    void aMessageWithoutAnEmptyLineIsAllHeader() throws IOException {
        assertThat(inserted("Subject: s\r\n")).isEqualTo("Subject: s\r\nX-A: 1\r\nX-B: two\r\n\tfolded\r\n");
        assertThat(inserted("Subject: s")).isEqualTo("Subject: s\r\nX-A: 1\r\nX-B: two\r\n\tfolded\r\n");
        assertThat(inserted("")).isEqualTo("X-A: 1\r\nX-B: two\r\n\tfolded\r\n");
    }

    @Test
    void aMessageWithoutHeaderGetsTheLinesFirst() throws IOException {
        assertThat(inserted("\r\nbody\r\n")).isEqualTo("X-A: 1\r\nX-B: two\r\n\tfolded\r\n\r\nbody\r\n");
    }

    /**
     * The message a MailImpl had is released once the new one is read from it: James spools a big message to a
     * temporary file, which would stay behind until the garbage collector found the leak.
     */
    @Test
    void aMailImplReleasesTheMessageItHadOnceTheNewOneIsRead() throws Exception {
        MessageSource received = new MessageSource("Subject: s\r\n\r\nbody\r\n");
        MailImpl mail = MailImpl.builder().name("m1").build();
        mail.setMessageContent(received);

        HeaderInsertion.addTo(mail, List.of("X-A: 1"));

        assertThat(received.disposed).isTrue();
        try (InputStream in = new MimeMessageInputStream(mail.getMessage())) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.US_ASCII))
                    .isEqualTo("Subject: s\r\nX-A: 1\r\n\r\nbody\r\n");
        }
        mail.dispose();
    }

    /**
     * The edited message is read whole by every later reader, as often as they read it, whether it is held as one
     * array (up to James's in-memory limit, 100 KiB) or in James's own source, which spools it to a file.
     */
    @Test
    void aSmallAndABigMessageKeepEveryByteForEveryRead() throws Exception {
        for (int bodyLines : new int[] {10, 4_000}) {
            String body = "a line of the body, as long as a line usually is\r\n".repeat(bodyLines);
            MailImpl mail = MailImpl.builder().name("m1").build();
            mail.setMessageContent(new MessageSource("Subject: s\r\n\r\n" + body));

            HeaderInsertion.addTo(mail, List.of("X-A: 1"));

            String expected = "Subject: s\r\nX-A: 1\r\n\r\n" + body;
            for (int read = 0; read < 2; read++) {
                try (InputStream in = new MimeMessageInputStream(mail.getMessage())) {
                    assertThat(new String(in.readAllBytes(), StandardCharsets.US_ASCII))
                            .isEqualTo(expected);
                }
            }
            assertThat(mail.getMessageSize()).isEqualTo(expected.length());
            assertThat(mail.getMessage().getHeader("X-A")).containsExactly("1");
            mail.dispose();
        }
    }

    /**
     * The edited message's array is sized from what the original had to read: a message with fields removed is
     * shorter, and one whose stream does not say how much it holds (a source other than James's) longer than that.
     */
    @Test
    void aMessageShorterOrLongerThanItsSizeSaidKeepsEveryByte() throws Exception {
        MailImpl removed = MailImpl.builder().name("m1").build();
        removed.setMessageContent(new MessageSource("Subject: s\r\nX-Spam: yes\r\n\r\nbody\r\n"));
        MailImpl unsized = MailImpl.builder().name("m2").build();
        unsized.setMessageContent(new MessageSource("Subject: s\r\n\r\nbody\r\n") {
            @Override
            public InputStream getInputStream() throws IOException {
                return new FilterInputStream(super.getInputStream()) {
                    @Override
                    public int available() {
                        return 0;
                    }
                };
            }
        });

        HeaderInsertion.editIn(removed, List.of("X-Spam"), List.of("X-A: 1"));
        HeaderInsertion.addTo(unsized, List.of("X-A: 1"));

        assertThat(read(removed)).isEqualTo("Subject: s\r\nX-A: 1\r\n\r\nbody\r\n");
        assertThat(read(unsized)).isEqualTo("Subject: s\r\nX-A: 1\r\n\r\nbody\r\n");
        removed.dispose();
        unsized.dispose();
    }

    /**
     * A mail whose header a mailet changed before (James's RemoveMimeHeader removes Bcc from every mail of the transport
     * processor) streams its changed header, then its source's body; its edited message keeps both, and the array it
     * is read into is sized from the whole message, not from what the stream's first part says it holds.
     */
    @Test
    void aMailWhoseHeaderAMailetChangedKeepsTheChangeAndItsSizeIsKnownBeforeReading() throws Exception {
        String body = "a line of the body, as long as a line usually is\r\n".repeat(100);
        MailImpl mail = MailImpl.builder().name("m1").build();
        mail.setMessageContent(new MessageSource("Subject: s\r\nBcc: <hidden@example.org>\r\n\r\n" + body));
        mail.getMessage().removeHeader("Bcc");

        try (InputStream in = new MimeMessageInputStream(mail.getMessage())) {
            long expected = MessageSize.expected(mail.getMessage(), in);
            assertThat(expected).isEqualTo(in.readAllBytes().length);
        }
        HeaderInsertion.addTo(mail, List.of("X-A: 1"));

        assertThat(read(mail)).isEqualTo("Subject: s\r\nX-A: 1\r\n\r\n" + body);
        mail.dispose();
    }

    private static String read(MailImpl mail) throws Exception {
        try (InputStream in = new MimeMessageInputStream(mail.getMessage())) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
    }

    @Test
    void removesEveryFieldNamedInAnyCaseWithItsFoldedLinesAndKeepsEveryOtherByte() throws IOException {
        assertThat(edited(
                        "X-Spam: a\r\n b\r\n\tc\r\nSubject: s\r\nx-spam: d\r\n\r\nX-Spam: body\r\n",
                        Set.of("x-spam"),
                        List.of("X-A: 1")))
                .contains("Subject: s\r\nX-A: 1\r\n\r\nX-Spam: body\r\n");
        assertThat(edited("Subject: s\r\nX-Spam: a\r\n b", Set.of("x-spam"), List.of()))
                .contains("Subject: s\r\n");
    }

    @Test
    void nothingToRemoveAndNothingToAddLeavesTheMessageAsItIs() throws IOException {
        assertThat(edited("Subject: s\r\nX-Other: a\r\n\r\nbody\r\n", Set.of("x-spam"), List.of()))
                .isEmpty();
        assertThat(edited("Subject: s", Set.of("x-spam"), List.of())).isEmpty();
    }

    /** A mail whose header has none of the fields to remove keeps the very message it had: no copy, no new bytes. */
    @Test
    void aMailWithNothingToChangeKeepsItsMessage() throws Exception {
        MailImpl mail = MailImpl.builder().name("m1").build();
        mail.setMessageContent(new MessageSource("Subject: s\r\n\r\nbody\r\n"));
        MimeMessage before = mail.getMessage();

        assertThat(HeaderInsertion.editIn(mail, List.of("X-Spam"), List.of())).isFalse();

        assertThat(mail.getMessage()).isSameAs(before);
        mail.dispose();
    }

    private static Optional<String> edited(String message, Set<String> removed, List<String> lines) throws IOException {
        Optional<InputStream> edited = HeaderInsertion.edit(
                new ByteArrayInputStream(message.getBytes(StandardCharsets.US_ASCII)), removed, lines);
        if (edited.isEmpty()) {
            return Optional.empty();
        }
        try (InputStream in = edited.get()) {
            return Optional.of(new String(in.readAllBytes(), StandardCharsets.US_ASCII));
        }
    }

    /** A message source as James's SMTP server gives a mail, noting whether it was released. */
    private static class MessageSource implements MimeMessageSource, Disposable {
        private final byte[] bytes;
        private boolean disposed;

        MessageSource(String message) {
            this.bytes = message.getBytes(StandardCharsets.US_ASCII);
        }

        @Override
        public String getSourceId() {
            return "received";
        }

        @Override
        public InputStream getInputStream() throws IOException {
            if (disposed) {
                throw new IOException("read after it was released");
            }
            return new ByteArrayInputStream(bytes);
        }

        @Override
        public void dispose() {
            disposed = true;
        }
    }

    private static String inserted(String message) throws IOException {
        try (InputStream in =
                HeaderInsertion.insert(new ByteArrayInputStream(message.getBytes(StandardCharsets.US_ASCII)), LINES)) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
    }
}
