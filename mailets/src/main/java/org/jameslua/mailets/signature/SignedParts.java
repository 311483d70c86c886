package org.jameslua.mailets.signature;

import java.io.IOException;
import java.io.UnsupportedEncodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import javax.mail.MessagingException;
import javax.mail.Multipart;
import javax.mail.Part;
import javax.mail.internet.ContentType;
import javax.mail.internet.MimePart;
import javax.mail.internet.MimeUtility;

/**
 * Adds signatures to a message: to its first text/plain and its first text/html body part, leaving every other
 * part, the structure and the charsets as they were. Attachments, forwarded messages (message/rfc822) and
 * signed or encrypted multiparts (which a change would break) are not looked into.
 *
 * <p>Works in two steps: {@link #plan} reads the message and works out every change without making any, so
 * that a part that cannot be read leaves the whole message untouched; {@link #apply} then makes them.
 */
public final class SignedParts {
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

    public static void apply(List<Edit> edits) throws MessagingException {
        Set<Container> containers = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Edit edit : edits) {
            edit.part().setContent(edit.text(), edit.contentType());
            if (edit.transferEncoding().isPresent()) {
                edit.part()
                        .setHeader(
                                "Content-Transfer-Encoding",
                                edit.transferEncoding().get());
            }
            containers.addAll(edit.containers());
        }
        List<Container> innermostFirst = new ArrayList<>(containers);
        innermostFirst.sort(Comparator.comparingInt(Container::depth).reversed());
        for (Container container : innermostFirst) {
            container.part().setContent(container.multipart());
        }
    }

    private void visit(Part part, List<Container> containers) throws MessagingException, IOException {
        if (Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())
                || part.isMimeType("multipart/signed")
                || part.isMimeType("multipart/encrypted")) {
            return;
        }
        if (part.isMimeType("multipart/*")) {
            Object content = part.getContent();
            if (content instanceof Multipart) {
                Multipart multipart = (Multipart) content;
                List<Container> inside = new ArrayList<>(containers);
                inside.add(new Container(part, multipart, containers.size()));
                for (int i = 0; i < multipart.getCount(); i++) {
                    visit(multipart.getBodyPart(i), List.copyOf(inside));
                }
            }
            return;
        }
        if (!plainSeen && part.isMimeType("text/plain")) {
            plainSeen = true;
            planSignature(part, Signatures.Format.PLAIN, containers);
        } else if (!htmlSeen && part.isMimeType("text/html")) {
            htmlSeen = true;
            planSignature(part, Signatures.Format.HTML, containers);
        }
    }

    private void planSignature(Part part, Signatures.Format format, List<Container> containers)
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
        if (format == Signatures.Format.PLAIN) {
            signed = SignatureText.appendPlain(text, signature.get());
            if (!encoder.canEncode(signed)) {
                type.setParameter("charset", "UTF-8");
            }
        } else {
            signed = SignatureText.insertHtml(text, SignatureText.encodableHtml(signature.get(), encoder));
        }
        edits.add(new Edit(part, signed, type.toString(), keptEncoding(part), containers));
    }

    /** The part's charset (US-ASCII when it names none), empty when Java does not know it. */
    private static Optional<Charset> charset(ContentType type) {
        String name = type.getParameter("charset");
        try {
            return Optional.of(Charset.forName(MimeUtility.javaCharset(name == null ? "us-ascii" : name)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * Base64 and quoted-printable carry any text, so a part that used one keeps it; for any other encoding
     * JavaMail picks one that fits the new text (plain 7bit text with an accented signature needs a new one).
     */
    private static Optional<String> keptEncoding(Part part) throws MessagingException {
        if (!(part instanceof MimePart) || ((MimePart) part).getEncoding() == null) {
            return Optional.empty();
        }
        MimePart mimePart = (MimePart) part;
        String encoding = mimePart.getEncoding().strip().toLowerCase(Locale.ROOT);
        return encoding.equals("base64") || encoding.equals("quoted-printable")
                ? Optional.of(encoding)
                : Optional.empty();
    }

    public static final class Edit {
        private final Part part;
        private final String text;
        private final String contentType;
        private final Optional<String> transferEncoding;
        private final List<Container> containers;

        Edit(
                Part part,
                String text,
                String contentType,
                Optional<String> transferEncoding,
                List<Container> containers) {
            this.part = part;
            this.text = text;
            this.contentType = contentType;
            this.transferEncoding = transferEncoding;
            this.containers = containers;
        }

        public Part part() {
            return part;
        }

        public String text() {
            return text;
        }

        public String contentType() {
            return contentType;
        }

        public Optional<String> transferEncoding() {
            return transferEncoding;
        }

        public List<Container> containers() {
            return containers;
        }

        @Override
        public boolean equals(Object other) {
            if (this == other) {
                return true;
            }
            if (!(other instanceof Edit)) {
                return false;
            }
            Edit that = (Edit) other;
            return Objects.equals(part, that.part)
                    && Objects.equals(text, that.text)
                    && Objects.equals(contentType, that.contentType)
                    && Objects.equals(transferEncoding, that.transferEncoding)
                    && Objects.equals(containers, that.containers);
        }

        @Override
        public int hashCode() {
            return Objects.hash(part, text, contentType, transferEncoding, containers);
        }

        @Override
        public String toString() {
            return "Edit[part=" + part + ", text=" + text + ", contentType=" + contentType + ", transferEncoding="
                    + transferEncoding + ", containers=" + containers + "]";
        }
    }

    static final class Container {
        private final Part part;
        private final Multipart multipart;
        private final int depth;

        Container(Part part, Multipart multipart, int depth) {
            this.part = part;
            this.multipart = multipart;
            this.depth = depth;
        }

        public Part part() {
            return part;
        }

        public Multipart multipart() {
            return multipart;
        }

        public int depth() {
            return depth;
        }

        @Override
        public boolean equals(Object other) {
            if (this == other) {
                return true;
            }
            if (!(other instanceof Container)) {
                return false;
            }
            Container that = (Container) other;
            return Objects.equals(part, that.part) && Objects.equals(multipart, that.multipart) && depth == that.depth;
        }

        @Override
        public int hashCode() {
            return Objects.hash(part, multipart, depth);
        }

        @Override
        public String toString() {
            return "Container[part=" + part + ", multipart=" + multipart + ", depth=" + depth + "]";
        }
    }
}
