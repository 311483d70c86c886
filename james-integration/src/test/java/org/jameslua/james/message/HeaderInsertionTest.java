package org.jameslua.james.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
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
    }

    @Test
    void aMessageWithoutHeaderGetsTheLinesFirst() throws IOException {
        assertThat(inserted("\r\nbody\r\n")).isEqualTo("X-A: 1\r\nX-B: two\r\n\tfolded\r\n\r\nbody\r\n");
    }

    private static String inserted(String message) throws IOException {
        try (InputStream in =
                HeaderInsertion.insert(new ByteArrayInputStream(message.getBytes(StandardCharsets.US_ASCII)), LINES)) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
    }
}
