package org.jameslua.engine.message;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Run in a JVM with a small heap by {@link LargeMessageTest}: scans a message file, saves its first attachment,
 * reads it line by line, and prints what it found.
 */
public final class LargeMessageProbe {
    private LargeMessageProbe() {}

    public static void main(String[] args) throws IOException {
        Path message = Path.of(args[0]);
        Path saved = Path.of(args[1]);
        try (ScannedMessage scanned = ScannedMessage.of(MessageSource.of(message))) {
            for (MimePart part : scanned.scan().parts()) {
                System.out.println("part " + part.path() + " " + part.mimeType() + " " + part.start() + " "
                        + part.bodyStart() + " " + part.end());
            }
            for (Attachment attachment : scanned.scan().attachments()) {
                System.out.println("attachment " + attachment.mimeSection() + " " + attachment.name() + " "
                        + attachment.size() + " " + attachment.type());
            }
            System.out.println("saved " + scanned.saveAttachment(1, saved) + " " + Files.size(saved));
            long read = 0;
            for (MessageAccess.Lines lines = scanned.lines(1000, 8 << 20);
                    lines.count() > 0;
                    lines = scanned.lines(1000, 8 << 20)) {
                read += lines.text().length();
            }
            System.out.println("lines " + read + " of " + scanned.size());
        }
    }
}
