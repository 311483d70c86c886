package org.jameslua.engine.message;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.dom.field.ContentTypeField;
import org.apache.james.mime4j.field.ContentTypeFieldLenientImpl;
import org.apache.james.mime4j.stream.RawBody;
import org.apache.james.mime4j.stream.RawField;
import org.apache.james.mime4j.stream.RawFieldParser;

/**
 * What one header block says about its part, parsed leniently with mime4j: a field that cannot be parsed
 * counts as absent, never as an error.
 *
 * @param type              lower-case main type; absent means the default, unparseable means {@code text/plain}
 *                          (RFC 2045 section 5.2)
 * @param typeFilename      the Content-Type {@code name} parameter, RFC 2231 and RFC 2047 decoded, or ""
 * @param disposition       lower-case disposition type, or ""
 * @param dispositionFilename the Content-Disposition {@code filename}, RFC 2231 and RFC 2047 decoded, or ""
 * @param transferEncoding  lower-case Content-Transfer-Encoding token, or "" when absent
 * @param boundary          the multipart boundary as it appears in the message, or null
 * @param mime              whether the block has MIME-Version or Content-Type, i.e. the message is a MIME one
 */
final class ContentHeaders {
    private final String type;
    private final String subtype;
    private final String typeFilename;
    private final String disposition;
    private final String dispositionFilename;
    private final String transferEncoding;
    private final byte[] boundary;
    private final boolean mime;

    ContentHeaders(
            String type,
            String subtype,
            String typeFilename,
            String disposition,
            String dispositionFilename,
            String transferEncoding,
            byte[] boundary,
            boolean mime) {
        this.type = type;
        this.subtype = subtype;
        this.typeFilename = typeFilename;
        this.disposition = disposition;
        this.dispositionFilename = dispositionFilename;
        this.transferEncoding = transferEncoding;
        this.boundary = boundary;
        this.mime = mime;
    }

    static ContentHeaders parse(
            byte[] contentType,
            byte[] contentDisposition,
            byte[] transferEncoding,
            boolean mime,
            String defaultType,
            FileNameDecoder names) {
        String type;
        String subtype;
        String typeFilename = "";
        byte[] boundary = null;
        if (contentType == null) {
            int slash = defaultType.indexOf('/');
            type = defaultType.substring(0, slash);
            subtype = defaultType.substring(slash + 1);
        } else {
            Charset charset = HeaderText.charsetOf(contentType);
            RawField raw = new RawField("Content-Type", new String(contentType, charset));
            ContentTypeField field = ContentTypeFieldLenientImpl.PARSER.parse(raw, DecodeMonitor.SILENT);
            if (isToken(field.getMediaType()) && isToken(field.getSubType())) {
                type = field.getMediaType().toLowerCase(Locale.ROOT);
                subtype = field.getSubType().toLowerCase(Locale.ROOT);
            } else {
                type = "text";
                subtype = "plain";
            }
            String boundaryText = field.getBoundary();
            boundary = boundaryText == null || boundaryText.isEmpty() ? null : boundaryText.getBytes(charset);
            typeFilename =
                    names.parameter(RawFieldParser.DEFAULT.parseRawBody(raw).getParams(), "name");
        }
        String disposition = "";
        String dispositionFilename = "";
        if (contentDisposition != null) {
            RawBody body = RawFieldParser.DEFAULT.parseRawBody(new RawField(
                    "Content-Disposition", new String(contentDisposition, HeaderText.charsetOf(contentDisposition))));
            disposition = body.getValue() == null ? "" : body.getValue().trim().toLowerCase(Locale.ROOT);
            dispositionFilename = names.parameter(body.getParams(), "filename");
        }
        return new ContentHeaders(
                type, subtype, typeFilename, disposition, dispositionFilename, token(transferEncoding), boundary, mime);
    }

    boolean isMultipart() {
        return type.equals("multipart");
    }

    boolean isMessage() {
        return type.equals("message") && subtype.equals("rfc822");
    }

    boolean isText() {
        return type.equals("text");
    }

    /** The Content-Disposition file name, else the Content-Type name, else "". */
    String fileName() {
        return dispositionFilename.isEmpty() ? typeFilename : dispositionFilename;
    }

    /**
     * A part is an attachment when its disposition says so, when it is TNEF, or when a part that is not text
     * has a file name: mailers name the files they attach, while a named text part is usually shown inline.
     */
    boolean isAttachment() {
        return disposition.equals("attachment")
                || isTnef()
                || !isText() && !fileName().isEmpty();
    }

    /** Outlook's rich-text wrapper, by its type or by the name Outlook gives it. */
    boolean isTnef() {
        return type.equals("application") && (subtype.equals("ms-tnef") || subtype.equals("vnd.ms-tnef"))
                || fileName().toLowerCase(Locale.ROOT).equals("winmail.dat");
    }

    /** The transfer encodings that leave the body as it is, so it can be read as lines of the message. */
    boolean isIdentityEncoded() {
        switch (transferEncoding) {
            case "":
            case "7bit":
            case "8bit":
            case "binary":
                return true;
            default:
                return false;
        }
    }

    private static boolean isToken(String text) {
        return text != null && !text.isEmpty();
    }

    private static String token(byte[] field) {
        if (field == null) {
            return "";
        }
        String text = new String(field, StandardCharsets.ISO_8859_1).trim().toLowerCase(Locale.ROOT);
        int end = 0;
        while (end < text.length() && " \t;(".indexOf(text.charAt(end)) < 0) {
            end++;
        }
        return text.substring(0, end);
    }

    public String type() {
        return type;
    }

    public String subtype() {
        return subtype;
    }

    public String typeFilename() {
        return typeFilename;
    }

    public String disposition() {
        return disposition;
    }

    public String dispositionFilename() {
        return dispositionFilename;
    }

    public String transferEncoding() {
        return transferEncoding;
    }

    public byte[] boundary() {
        return boundary;
    }

    public boolean mime() {
        return mime;
    }
}
