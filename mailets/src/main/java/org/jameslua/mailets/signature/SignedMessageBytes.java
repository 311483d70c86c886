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
            RawPart part = find(new RawPart(message, 0, message.length), edit.path());
            splices.add(new Splice(
                    part.start, part.end, rewritten(part, edit, edit.path().isEmpty())));
        }
        splices.sort(Comparator.comparingInt(Splice::start));
        ByteArrayOutputStream out = new ByteArrayOutputStream(message.length + 256);
        int at = 0;
        for (Splice splice : splices) {
            out.write(message, at, splice.start - at);
            out.write(splice.bytes);
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

        Splice(int start, int end, byte[] bytes) {
            this.start = start;
            this.end = end;
            this.bytes = bytes;
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

    /** A message or body part in a message's bytes: {@code [start, end)}, header, empty line, body. */
    static final class RawPart {
        private final byte[] bytes;
        private final int start;
        private final int end;
        /** Where the empty line that ends the header starts ({@code end} when there is none). */
        private final int headerEnd;
        /** Where the body starts, after that empty line. */
        private final int bodyStart;

        RawPart(byte[] bytes, int start, int end) {
            this.bytes = bytes;
            this.start = start;
            this.end = end;
            int at = start;
            int emptyLine = end;
            int body = end;
            while (at < end) {
                int next = lineEnd(at);
                if (next - at == 1 || next - at == 2 && bytes[at] == '\r') {
                    emptyLine = at;
                    body = next;
                    break;
                }
                at = next;
            }
            this.headerEnd = emptyLine;
            this.bodyStart = body;
        }

        /** The index just after the line end of the line starting at {@code at} (or {@code end}). */
        private int lineEnd(int at) {
            for (int i = at; i < end; i++) {
                if (bytes[i] == '\n') {
                    return i + 1;
                }
            }
            return end;
        }

        byte[] separator() {
            byte[] line = new byte[bodyStart - headerEnd];
            System.arraycopy(bytes, headerEnd, line, 0, line.length);
            return line.length == 0 ? CRLF : line;
        }

        List<Field> fields() {
            List<Field> fields = new ArrayList<>();
            int at = start;
            while (at < headerEnd) {
                int fieldEnd = lineEnd(at);
                while (fieldEnd < headerEnd && (bytes[fieldEnd] == ' ' || bytes[fieldEnd] == '\t')) {
                    fieldEnd = lineEnd(fieldEnd);
                }
                fields.add(new Field(bytes, at, fieldEnd));
                at = fieldEnd;
            }
            return fields;
        }

        /** The {@code index}th body part of this multipart, as javax.mail's MimeMultipart splits it. */
        RawPart bodyPart(int index) throws IOException {
            String boundary = boundary();
            byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
            int partStart = -1;
            int count = -1;
            int at = bodyStart;
            while (at < end) {
                int next = lineEnd(at);
                if (isDelimiter(at, next, delimiter)) {
                    if (count == index) {
                        return new RawPart(bytes, partStart, Math.max(partStart, lineStartBefore(at)));
                    }
                    if (isCloseDelimiter(at, delimiter)) {
                        break;
                    }
                    count++;
                    partStart = next;
                }
                at = next;
            }
            if (at >= end && count == index) {
                // javax.mail takes a last part without its close delimiter as running to the end
                return new RawPart(bytes, partStart, end);
            }
            throw new IOException("body part " + index + " of a multipart with boundary " + boundary + " not found");
        }

        private String boundary() throws IOException {
            for (Field field : fields()) {
                if (field.named("content-type")) {
                    try {
                        String boundary = new ContentType(MimeUtility.unfold(field.value())).getParameter("boundary");
                        if (boundary != null) {
                            return boundary;
                        }
                    } catch (ParseException e) {
                        throw new IOException("unreadable Content-Type: " + field.value(), e);
                    }
                }
            }
            throw new IOException("a multipart without a boundary");
        }

        /** A line that is {@code --boundary}, maybe {@code --} after it, then only white space. */
        private boolean isDelimiter(int at, int next, byte[] delimiter) {
            if (next - at < delimiter.length) {
                return false;
            }
            for (int i = 0; i < delimiter.length; i++) {
                if (bytes[at + i] != delimiter[i]) {
                    return false;
                }
            }
            int rest = at + delimiter.length;
            if (rest + 1 < next && bytes[rest] == '-' && bytes[rest + 1] == '-') {
                rest += 2;
            }
            for (int i = rest; i < next; i++) {
                if (!Character.isWhitespace(bytes[i])) {
                    return false;
                }
            }
            return true;
        }

        private boolean isCloseDelimiter(int at, byte[] delimiter) {
            int rest = at + delimiter.length;
            return rest + 1 < end && bytes[rest] == '-' && bytes[rest + 1] == '-';
        }

        /** The delimiter's line end before it belongs to the delimiter, not to the part. */
        private int lineStartBefore(int delimiterLine) {
            int partEnd = delimiterLine;
            if (partEnd > start && bytes[partEnd - 1] == '\n') {
                partEnd--;
                if (partEnd > start && bytes[partEnd - 1] == '\r') {
                    partEnd--;
                }
            }
            return partEnd;
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
