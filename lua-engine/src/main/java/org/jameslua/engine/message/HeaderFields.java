package org.jameslua.engine.message;

import java.io.ByteArrayOutputStream;

/**
 * The fields of one header block that MIME structure depends on, unfolded, as the block streams past. Other
 * fields are skipped, so a huge header block costs no more than these; each is kept to its first
 * {@value #MAX_FIELD} bytes.
 */
final class HeaderFields {
    static final int MAX_FIELD = 16 * 1024;

    private ByteArrayOutputStream contentType;
    private ByteArrayOutputStream contentDisposition;
    private ByteArrayOutputStream transferEncoding;
    private boolean mimeVersion;
    private ByteArrayOutputStream current;

    /** Whether the line starts a header field: a name of printable characters, maybe blanks, then a colon. */
    static boolean isField(Line line) {
        int i = 0;
        while (i < line.headLength() && isNameChar(line.at(i))) {
            i++;
        }
        if (i == 0) {
            return false;
        }
        while (i < line.headLength() && isBlank(line.at(i))) {
            i++;
        }
        return i < line.headLength() && line.at(i) == ':';
    }

    static boolean isContinuation(Line line) {
        return line.headLength() > 0 && isBlank(line.at(0));
    }

    /** Starts a field; when the same field comes twice, the first one counts. */
    void field(Line line) {
        current = null;
        int i = 0;
        StringBuilder name = new StringBuilder();
        while (isNameChar(line.at(i))) {
            name.append(Character.toLowerCase((char) line.at(i++)));
        }
        switch (name.toString()) {
            case "content-type":
                if (contentType == null) {
                    current = contentType = new ByteArrayOutputStream();
                }
                break;
            case "content-disposition":
                if (contentDisposition == null) {
                    current = contentDisposition = new ByteArrayOutputStream();
                }
                break;
            case "content-transfer-encoding":
                if (transferEncoding == null) {
                    current = transferEncoding = new ByteArrayOutputStream();
                }
                break;
            case "mime-version":
                mimeVersion = true;
                break;
        }
        if (current != null) {
            while (line.at(i) != ':') {
                i++;
            }
            append(line, i + 1);
        }
    }

    /** A folded line continues the field before it; unfolding drops only the line break. */
    void continuation(Line line) {
        if (current != null) {
            append(line, 0);
        }
    }

    ContentHeaders parse(String defaultType, FileNameDecoder names) {
        return ContentHeaders.parse(
                bytes(contentType),
                bytes(contentDisposition),
                bytes(transferEncoding),
                mimeVersion || contentType != null,
                defaultType,
                names);
    }

    private void append(Line line, int from) {
        int room = MAX_FIELD - current.size();
        current.write(line.head(), from, Math.max(0, Math.min(room, line.headLength() - from)));
    }

    private static boolean isNameChar(int c) {
        return c >= 33 && c <= 126 && c != ':';
    }

    private static boolean isBlank(int c) {
        return c == ' ' || c == '\t';
    }

    private static byte[] bytes(ByteArrayOutputStream field) {
        return field == null ? null : field.toByteArray();
    }
}
