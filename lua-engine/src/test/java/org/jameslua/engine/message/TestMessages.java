package org.jameslua.engine.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Builds test messages and checks a scan against the bytes it came from. */
final class TestMessages {
    private TestMessages() {
    }

    /** The text with every line ending in CRLF, as on the wire. */
    static byte[] crlf(String text) {
        return text.replace("\r\n", "\n").replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
    }

    static byte[] lf(String text) {
        return text.replace("\r\n", "\n").getBytes(StandardCharsets.UTF_8);
    }

    static byte[] cr(String text) {
        return text.replace("\r\n", "\n").replace("\n", "\r").getBytes(StandardCharsets.UTF_8);
    }

    static MimeScan scan(byte[] message) {
        try {
            return MimeScanner.scan(MessageSource.of(message));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String text(byte[] message, long start, long end) {
        return new String(Arrays.copyOfRange(message, (int) start, (int) end), StandardCharsets.UTF_8);
    }

    static String body(byte[] message, MimeScan scan, String path) {
        MimePart part = scan.part(path).orElseThrow();
        return text(message, part.bodyStart(), part.end());
    }

    /**
     * The offsets of every part agree with the bytes: its headers end with an empty line (or are cut off), and
     * its body ends at the end of the message or just before a line break that a boundary line follows.
     */
    static void assertConsistent(byte[] message, MimeScan scan) {
        assertThat(scan.size()).isEqualTo(message.length);
        for (MimePart part : scan.parts()) {
            assertThat(part.start()).as(part.path()).isBetween(0L, part.bodyStart());
            assertThat(part.bodyStart()).as(part.path()).isBetween(part.start(), part.end());
            assertThat(part.end()).as(part.path()).isLessThanOrEqualTo(message.length);
            if (part.end() < message.length) {
                String after = text(message, part.end(), Math.min(message.length, part.end() + 4));
                assertThat(after).as("after " + part.path()).matches("(?s)(\r\n|\r|\n)?--.*");
            }
        }
    }
}
