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
public record MimePart(String path, String contentType, String contentSubtype, String contentTypeFilename,
                       String contentDisposition, String contentDispositionFilename, long start, long bodyStart,
                       long end, String transferEncoding) {

    public String mimeType() {
        return contentType + "/" + contentSubtype;
    }
}
