package org.jameslua.engine.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Builds test messages and checks a scan against the bytes it came from. */
final class TestMessages {
    private TestMessages() {}

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

    /** Uuencodes the bytes as the Unix uuencode does, with spaces for zeros when {@code spaces} is true. */
    static String uuencode(String name, byte[] data, boolean spaces) {
        StringBuilder out = new StringBuilder("begin 644 ").append(name).append('\n');
        for (int offset = 0; offset < data.length; offset += 45) {
            int length = Math.min(45, data.length - offset);
            StringBuilder line = new StringBuilder().append(uuChar(length, spaces));
            for (int i = 0; i < length; i += 3) {
                int group = (byte3(data, offset + i, offset + length) << 16)
                        | (byte3(data, offset + i + 1, offset + length) << 8)
                        | byte3(data, offset + i + 2, offset + length);
                for (int shift = 18; shift >= 0; shift -= 6) {
                    line.append(uuChar(group >> shift & 63, spaces));
                }
            }
            out.append(spaces ? line.toString().stripTrailing() : line).append('\n');
        }
        return out.append(uuChar(0, spaces)).append("\nend\n").toString();
    }

    /** BinHex 4.0 text for a file: the marker line, then the encoded header and data fork between colons. */
    static String binHex(String name, byte[] data) {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        bytes.write(name.length());
        bytes.writeBytes(name.getBytes(StandardCharsets.ISO_8859_1));
        bytes.writeBytes(new byte[] {0, 'T', 'E', 'X', 'T', 't', 't', 'x', 't', 0, 0});
        bytes.writeBytes(new byte[] {0, 0, 0, (byte) data.length, 0, 0, 0, 0, 0, 0});
        bytes.writeBytes(data);
        bytes.writeBytes(new byte[] {0, 0, 0, 0});
        return binHexPacked(bytes.toByteArray());
    }

    /** BinHex 4.0 text of bytes already run-length packed (0x90 n repeats the byte before, 0x90 0 is 0x90). */
    static String binHexPacked(byte[] packed) {
        StringBuilder chars = new StringBuilder(":");
        int bits = 0;
        int count = 0;
        for (byte b : packed) {
            bits = (bits << 8 | b & 0xFF) & 0xFFFF;
            count += 8;
            while (count >= 6) {
                count -= 6;
                chars.append(BinHexName.ALPHABET.charAt(bits >> count & 63));
            }
        }
        if (count > 0) {
            chars.append(BinHexName.ALPHABET.charAt(bits << (6 - count) & 63));
        }
        chars.append(':');
        StringBuilder out = new StringBuilder("(This file must be converted with BinHex 4.0)\n");
        for (int i = 0; i < chars.length(); i += 64) {
            out.append(chars, i, Math.min(chars.length(), i + 64)).append('\n');
        }
        return out.toString();
    }

    private static int byte3(byte[] data, int index, int end) {
        return index < end ? data[index] & 0xFF : 0;
    }

    private static char uuChar(int value, boolean spaces) {
        return value == 0 && !spaces ? '`' : (char) (' ' + value);
    }
}
