package org.jameslua.engine.message;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.james.mime4j.codec.Base64InputStream;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.codec.QuotedPrintableInputStream;
import org.jameslua.engine.folder.Fifos;

/**
 * Writes an attachment to a file, streaming: base64, quoted-printable and uuencoded content is decoded, and
 * everything else (BinHex text, binary parts) is written as it lies in the message. A TNEF part is written as
 * the winmail.dat file it is, not unpacked.
 */
final class AttachmentSaver {
    private AttachmentSaver() {}

    /** False, with no file left behind, when the attachment cannot be read or the file cannot be written. */
    static boolean save(MessageSource source, Attachment attachment, Path file) {
        if (Fifos.isFifo(file)) {
            // opening it to write would wait for a reader for ever
            return false;
        }
        try (InputStream raw = RangeInputStream.open(source, attachment.start(), attachment.end());
                OutputStream out = Files.newOutputStream(file)) {
            switch (attachment.encoding()) {
                case NONE:
                    raw.transferTo(out);
                    break;
                case BASE64:
                    new Base64InputStream(raw, DecodeMonitor.SILENT).transferTo(out);
                    break;
                case QUOTED_PRINTABLE:
                    new QuotedPrintableInputStream(raw, DecodeMonitor.SILENT).transferTo(out);
                    break;
                case UUENCODE:
                    UuDecoder.decode(raw, out);
                    break;
            }
            return true;
        } catch (IOException | RuntimeException e) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException | RuntimeException ignored) {
                // the file could not be written in the first place; nothing is left to clean up
            }
            return false;
        }
    }
}
