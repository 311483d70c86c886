package org.jameslua.engine.message;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;

/**
 * A message scanned once, with what ProcessMessage needs of it: the structure and attachments tables, and the
 * helpers' access to its bytes. The host closes it after the call, which closes the stream GetMessageLine
 * keeps open.
 *
 * <p>Paths GetMessagePart understands: "" or "0" (the whole message), "HEADER" and "TEXT" (the message's
 * headers, and its body), a part's Path (its body, undecoded: IMAP {@code BODY[path]}), and Path ".MIME" (the
 * part's own headers). Any other path gives an empty string, as IMAP gives for a part that does not exist.
 */
public final class ScannedMessage implements MessageAccess, Closeable {
    private final MessageSource source;
    private final MimeScan scan;
    private final MessageCursor cursor;

    private ScannedMessage(MessageSource source, MimeScan scan) {
        this.source = source;
        this.scan = scan;
        this.cursor = new MessageCursor(source);
    }

    public static ScannedMessage of(MessageSource source) throws IOException {
        return new ScannedMessage(source, MimeScanner.scan(source));
    }

    public MimeScan scan() {
        return scan;
    }

    public long size() {
        return scan.size();
    }

    /** A new MIME structure table, for ProcessMessage's {@code <message MIME structure>} argument. */
    public LuaTable structure() {
        return MimeTables.structure(scan);
    }

    /** A new attachments table, for ProcessMessage's {@code <attachments>} argument. */
    public LuaTable attachments() {
        return MimeTables.attachments(scan);
    }

    @Override
    public LuaString part(String path, int maxLength) throws IOException {
        Optional<long[]> range = range(path.trim());
        if (range.isEmpty()) {
            return LuaString.valueOf("");
        }
        long start = range.get()[0];
        long length = range.get()[1] - start;
        if (length > maxLength) {
            throw new IOException("part \"" + path + "\" is " + length + " bytes, over the string limit of " + maxLength
                    + "; read it with GetMessageLine");
        }
        try (InputStream in = RangeInputStream.open(source, start, start + length)) {
            return LuaString.valueUsing(in.readNBytes((int) length));
        }
    }

    @Override
    public void reset() {
        cursor.reset();
    }

    @Override
    public void seek(long offset) {
        cursor.seek(offset);
    }

    @Override
    public Lines lines(int count, int maxLength) throws IOException {
        return cursor.lines(count, maxLength);
    }

    @Override
    public boolean saveAttachment(int number, Path file) {
        if (number < 1 || number > scan.attachments().size()) {
            return false;
        }
        return AttachmentSaver.save(source, scan.attachments().get(number - 1), file);
    }

    @Override
    public void close() throws IOException {
        cursor.close();
    }

    /** Start and end offsets of what a GetMessagePart path names. */
    private Optional<long[]> range(String path) {
        String upper = path.toUpperCase(Locale.ROOT);
        switch (upper) {
            case "":
            case "0":
                return Optional.of(new long[] {0, scan.size()});
            case "HEADER":
                return Optional.of(new long[] {0, scan.headerEnd()});
            case "TEXT":
                return Optional.of(new long[] {scan.headerEnd(), scan.size()});
            default:
                if (upper.endsWith(".MIME")) {
                    return scan.part(path.substring(0, path.length() - ".MIME".length()))
                            .map(part -> new long[] {part.start(), part.bodyStart()});
                }
                return scan.part(path).map(part -> new long[] {part.bodyStart(), part.end()});
        }
    }
}
