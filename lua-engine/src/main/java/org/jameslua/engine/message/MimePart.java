package org.jameslua.engine.message;

/**
 * One entry of the MIME structure table ProcessMessage receives.
 *
 * @param path             IMAP-style section number ("1", "2.1")
 * @param contentType      lower-case main type, "text" when the part says nothing
 * @param contentSubtype   lower-case subtype, "plain" when the part says nothing
 * @param start            offset of the first byte of the part's MIME headers
 * @param bodyStart        offset of the first byte of its body, past the blank line that ends the headers
 * @param end              offset just past its body: the line break before the next boundary line belongs to
 *                         that boundary (RFC 2046), so it is not counted
 * @param transferEncoding lower-case Content-Transfer-Encoding, "" when absent
 */
public final class MimePart {
    private final String path;
    private final String contentType;
    private final String contentSubtype;
    private final String contentTypeFilename;
    private final String contentDisposition;
    private final String contentDispositionFilename;
    private final long start;
    private final long bodyStart;
    private final long end;
    private final String transferEncoding;

    public MimePart(
            String path,
            String contentType,
            String contentSubtype,
            String contentTypeFilename,
            String contentDisposition,
            String contentDispositionFilename,
            long start,
            long bodyStart,
            long end,
            String transferEncoding) {
        this.path = path;
        this.contentType = contentType;
        this.contentSubtype = contentSubtype;
        this.contentTypeFilename = contentTypeFilename;
        this.contentDisposition = contentDisposition;
        this.contentDispositionFilename = contentDispositionFilename;
        this.start = start;
        this.bodyStart = bodyStart;
        this.end = end;
        this.transferEncoding = transferEncoding;
    }

    public String mimeType() {
        return contentType + "/" + contentSubtype;
    }

    public String path() {
        return path;
    }

    public String contentType() {
        return contentType;
    }

    public String contentSubtype() {
        return contentSubtype;
    }

    public String contentTypeFilename() {
        return contentTypeFilename;
    }

    public String contentDisposition() {
        return contentDisposition;
    }

    public String contentDispositionFilename() {
        return contentDispositionFilename;
    }

    public long start() {
        return start;
    }

    public long bodyStart() {
        return bodyStart;
    }

    public long end() {
        return end;
    }

    public String transferEncoding() {
        return transferEncoding;
    }
}
