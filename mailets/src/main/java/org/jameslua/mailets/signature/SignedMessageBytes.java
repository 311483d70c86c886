package org.jameslua.mailets.signature;

import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.mail.MessagingException;
import javax.mail.internet.ContentType;
import javax.mail.internet.MimeUtility;
import javax.mail.internet.ParseException;

/**
 * Writes {@link SignedParts}' edits into a message's bytes: each signed part gets its new body, and its Content-Type
 * and Content-Transfer-Encoding fields are rewritten in place only when their values change; every other byte (the
 * message's header with its order and folding, the other parts, the preamble and epilogue of each multipart) is
 * copied as it is. javax.mail's saveChanges would instead re-serialise the whole message and add MIME-Version,
 * Message-ID and Date.
 *
 * <p>MIME-Version is added to the message's header only when a Content-Type or Content-Transfer-Encoding field there
 * was changed or added and the sender sent none: readers ignore those fields without it.
 */
public final class SignedMessageBytes {
    private static final byte[] CRLF = {'\r', '\n'};

    private SignedMessageBytes() {}

    /**
     * {@code message} with the edits made.
     *
     * @throws IOException when a part an edit names is not where javax.mail found it (a structure this byte reading
     *     and javax.mail's see differently), so the caller can pass the message on unchanged
     */
    public static byte[] write(byte[] message, List<SignedParts.Edit> edits) throws IOException {
        List<Splice> splices = new ArrayList<>();
        for (SignedParts.Edit edit : edits) {
            RawPart part = find(RawPart.of(message, 0, message.length), edit.path());
            byte[] rewritten = rewritten(part, edit, edit.path().isEmpty());
            splices.add(new Splice(part.start, part.end, rewritten, part.endsAtDelimiterWithoutLineEnd()));
        }
        splices.sort(Comparator.comparingInt(Splice::start));
        ByteArrayOutputStream out = new ByteArrayOutputStream(message.length + 256);
        int at = 0;
        for (Splice splice : splices) {
            out.write(message, at, splice.start - at);
            out.write(splice.bytes);
            if (splice.lineEndAfter) {
                // the delimiter must start a line of its own, which the new body may not end
                out.write(CRLF);
            }
            at = splice.end;
        }
        out.write(message, at, message.length - at);
        return out.toByteArray();
    }

    private static RawPart find(RawPart part, List<Integer> path) throws IOException {
        RawPart found = part;
        for (int index : path) {
            found = found.bodyPart(index);
        }
        return found;
    }

    /**
     * The part with its new body. Of each of Content-Type and Content-Transfer-Encoding the first field is the one
     * readers take: that one is replaced where its value changes (or the field added at the header's end where the
     * part had none); any other field, duplicates included, is copied as it is.
     */
    private static byte[] rewritten(RawPart part, SignedParts.Edit edit, boolean isMessage) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Optional<String> type = edit.contentType();
        String encoding = edit.transferEncoding();
        boolean typeSeen = false;
        boolean encodingSeen = false;
        boolean changed = false;
        boolean hasMimeVersion = false;
        for (RawPart.Field field : part.fields()) {
            if (!typeSeen && field.named("content-type")) {
                typeSeen = true;
                changed |= writeOrKeep(out, field, "Content-Type", type);
            } else if (!encodingSeen && field.named("content-transfer-encoding")) {
                encodingSeen = true;
                Optional<String> newEncoding =
                        field.value().equalsIgnoreCase(encoding) ? Optional.empty() : Optional.of(encoding);
                changed |= writeOrKeep(out, field, "Content-Transfer-Encoding", newEncoding);
            } else {
                hasMimeVersion |= field.named("mime-version");
                field.writeTo(out);
            }
        }
        if (!typeSeen && type.isPresent()) {
            writeField(out, "Content-Type", type.get());
            changed = true;
        }
        if (!encodingSeen && !encoding.equals("7bit")) {
            writeField(out, "Content-Transfer-Encoding", encoding);
            changed = true;
        }
        if (isMessage && changed && !hasMimeVersion) {
            writeField(out, "MIME-Version", "1.0");
        }
        out.write(part.separator());
        try (OutputStream body = MimeUtility.encode(new Unclosed(out), encoding)) {
            body.write(edit.text());
        } catch (MessagingException e) {
            throw new IOException("cannot write a body in " + encoding, e);
        }
        return out.toByteArray();
    }

    /** Writes the field with {@code value} when there is one, else as it was; answers whether it changed. */
    private static boolean writeOrKeep(
            ByteArrayOutputStream out, RawPart.Field field, String name, Optional<String> value) throws IOException {
        if (value.isEmpty()) {
            field.writeTo(out);
            return false;
        }
        writeField(out, name, value.get());
        return true;
    }

    private static void writeField(ByteArrayOutputStream out, String name, String value) throws IOException {
        String unfolded = MimeUtility.unfold(value);
        out.write(MimeUtility.fold(0, name + ": " + unfolded).getBytes(StandardCharsets.US_ASCII));
        out.write(CRLF);
    }

    private static final class Splice {
        private final int start;
        private final int end;
        private final byte[] bytes;
        private final boolean lineEndAfter;

        Splice(int start, int end, byte[] bytes, boolean lineEndAfter) {
            this.start = start;
            this.end = end;
            this.bytes = bytes;
            this.lineEndAfter = lineEndAfter;
        }

        int start() {
            return start;
        }
    }

    /** Lets an encoder flush its last bytes on close without closing the buffer under it. */
    private static final class Unclosed extends FilterOutputStream {
        Unclosed(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            out.write(bytes, offset, length);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }

    /**
     * A message or body part in a message's bytes: {@code [start, end)}, header, empty line, body. Its multipart
     * delimiters are found as javax.mail's MimeMultipart finds them, the reading {@link SignedParts} chose the parts
     * by: a part written where javax.mail reads another would put a signature in the wrong place or write a part's
     * text twice.
     */
    static final class RawPart {
        private final byte[] bytes;
        private final int start;
        private final int end;
        /** Where the empty line that ends the header starts ({@code end} when there is none). */
        private final int headerEnd;
        /** Where the body starts, after that empty line. */
        private final int bodyStart;

        private RawPart(byte[] bytes, int start, int end, int headerEnd, int bodyStart) {
            this.bytes = bytes;
            this.start = start;
            this.end = end;
            this.headerEnd = headerEnd;
            this.bodyStart = bodyStart;
        }

        static RawPart of(byte[] bytes, int start, int end) {
            Lines lines = new Lines(bytes, end);
            int at = start;
            while (at < end) {
                int next = lines.next(at);
                if (lines.isEmpty(at)) {
                    return new RawPart(bytes, start, end, at, next);
                }
                at = next;
            }
            return new RawPart(bytes, start, end, end, end);
        }

        /**
         * Whether a delimiter follows this part's header directly, with no body and no line end before it (the line
         * end before a delimiter is the delimiter's).
         */
        boolean endsAtDelimiterWithoutLineEnd() {
            return end < bytes.length && bytes[end] != '\n' && bytes[end] != '\r';
        }

        byte[] separator() {
            byte[] line = new byte[bodyStart - headerEnd];
            System.arraycopy(bytes, headerEnd, line, 0, line.length);
            return line.length == 0 ? CRLF : line;
        }

        List<Field> fields() {
            Lines lines = new Lines(bytes, headerEnd);
            List<Field> fields = new ArrayList<>();
            int at = start;
            while (at < headerEnd) {
                int fieldEnd = lines.next(at);
                while (fieldEnd < headerEnd && (bytes[fieldEnd] == ' ' || bytes[fieldEnd] == '\t')) {
                    fieldEnd = lines.next(fieldEnd);
                }
                fields.add(new Field(bytes, at, fieldEnd));
                at = fieldEnd;
            }
            return fields;
        }

        /**
         * The {@code index}th body part of this multipart, as javax.mail's MimeMultipart splits it: the preamble's
         * lines up to one that is the delimiter (trailing spaces and tabs aside); then for each part its header lines
         * up to an empty one (a part without one is no part), and its body up to the delimiter at the body's start or
         * after a line end (which belongs to the delimiter), followed by {@code --} (the last part; anything after
         * it is the epilogue) or by spaces and tabs up to a line end. A part without a delimiter after it runs to
         * the end.
         */
        RawPart bodyPart(int index) throws IOException {
            String boundary = boundary();
            byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
            Lines lines = new Lines(bytes, end);
            int at = afterFirstDelimiter(lines, delimiter);
            for (int count = 0; ; count++) {
                int partStart = at;
                int body = afterHeader(lines, partStart);
                if (body < 0) {
                    break;
                }
                Delimiter next = nextDelimiter(body, delimiter);
                if (count == index) {
                    return RawPart.of(bytes, partStart, next == null ? end : next.partEnd);
                }
                if (next == null || next.closes) {
                    break;
                }
                at = next.nextPart;
            }
            throw new IOException("body part " + index + " of a multipart with boundary " + boundary + " not found");
        }

        private int afterFirstDelimiter(Lines lines, byte[] delimiter) throws IOException {
            int at = bodyStart;
            while (at < end) {
                int next = lines.next(at);
                int textEnd = lines.textEnd(at);
                while (textEnd > at && (bytes[textEnd - 1] == ' ' || bytes[textEnd - 1] == '\t')) {
                    textEnd--;
                }
                if (textEnd - at >= delimiter.length && startsWith(at, delimiter)) {
                    int rest = textEnd - at - delimiter.length;
                    if (rest == 0) {
                        return next;
                    }
                    if (rest == 2 && bytes[textEnd - 2] == '-' && bytes[textEnd - 1] == '-') {
                        break;
                    }
                }
                at = next;
            }
            throw new IOException("a multipart without parts");
        }

        /** Where the body of the part starting at {@code at} starts; -1 when its header does not end. */
        private int afterHeader(Lines lines, int at) {
            int line = at;
            while (line < end) {
                int next = lines.next(line);
                if (lines.isEmpty(line)) {
                    return next;
                }
                line = next;
            }
            return -1;
        }

        private Delimiter nextDelimiter(int body, byte[] delimiter) {
            // only the body's start and a line's start can hold a delimiter: each byte is compared with it once at
            // most, however many of the delimiter's bytes a body (of dashes, say) repeats
            for (int at = body; at + delimiter.length <= end; at++) {
                int lineEnd = 0;
                if (at > body) {
                    byte before = bytes[at - 1];
                    if (before == '\n') {
                        lineEnd = at - 2 >= body && bytes[at - 2] == '\r' ? 2 : 1;
                    } else if (before == '\r') {
                        lineEnd = 1;
                    } else {
                        continue;
                    }
                }
                if (!startsWith(at, delimiter)) {
                    continue;
                }
                int rest = at + delimiter.length;
                if (rest + 1 < end && bytes[rest] == '-' && bytes[rest + 1] == '-') {
                    return new Delimiter(at - lineEnd, end, true);
                }
                while (rest < end && (bytes[rest] == ' ' || bytes[rest] == '\t')) {
                    rest++;
                }
                if (rest < end && bytes[rest] == '\n') {
                    return new Delimiter(at - lineEnd, rest + 1, false);
                }
                if (rest < end && bytes[rest] == '\r') {
                    return new Delimiter(
                            at - lineEnd, rest + 1 < end && bytes[rest + 1] == '\n' ? rest + 2 : rest + 1, false);
                }
            }
            return null;
        }

        private boolean startsWith(int at, byte[] prefix) {
            for (int i = 0; i < prefix.length; i++) {
                if (bytes[at + i] != prefix[i]) {
                    return false;
                }
            }
            return true;
        }

        /**
         * The boundary of the first Content-Type field, the one javax.mail reads. Where that field has none,
         * javax.mail takes the first line starting with {@code --} for the delimiter (even when a later Content-Type
         * names a boundary): such a multipart is refused rather than read another way.
         */
        private String boundary() throws IOException {
            for (Field field : fields()) {
                if (field.named("content-type")) {
                    String boundary;
                    try {
                        boundary = new ContentType(MimeUtility.unfold(field.value())).getParameter("boundary");
                    } catch (ParseException e) {
                        throw new IOException("unreadable Content-Type: " + field.value(), e);
                    }
                    if (boundary == null) {
                        break;
                    }
                    return boundary;
                }
            }
            throw new IOException("a multipart without a boundary");
        }

        /** A delimiter line found: where the part before it ends, where the next starts, whether it is the last. */
        private static final class Delimiter {
            private final int partEnd;
            private final int nextPart;
            private final boolean closes;

            Delimiter(int partEnd, int nextPart, boolean closes) {
                this.partEnd = partEnd;
                this.nextPart = nextPart;
                this.closes = closes;
            }
        }

        /**
         * Lines as javax.mail's LineInputStream reads header and preamble lines: ended by LF, CR LF, CR CR LF (one
         * line end, as some mailers wrote it) or a CR alone.
         */
        private static final class Lines {
            private final byte[] bytes;
            private final int end;

            Lines(byte[] bytes, int end) {
                this.bytes = bytes;
                this.end = end;
            }

            /** Where the line starting at {@code at} ends, its line end excluded. */
            int textEnd(int at) {
                for (int i = at; i < end; i++) {
                    if (bytes[i] == '\n' || bytes[i] == '\r') {
                        return i;
                    }
                }
                return end;
            }

            /** Where the line after the one starting at {@code at} starts (or the end). */
            int next(int at) {
                int textEnd = textEnd(at);
                if (textEnd == end || bytes[textEnd] == '\n') {
                    return Math.min(textEnd + 1, end);
                }
                if (is(textEnd + 1, '\n')) {
                    return textEnd + 2;
                }
                return is(textEnd + 1, '\r') && is(textEnd + 2, '\n') ? textEnd + 3 : textEnd + 1;
            }

            boolean isEmpty(int at) {
                return at < end && textEnd(at) == at;
            }

            private boolean is(int at, char c) {
                return at < end && bytes[at] == c;
            }
        }

        /** One header field, its folded lines and line end included. */
        static final class Field {
            private final byte[] bytes;
            private final int start;
            private final int end;

            Field(byte[] bytes, int start, int end) {
                this.bytes = bytes;
                this.start = start;
                this.end = end;
            }

            boolean named(String lowerCaseName) {
                String text = new String(bytes, start, end - start, StandardCharsets.ISO_8859_1);
                int colon = text.indexOf(':');
                return colon >= 0
                        && text.substring(0, colon)
                                .strip()
                                .toLowerCase(Locale.ROOT)
                                .equals(lowerCaseName);
            }

            String value() {
                String text = new String(bytes, start, end - start, StandardCharsets.ISO_8859_1);
                return text.substring(text.indexOf(':') + 1).strip();
            }

            void writeTo(ByteArrayOutputStream out) {
                out.write(bytes, start, end - start);
            }
        }
    }
}
