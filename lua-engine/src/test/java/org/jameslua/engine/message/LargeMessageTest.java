package org.jameslua.engine.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A message far bigger than the heap it is scanned with is streamed, never held. */
class LargeMessageTest {
    static final int ATTACHMENT = 36 << 20;
    static final int LONG_LINE = 4 << 20;
    static final String HEAP = "-Xmx32m";

    @TempDir
    Path folder;

    @Test
    void aFiftyMegabyteMessageIsScannedSavedAndReadWithA32MegabyteHeap() throws Exception {
        Path message = folder.resolve("big.eml");
        long[] offsets = write(message);
        assertThat(Files.size(message)).isGreaterThan(50L << 20);

        Process probe = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        HEAP,
                        "-cp",
                        System.getProperty("java.class.path"),
                        LargeMessageProbe.class.getName(),
                        message.toString(),
                        folder.resolve("saved.bin").toString())
                .redirectErrorStream(true)
                .start();
        List<String> output = new ArrayList<>();
        try (var reader = new BufferedReader(new InputStreamReader(probe.getInputStream(), Charset.defaultCharset()))) {
            reader.lines().forEach(output::add);
        }
        assertThat(probe.waitFor(5, TimeUnit.MINUTES)).isTrue();

        assertThat(probe.exitValue()).as(String.join("\n", output)).isZero();
        assertThat(output)
                .containsExactly(
                        "part 1 text/plain " + offsets[0] + " " + offsets[1] + " " + offsets[2],
                        "part 2 image/jpeg " + offsets[3] + " " + offsets[4] + " " + offsets[5],
                        "part 3 application/octet-stream " + offsets[6] + " " + offsets[7] + " " + offsets[8],
                        "attachment 2 photo.jpg " + ATTACHMENT + " MIME",
                        "attachment 3 line.bin " + LONG_LINE + " MIME",
                        "saved true " + ATTACHMENT,
                        "lines " + Files.size(message) + " of " + Files.size(message));
        // digests, not AssertJ's hasSameBinaryContentAs: that reads both files a byte per system call (a minute)
        assertThat(savedDigest(folder.resolve("saved.bin"))).isEqualTo(attachmentDigest());
    }

    /** Writes the message, returning Start, BodyStart and End of each of its three parts. */
    private static long[] write(Path file) throws IOException {
        long[] offsets = new long[9];
        try (Counting out = new Counting(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16))) {
            ascii(
                    out,
                    "From: a@example.com\r\nSubject: big\r\nMIME-Version: 1.0\r\n"
                            + "Content-Type: multipart/mixed; boundary=\"big-boundary\"\r\n\r\n--big-boundary\r\n");
            offsets[0] = out.count;
            ascii(out, "Content-Type: text/plain\r\n\r\n");
            offsets[1] = out.count;
            ascii(out, "See the photo.");
            offsets[2] = out.count;
            ascii(out, "\r\n--big-boundary\r\n");
            offsets[3] = out.count;
            ascii(out, "Content-Type: image/jpeg; name=\"photo.jpg\"\r\nContent-Transfer-Encoding: base64\r\n\r\n");
            offsets[4] = out.count;
            try (OutputStream base64 = Base64.getMimeEncoder().wrap(new FilterOutputStream(out) {
                @Override
                public void close() {
                    // the message goes on after the encoded part
                }
            })) {
                writeAttachment(base64);
            }
            offsets[5] = out.count;
            ascii(out, "\r\n--big-boundary\r\n");
            offsets[6] = out.count;
            ascii(
                    out,
                    "Content-Type: application/octet-stream\r\nContent-Disposition: attachment; filename=line.bin"
                            + "\r\n\r\n");
            offsets[7] = out.count;
            byte[] chunk = "x".repeat(1 << 16).getBytes(StandardCharsets.US_ASCII);
            for (int written = 0; written < LONG_LINE; written += chunk.length) {
                out.write(chunk);
            }
            offsets[8] = out.count;
            ascii(out, "\r\n--big-boundary--\r\n");
        }
        return offsets;
    }

    private static byte[] savedDigest(Path saved) throws IOException {
        MessageDigest sha256 = sha256();
        try (InputStream in = new DigestInputStream(Files.newInputStream(saved), sha256)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return sha256.digest();
    }

    private static byte[] attachmentDigest() throws IOException {
        MessageDigest sha256 = sha256();
        try (OutputStream out = new DigestOutputStream(OutputStream.nullOutputStream(), sha256)) {
            writeAttachment(out);
        }
        return sha256.digest();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void writeAttachment(OutputStream out) throws IOException {
        Random random = new Random(42);
        byte[] block = new byte[1 << 16];
        for (int written = 0; written < ATTACHMENT; written += block.length) {
            random.nextBytes(block);
            out.write(block);
        }
    }

    private static void ascii(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.US_ASCII));
    }

    private static final class Counting extends FilterOutputStream {
        long count;

        Counting(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            out.write(bytes, offset, length);
            count += length;
        }
    }
}
