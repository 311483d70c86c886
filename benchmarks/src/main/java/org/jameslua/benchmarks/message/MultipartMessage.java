package org.jameslua.benchmarks.message;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;

/**
 * The messages the ProcessMessage benchmarks feed the engine: a text part, then attachments of random bytes
 * (base64, as mail clients send them), alternately {@code image/jpeg} and {@code application/pdf}.
 */
public final class MultipartMessage {
    private static final String BOUNDARY = "bench-boundary";

    private final int attachments;
    private final int attachmentBytes;

    /** {@code attachments} attachments of {@code attachmentBytes} bytes each (before encoding). */
    public MultipartMessage(int attachments, int attachmentBytes) {
        this.attachments = attachments;
        this.attachmentBytes = attachmentBytes;
    }

    public void writeTo(OutputStream out) throws IOException {
        ascii(
                out,
                "From: sender@example.com\r\nTo: user@example.local\r\nSubject: benchmark message\r\n"
                        + "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"" + BOUNDARY + "\"\r\n\r\n"
                        + "--" + BOUNDARY + "\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\n"
                        + "Please find the files attached.\r\n");
        Random random = new Random(42);
        byte[] block = new byte[Math.min(attachmentBytes, 1 << 16)];
        for (int i = 1; i <= attachments; i++) {
            boolean image = i % 2 == 1;
            String name = image ? "photo" + i + ".jpg" : "report" + i + ".pdf";
            ascii(
                    out,
                    "\r\n--" + BOUNDARY + "\r\nContent-Type: " + (image ? "image/jpeg" : "application/pdf")
                            + "; name=\"" + name + "\"\r\nContent-Transfer-Encoding: base64\r\n"
                            + "Content-Disposition: attachment; filename=\"" + name + "\"\r\n\r\n");
            try (OutputStream base64 = Base64.getMimeEncoder().wrap(new FilterOutputStream(out) {
                @Override
                public void close() {
                    // the message goes on after the encoded part
                }
            })) {
                for (int written = 0; written < attachmentBytes; written += block.length) {
                    random.nextBytes(block);
                    base64.write(block, 0, Math.min(block.length, attachmentBytes - written));
                }
            }
        }
        ascii(out, "\r\n--" + BOUNDARY + "--\r\n");
    }

    private static void ascii(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.US_ASCII));
    }
}
