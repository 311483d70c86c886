package org.jameslua.engine.message;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Finds the MIME structure and the attachments of a message in one pass over its bytes. Memory grows with the
 * number of parts, never with the size of the message or of its lines.
 *
 * <p>Paths are IMAP section numbers (RFC 3501). The body of a single-part message is "1". A multipart that is
 * the body of a message (the message itself, or a message/rfc822 part) has no section number of its own and is
 * not listed; its children are "1", "2", ... under the message. A multipart nested in a multipart is listed
 * ("2") and its children are "2.1", "2.2". A message/rfc822 part is listed ("3"), and the message inside it is
 * numbered like a message under that path: "3.1" is its body, or the first part of its multipart body. The
 * headers of a message's single body part are the message's own headers, so "1" of a single-part message
 * starts at offset 0.
 *
 * <p>Malformed messages are read leniently: a multipart whose boundary is missing or never appears keeps its
 * content as one part (listed as the message's "1" when it is the message body); a part the close delimiter
 * never ends ends with the message or with an enclosing boundary; a header line that is no header field ends
 * the headers and starts the body. Containers nested deeper than {@value #MAX_NESTING} levels, and parts past
 * the first {@value #MAX_PARTS}, are not looked into; attachments past the first {@value #MAX_ATTACHMENTS} are
 * not listed.
 */
public final class MimeScanner {
    static final int MAX_NESTING = 32;
    static final int MAX_PARTS = 10_000;
    static final int MAX_ATTACHMENTS = 10_000;
    private static final int MAX_BOUNDARY = 998;

    private enum State {
        HEADERS,
        LEAF,
        PREAMBLE,
        IN_PART,
        EPILOGUE,
        MESSAGE
    }

    private final List<Entity> open = new ArrayList<>();
    private final List<PartDraft> parts = new ArrayList<>();
    private final List<AttachmentDraft> attachments = new ArrayList<>();
    private final Base64Counter counter = new Base64Counter();
    private final FileNameDecoder names = new FileNameDecoder();
    private boolean mime;
    private String subject = "";
    private long headerEnd;
    private int listed;
    private int previousEol;
    private boolean closing;

    private MimeScanner() {}

    public static MimeScan scan(MessageSource source) throws IOException {
        try (InputStream in = source.open()) {
            return new MimeScanner().run(new LineInput(in, source.size()));
        }
    }

    private MimeScan run(LineInput input) throws IOException {
        Line line = new Line();
        open.add(new Entity(0, 0, "", null, "text/plain"));
        while (input.next(line, countsBase64() ? counter : LineInput.IGNORE)) {
            accept(line);
            previousEol = line.eol();
            counter.reset();
        }
        long size = input.position();
        closeAbove(-1, size);
        return result(size);
    }

    /**
     * Whether the next line's base64 characters may be wanted: it goes to the innermost open entity, as a body line
     * of a base64 leaf, or to its headers, which may end without an empty line and make it the body's first line.
     * The other lines, most of a message's bytes, are not looked at byte by byte.
     */
    private boolean countsBase64() {
        Entity entity = open.get(open.size() - 1);
        return entity.state == State.HEADERS || entity.state == State.LEAF && entity.base64 && !entity.base64Padded;
    }

    private void accept(Line line) {
        int index = boundaryOwner(line);
        if (index < 0) {
            deliver(line);
            return;
        }
        closeAbove(index, line.start() - previousEol);
        Entity multipart = open.get(index);
        if (closing) {
            multipart.state = State.EPILOGUE;
        } else {
            multipart.state = State.IN_PART;
            multipart.children++;
            open.add(new Entity(
                    line.end(),
                    multipart.depth + 1,
                    null,
                    join(multipart.childPrefix, Integer.toString(multipart.children)),
                    multipart.childDefaultType));
        }
    }

    private void deliver(Line line) {
        Entity entity = open.get(open.size() - 1);
        switch (entity.state) {
            case HEADERS:
                headerLine(entity, line);
                break;
            case LEAF:
                entity.bodyLine(line, counter);
                break;
        }
    }

    private void headerLine(Entity entity, Line line) {
        if (line.isEmpty()) {
            endHeaders(entity, line.end(), true);
        } else if (HeaderFields.isContinuation(line)) {
            entity.headers.continuation(line);
        } else if (HeaderFields.isField(line)) {
            entity.headers.field(line);
        } else {
            endHeaders(entity, line.start(), true);
            accept(line);
        }
    }

    /**
     * Decides what the entity is from its headers. {@code mayNest} is false when the entity ends before its
     * headers did, so it has no body to look into.
     */
    private void endHeaders(Entity entity, long bodyStart, boolean mayNest) {
        ContentHeaders headers = entity.headers.parse(entity.defaultType, names);
        if (entity.depth == 0) {
            mime = headers.mime();
            subject = entity.headers.subject(names);
            headerEnd = bodyStart;
        }
        entity.headers = null;
        String path = entity.partPath != null ? entity.partPath : join(entity.messagePath, "1");
        entity.part = listed < MAX_PARTS ? new PartDraft(path, headers, entity.start, bodyStart) : null;
        if (entity.part != null) {
            parts.add(entity.part);
        }
        nest(entity, headers, path, bodyStart, mayNest);
        if (entity.part != null && !entity.part.provisional) {
            listed++;
        }
    }

    private void nest(Entity entity, ContentHeaders headers, String path, long bodyStart, boolean mayNest) {
        boolean nest = mayNest && entity.part != null && entity.depth < MAX_NESTING;
        if (nest && headers.isMultipart() && headers.boundary() != null && headers.boundary().length <= MAX_BOUNDARY) {
            entity.state = State.PREAMBLE;
            entity.boundary = headers.boundary();
            entity.childPrefix = entity.partPath != null ? entity.partPath : entity.messagePath;
            entity.childDefaultType = headers.subtype().equals("digest") ? "message/rfc822" : "text/plain";
            entity.part.provisional = entity.partPath == null;
        } else if (nest && headers.isMessage() && headers.isIdentityEncoded()) {
            entity.state = State.MESSAGE;
            addIfAttachment(entity.part, headers);
            open.add(new Entity(bodyStart, entity.depth + 1, path, null, "text/plain"));
        } else {
            entity.state = State.LEAF;
            if (entity.part != null) {
                leaf(entity, headers);
            }
        }
    }

    private void leaf(Entity entity, ContentHeaders headers) {
        PartDraft part = entity.part;
        entity.base64 = headers.transferEncoding().equals("base64");
        addIfAttachment(part, headers);
        if (headers.isText() && headers.isIdentityEncoded()) {
            entity.text = new TextBlockFinder(block -> addAttachment(
                    new AttachmentDraft(part, block, (mime ? "MIME" : "") + (block.binHex() ? "BINHEX" : "UUE"))));
        }
    }

    private void addIfAttachment(PartDraft part, ContentHeaders headers) {
        if (headers.isAttachment()) {
            addAttachment(new AttachmentDraft(
                    part,
                    headers.fileName(),
                    headers.type() + "/" + headers.subtype(),
                    headers.isTnef() ? "TNEF" : "MIME",
                    Encoding.of(headers.transferEncoding())));
        }
    }

    private void addAttachment(AttachmentDraft attachment) {
        if (attachments.size() < MAX_ATTACHMENTS) {
            attachments.add(attachment);
        }
    }

    /** Index in {@link #open} of the multipart whose boundary the line is, or -1; sets {@link #closing}. */
    private int boundaryOwner(Line line) {
        if (!line.isWhole() || !line.startsWith("--")) {
            return -1;
        }
        for (int i = open.size() - 1; i >= 0; i--) {
            Entity entity = open.get(i);
            if ((entity.state == State.PREAMBLE || entity.state == State.IN_PART)
                    && isBoundary(line, entity.boundary)) {
                return i;
            }
        }
        return -1;
    }

    private boolean isBoundary(Line line, byte[] boundary) {
        int length = 2 + boundary.length;
        if (line.headLength() < length || !Arrays.equals(line.head(), 2, length, boundary, 0, boundary.length)) {
            return false;
        }
        closing = line.headLength() >= length + 2 && line.at(length) == '-' && line.at(length + 1) == '-';
        for (int i = closing ? length + 2 : length; i < line.headLength(); i++) {
            if (line.at(i) != ' ' && line.at(i) != '\t') {
                return false;
            }
        }
        return true;
    }

    /** Ends every entity above {@code index} at {@code end}, innermost first. */
    private void closeAbove(int index, long end) {
        while (open.size() - 1 > index) {
            Entity entity = open.remove(open.size() - 1);
            if (entity.state == State.HEADERS) {
                endHeaders(entity, Math.max(entity.start, end), false);
            }
            entity.close(end);
        }
    }

    private MimeScan result(long size) {
        List<MimePart> listed = new ArrayList<>();
        for (PartDraft part : parts) {
            if (!part.dropped) {
                part.index = listed.size() + 1;
                listed.add(part.build());
            }
        }
        List<Attachment> found =
                attachments.stream().map(AttachmentDraft::build).collect(Collectors.toUnmodifiableList());
        return new MimeScan(size, headerEnd, mime, subject, listed, found);
    }

    private static String join(String prefix, String number) {
        return prefix.isEmpty() ? number : prefix + "." + number;
    }

    /** A part being read: a message, or a part of a multipart. */
    private static final class Entity {
        final long start;
        final int depth;
        final String messagePath;
        final String partPath;
        final String defaultType;
        HeaderFields headers = new HeaderFields();
        State state = State.HEADERS;
        PartDraft part;
        byte[] boundary;
        String childPrefix;
        String childDefaultType;
        int children;
        boolean base64;
        long base64Chars;
        boolean base64Padded;
        TextBlockFinder text;

        /** Exactly one of {@code messagePath} (a message's top entity) and {@code partPath} is set. */
        Entity(long start, int depth, String messagePath, String partPath, String defaultType) {
            this.start = start;
            this.depth = depth;
            this.messagePath = messagePath;
            this.partPath = partPath;
            this.defaultType = defaultType;
        }

        void bodyLine(Line line, Base64Counter counter) {
            if (base64 && !base64Padded) {
                base64Chars += counter.chars();
                base64Padded = counter.padded();
            }
            if (text != null) {
                text.line(line);
            }
        }

        void close(long end) {
            if (part == null) {
                return;
            }
            part.end = Math.max(part.bodyStart, end);
            part.decodedSize = base64 ? Base64Counter.decodedSize(base64Chars, base64Padded) : -1;
            part.dropped = part.provisional && children > 0;
        }
    }

    /** A structure entry whose end is not known yet. */
    private static final class PartDraft {
        final String path;
        final ContentHeaders headers;
        final long start;
        final long bodyStart;
        long end;
        long decodedSize = -1;
        boolean provisional;
        boolean dropped;
        int index;

        PartDraft(String path, ContentHeaders headers, long start, long bodyStart) {
            this.path = path;
            this.headers = headers;
            this.start = start;
            this.bodyStart = bodyStart;
        }

        MimePart build() {
            return new MimePart(
                    path,
                    headers.type(),
                    headers.subtype(),
                    headers.typeFilename(),
                    headers.disposition(),
                    headers.dispositionFilename(),
                    start,
                    bodyStart,
                    end,
                    headers.transferEncoding());
        }
    }

    private static final class AttachmentDraft {
        final PartDraft part;
        final String name;
        final String mimeType;
        final String type;
        final Encoding encoding;
        final TextBlock block;

        AttachmentDraft(PartDraft part, String name, String mimeType, String type, Encoding encoding) {
            this.part = part;
            this.name = name;
            this.mimeType = mimeType;
            this.type = type;
            this.encoding = encoding;
            this.block = null;
        }

        AttachmentDraft(PartDraft part, TextBlock block, String type) {
            this.part = part;
            this.name = block.name();
            this.mimeType = block.binHex() ? "application/mac-binhex40" : "application/octet-stream";
            this.type = type;
            this.encoding = block.binHex() ? Encoding.NONE : Encoding.UUENCODE;
            this.block = block;
        }

        Attachment build() {
            if (block != null) {
                return new Attachment(
                        part.index, name, mimeType, block.size(), type, block.start(), block.end(), encoding);
            }
            long size = part.decodedSize >= 0 ? part.decodedSize : part.end - part.bodyStart;
            return new Attachment(part.index, name, mimeType, size, type, part.bodyStart, part.end, encoding);
        }
    }
}
