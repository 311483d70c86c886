package org.jameslua.james.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.apache.james.server.core.MimeMessageInputStreamSource;
import org.apache.james.server.core.MimeMessageWrapper;
import org.junit.jupiter.api.Test;

/** Which headers MessageSize may size from their lines: CRLF ones (the fast way is really taken), and no others. */
class SourceHeaderTest {
    @Test
    void aHeaderOfCrlfLinesEndedByAnEmptyLineIsKnownCrlf() throws Exception {
        assertThat(endsLinesWithCrlf("Subject: a\r\nX: b\r\n c\r\n\r\nbody\n")).isTrue();
        assertThat(endsLinesWithCrlf("\r\nbody")).isTrue();
    }

    @Test
    void anyOtherLineEndOrAHeaderWithoutItsEndIsNot() throws Exception {
        assertThat(endsLinesWithCrlf("Subject: a\nX: b\n\nbody")).isFalse();
        assertThat(endsLinesWithCrlf("Subject: a\r\nX: b\n\r\nbody")).isFalse();
        assertThat(endsLinesWithCrlf("Subject: a\rX: b\r\n\r\nbody")).isFalse();
        assertThat(endsLinesWithCrlf("Subject: a\r\r\n\r\nbody")).isFalse();
        assertThat(endsLinesWithCrlf("Subject: a\r\nX: b\r\n")).isFalse();
    }

    private static boolean endsLinesWithCrlf(String text) throws Exception {
        MimeMessageWrapper message = new MimeMessageWrapper(MimeMessageInputStreamSource.create(
                "m1", new ByteArrayInputStream(text.getBytes(StandardCharsets.ISO_8859_1))));
        try {
            return SourceHeader.endsLinesWithCrlf(message);
        } finally {
            message.dispose();
        }
    }
}
