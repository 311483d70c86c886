package org.jameslua.james.message;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;
import org.apache.james.server.core.MimeMessageInputStream;
import org.apache.james.server.core.MimeMessageSource;
import org.apache.mailet.Mail;

/**
 * A message's bytes with header lines added at the end of its header, before the empty line that ends it, as
 * javax.mail's addHeaderLine places them, and optionally fields removed from it; the body is not read until the caller
 * reads it, and is passed on as it is. A message without an empty line is all header, and gets the lines at its end.
 * javax.mail's saveChanges is not used: it would parse the whole message and add MIME-Version (and a Message-ID, a
 * Date) the sender did not send.
 */
public final class HeaderInsertion {
    private HeaderInsertion() {}

    /**
     * Gives the mail its message with {@code lines} added: whole header lines without line breaks (the callers check
     * them), written in UTF-8, so an ASCII line is its own bytes.
     */
    public static void addTo(Mail mail, List<String> lines) throws MessagingException, IOException {
        editIn(mail, List.of(), lines);
    }

    /**
     * Removes every field of the mail's header named in {@code removed} (any case, folded lines with their field),
     * then adds {@code lines} as {@link #addTo} does, in one pass over the header. When no field is named and there is
     * nothing to add, the mail keeps the message it has, not a byte copied; returns whether it changed.
     */
    public static boolean editIn(Mail mail, Collection<String> removed, List<String> lines)
            throws MessagingException, IOException {
        Set<String> names = new HashSet<>();
        removed.forEach(name -> names.add(name.strip().toLowerCase(Locale.ROOT)));
        MimeMessageSource source;
        MimeMessage message = mail.getMessage();
        try (InputStream original = new MimeMessageInputStream(message)) {
            long expectedSize = MessageSize.expected(message, original) + addedBytes(lines);
            Optional<InputStream> edited = edit(original, names, lines);
            if (edited.isEmpty()) {
                return false;
            }
            source = EditedMessageSource.of(mail.getName(), edited.get(), expectedSize);
        }
        MessageReplacement.set(mail, source);
        return true;
    }

    /** {@code message} with {@code lines} added; reads it to its header's end. */
    static InputStream insert(InputStream message, List<String> lines) throws IOException {
        return edit(message, Set.of(), lines).orElseThrow();
    }

    /**
     * {@code message} without the fields whose lower-case names are in {@code removed} and with {@code lines} added;
     * empty when that is the message as it is. Reads it to its header's end.
     */
    static Optional<InputStream> edit(InputStream message, Set<String> removed, List<String> lines) throws IOException {
        ByteArrayOutputStream header = new ByteArrayOutputStream();
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        boolean changed = !lines.isEmpty();
        boolean dropping = false;
        while (readLine(message, line)) {
            if (isEmpty(line)) {
                if (!changed) {
                    return Optional.empty();
                }
                return Optional.of(join(
                        header, lines, new SequenceInputStream(new ByteArrayInputStream(line.toByteArray()), message)));
            }
            dropping = drops(line, dropping, removed);
            changed |= dropping;
            if (!dropping) {
                line.writeTo(header);
            }
            line.reset();
        }
        // all header: the last line may lack its line end
        if (line.size() > 0 && drops(line, dropping, removed)) {
            changed = true;
        } else {
            line.writeTo(header);
        }
        if (!changed) {
            return Optional.empty();
        }
        byte[] bytes = header.toByteArray();
        if (bytes.length > 0 && bytes[bytes.length - 1] != '\n') {
            header.write('\r');
            header.write('\n');
        }
        return Optional.of(join(header, lines, InputStream.nullInputStream()));
    }

    /** What {@link #join} writes for {@code lines}: the callers' lines are ASCII, a byte per character. */
    private static long addedBytes(List<String> lines) {
        long bytes = 0;
        for (String line : lines) {
            bytes += line.length() + 2;
        }
        return bytes;
    }

    private static InputStream join(ByteArrayOutputStream header, List<String> lines, InputStream rest) {
        StringBuilder added = new StringBuilder();
        for (String line : lines) {
            added.append(line).append("\r\n");
        }
        return new SequenceInputStream(Collections.enumeration(List.of(
                new ByteArrayInputStream(header.toByteArray()),
                new ByteArrayInputStream(added.toString().getBytes(StandardCharsets.UTF_8)),
                rest)));
    }

    /** Reads one line, its line end included, into {@code line}; false at the end of the message with none left. */
    private static boolean readLine(InputStream in, ByteArrayOutputStream line) throws IOException {
        int b;
        while ((b = in.read()) != -1) {
            line.write(b);
            if (b == '\n') {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether {@code line} goes: a field named in {@code removed}, or a continuation of a field that went
     * ({@code dropping}). Header lines are only looked at when some field is to be removed, as adding lines (every
     * SMTP insertion) removes none.
     */
    private static boolean drops(ByteArrayOutputStream line, boolean dropping, Set<String> removed) {
        if (removed.isEmpty()) {
            return false;
        }
        return isContinuation(line) ? dropping : removed.contains(fieldName(line));
    }

    private static boolean isContinuation(ByteArrayOutputStream line) {
        byte[] bytes = line.toByteArray();
        return bytes.length > 0 && (bytes[0] == ' ' || bytes[0] == '\t');
    }

    /** The field's name in lower case; {@code ""} for a line that is no field (no colon). */
    private static String fieldName(ByteArrayOutputStream line) {
        String text = line.toString(StandardCharsets.ISO_8859_1);
        int colon = text.indexOf(':');
        return colon < 0 ? "" : text.substring(0, colon).strip().toLowerCase(Locale.ROOT);
    }

    private static boolean isEmpty(ByteArrayOutputStream line) {
        return line.size() == 1 || line.size() == 2 && line.toByteArray()[0] == '\r';
    }
}
