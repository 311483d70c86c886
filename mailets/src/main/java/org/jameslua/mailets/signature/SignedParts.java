package org.jameslua.mailets.signature;

import java.io.IOException;
import java.io.UnsupportedEncodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.mail.MessagingException;
import javax.mail.Multipart;
import javax.mail.Part;
import javax.mail.internet.ContentType;
import javax.mail.internet.MimePart;
import javax.mail.internet.MimeUtility;

/**
 * Works out the signatures a message gets: in its first text/plain and its first text/html body part, leaving every
 * other part, the structure and the charsets as they were. Attachments, forwarded messages (message/rfc822) and
 * signed or encrypted multiparts (which a change would break) are not looked into.
 *
 * <p>{@link #plan} reads the message and works out every change without making any, so that a part that cannot be
 * read leaves the whole message untouched; {@link SignedMessageBytes} then writes them into the message's bytes.
 */
public final class SignedParts {
    /** RFC 5322's limit on a line, without its line end. */
    private static final int LONGEST_LINE = 998;

    private final Signatures signatures;
    private final List<Edit> edits = new ArrayList<>();
    private boolean plainSeen;
    private boolean htmlSeen;

    private SignedParts(Signatures signatures) {
        this.signatures = signatures;
    }

    public static List<Edit> plan(Part message, Signatures signatures) throws MessagingException, IOException {
        SignedParts walk = new SignedParts(signatures);
        walk.visit(message, List.of());
        return List.copyOf(walk.edits);
    }

    private void visit(Part part, List<Integer> path) throws MessagingException, IOException {
        if (Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())
                || part.isMimeType("multipart/signed")
                || part.isMimeType("multipart/encrypted")) {
            return;
        }
        if (part.isMimeType("multipart/*")) {
            Object content = part.getContent();
            if (content instanceof Multipart) {
                Multipart multipart = (Multipart) content;
                for (int i = 0; i < multipart.getCount(); i++) {
                    List<Integer> inside = new ArrayList<>(path);
                    inside.add(i);
                    visit(multipart.getBodyPart(i), List.copyOf(inside));
                }
            }
            return;
        }
        if (!plainSeen && part.isMimeType("text/plain")) {
            plainSeen = true;
            planSignature(part, Signatures.Format.PLAIN, path);
        } else if (!htmlSeen && part.isMimeType("text/html")) {
            htmlSeen = true;
            planSignature(part, Signatures.Format.HTML, path);
        }
    }

    private void planSignature(Part part, Signatures.Format format, List<Integer> path)
            throws MessagingException, IOException {
        Optional<String> signature = signatures.of(format);
        if (signature.isEmpty()) {
            return;
        }
        ContentType type = new ContentType(part.getContentType());
        Optional<Charset> charset = charset(type);
        Object content;
        try {
            content = part.getContent();
        } catch (UnsupportedEncodingException e) {
            return;
        }
        if (charset.isEmpty() || !(content instanceof String)) {
            return;
        }
        String text = (String) content;
        CharsetEncoder encoder = charset.get().newEncoder();
        String signed;
        Optional<String> newType = Optional.empty();
        Charset written = charset.get();
        if (format == Signatures.Format.PLAIN) {
            signed = SignatureText.appendPlain(text, signature.get(), !path.isEmpty());
            if (!encoder.canEncode(signed)) {
                type.setParameter("charset", "UTF-8");
                newType = Optional.of(type.toString());
                written = StandardCharsets.UTF_8;
            }
        } else {
            signed = SignatureText.insertHtml(text, SignatureText.encodableHtml(signature.get(), encoder));
        }
        byte[] bytes = SignatureText.crlf(signed).getBytes(written);
        edits.add(new Edit(path, bytes, newType, transferEncoding(part, bytes)));
    }

    /**
     * The part's charset (US-ASCII when it names none), empty when Java does not know it. Java's own name comes
     * first: JavaMail maps us-ascii to ISO-8859-1, which would let an accented signature into an ASCII part.
     */
    private static Optional<Charset> charset(ContentType type) {
        String name = type.getParameter("charset");
        String mimeName = name == null ? "us-ascii" : name.strip();
        try {
            return Optional.of(Charset.forName(mimeName));
        } catch (IllegalArgumentException e) {
            try {
                return Optional.of(Charset.forName(MimeUtility.javaCharset(mimeName)));
            } catch (IllegalArgumentException unknown) {
                return Optional.empty();
            }
        }
    }

    /**
     * The part's own encoding whenever it can carry the signed text: base64, quoted-printable and binary always,
     * 8bit with lines that fit, 7bit when the text is still ASCII with lines that fit. Otherwise (7bit text that
     * gained an accented signature, or an encoding JavaMail merely decodes) quoted-printable, which any relay carries.
     */
    private static String transferEncoding(Part part, byte[] text) throws MessagingException {
        String encoding = part instanceof MimePart && ((MimePart) part).getEncoding() != null
                ? ((MimePart) part).getEncoding().strip().toLowerCase(Locale.ROOT)
                : "7bit";
        switch (encoding) {
            case "base64":
            case "quoted-printable":
            case "binary":
                return encoding;
            case "8bit":
                return linesFit(text) ? encoding : "quoted-printable";
            case "7bit":
                return linesFit(text) && isAscii(text) ? encoding : "quoted-printable";
            default:
                return "quoted-printable";
        }
    }

    private static boolean linesFit(byte[] text) {
        int length = 0;
        for (byte b : text) {
            length = b == '\n' ? 0 : length + 1;
            if (length > LONGEST_LINE + 1) {
                return false;
            }
        }
        return true;
    }

    private static boolean isAscii(byte[] text) {
        for (byte b : text) {
            if (b <= 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * A signed part: where it is ({@code path}, the indexes of the body parts leading to it, empty for the message
     * itself), its new body ({@code text}, encoded in its charset with CRLF line ends, before any transfer encoding),
     * its new Content-Type when the charset had to change, and the transfer encoding to write the body in.
     */
    public static final class Edit {
        private final List<Integer> path;
        private final byte[] text;
        private final Optional<String> contentType;
        private final String transferEncoding;

        Edit(List<Integer> path, byte[] text, Optional<String> contentType, String transferEncoding) {
            this.path = path;
            this.text = text;
            this.contentType = contentType;
            this.transferEncoding = transferEncoding;
        }

        public List<Integer> path() {
            return path;
        }

        public byte[] text() {
            return text.clone();
        }

        public Optional<String> contentType() {
            return contentType;
        }

        public String transferEncoding() {
            return transferEncoding;
        }
    }
}
