package org.jameslua.engine.message;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The fields of one header block that MIME structure depends on, unfolded, as the block streams past. Other
 * fields are skipped, so a huge header block costs no more than these; each is kept to its first
 * {@value #MAX_FIELD} bytes.
 */
final class HeaderFields {
    static final int MAX_FIELD = 16 * 1024;
    private static final byte[] CONTENT_TYPE = name("content-type");
    private static final byte[] CONTENT_DISPOSITION = name("content-disposition");
    private static final byte[] CONTENT_TRANSFER_ENCODING = name("content-transfer-encoding");
    private static final byte[] SUBJECT = name("subject");
    private static final byte[] MIME_VERSION = name("mime-version");

    private ByteArrayOutputStream contentType;
    private ByteArrayOutputStream contentDisposition;
    private ByteArrayOutputStream transferEncoding;
    private ByteArrayOutputStream subject;
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
        if (isNamed(line, CONTENT_TYPE)) {
            if (contentType == null) {
                current = contentType = new ByteArrayOutputStream();
            }
        } else if (isNamed(line, CONTENT_DISPOSITION)) {
            if (contentDisposition == null) {
                current = contentDisposition = new ByteArrayOutputStream();
            }
        } else if (isNamed(line, CONTENT_TRANSFER_ENCODING)) {
            if (transferEncoding == null) {
                current = transferEncoding = new ByteArrayOutputStream();
            }
        } else if (isNamed(line, SUBJECT)) {
            if (subject == null) {
                current = subject = new ByteArrayOutputStream();
            }
        } else if (isNamed(line, MIME_VERSION)) {
            mimeVersion = true;
        }
        if (current != null) {
            int i = 0;
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

    /**
     * The Subject, unfolded, its RFC 2047 encoded words decoded, as javax.mail's {@code getSubject} gives it; ""
     * when there is none.
     */
    String subject(FileNameDecoder words) {
        if (subject == null) {
            return "";
        }
        return words.words(HeaderText.of(subject.toByteArray()).stripLeading());
    }

    private void append(Line line, int from) {
        int room = MAX_FIELD - current.size();
        current.write(line.head(), from, Math.max(0, Math.min(room, line.headLength() - from)));
    }

    /** Whether the field's name is {@code name} (lower case), in any case; compared in place, as every line passes. */
    private static boolean isNamed(Line line, byte[] name) {
        if (line.headLength() <= name.length || !isNameEnd(line.at(name.length))) {
            return false;
        }
        for (int i = 0; i < name.length; i++) {
            int c = line.at(i);
            if ((c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c) != name[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean isNameEnd(int c) {
        return !isNameChar(c);
    }

    private static byte[] name(String name) {
        return name.getBytes(StandardCharsets.US_ASCII);
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
