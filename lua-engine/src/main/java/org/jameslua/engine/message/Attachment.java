package org.jameslua.engine.message;

/**
 * One entry of the attachments table ProcessMessage receives, and where its content lies.
 *
 * @param mimeSection 1-based index, in the MIME structure table, of the part the attachment is in
 * @param size        bytes SaveAttachment writes when the scan knows them (base64 parts, uuencoded blocks,
 *                    content saved as it is); for quoted-printable and x-uuencode parts, the encoded size
 * @param type        "MIME", "TNEF", "UUE", "MIMEUUE", "BINHEX" or "MIMEBINHEX"
 * @param start       offset of the first byte of the content as it lies in the message
 * @param end         offset just past it
 * @param encoding    how SaveAttachment decodes the content
 */
public final class Attachment {
    private final int mimeSection;
    private final String name;
    private final String mimeType;
    private final long size;
    private final String type;
    private final long start;
    private final long end;
    private final Encoding encoding;

    public Attachment(
            int mimeSection,
            String name,
            String mimeType,
            long size,
            String type,
            long start,
            long end,
            Encoding encoding) {
        this.mimeSection = mimeSection;
        this.name = name;
        this.mimeType = mimeType;
        this.size = size;
        this.type = type;
        this.start = start;
        this.end = end;
        this.encoding = encoding;
    }

    public int mimeSection() {
        return mimeSection;
    }

    public String name() {
        return name;
    }

    public String mimeType() {
        return mimeType;
    }

    public long size() {
        return size;
    }

    public String type() {
        return type;
    }

    public long start() {
        return start;
    }

    public long end() {
        return end;
    }

    public Encoding encoding() {
        return encoding;
    }
}
