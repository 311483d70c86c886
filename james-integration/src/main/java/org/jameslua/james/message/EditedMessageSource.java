package org.jameslua.james.message;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import javax.mail.MessagingException;
import org.apache.james.server.core.MimeMessageInputStreamSource;
import org.apache.james.server.core.MimeMessageSource;
import org.apache.james.util.SizeFormat;

/**
 * The bytes of a message a script's header lines were written into ({@link HeaderInsertion}), held as one array that
 * every read streams without a copy, where James's in-memory {@link MimeMessageInputStreamSource} copies all its bytes
 * for each read (and the mailets after the edit, the header parse of the new message, local delivery, each read it).
 * Only a message James would keep in memory too: one past James's threshold ({@code james.message.memory.threshold},
 * 100 KiB by default) goes to James's own source, which spools it to a file.
 */
final class EditedMessageSource implements MimeMessageSource {
    // the longest array the JVMs allocate (the JDK's own soft limit)
    private static final int MAX_ARRAY_LENGTH = Integer.MAX_VALUE - 8;

    /** James's own in-memory limit, read as James reads it: a system property, fixed for the JVM's life. */
    private static final int IN_MEMORY_LIMIT = inMemoryLimit(System.getProperty("james.message.memory.threshold"));

    private final String sourceId;
    private final byte[] bytes;

    private EditedMessageSource(String sourceId, byte[] bytes) {
        this.sourceId = sourceId;
        this.bytes = bytes;
    }

    /**
     * The message {@code edited} streams, read to its end: in one array up to James's limit, else James's source.
     * {@code expectedSize} (what the original had left to read, plus the lines added) sizes the array, so that the
     * bytes are copied once; a message that turns out longer is read on as one of unknown size.
     */
    static MimeMessageSource of(String sourceId, InputStream edited, long expectedSize)
            throws IOException, MessagingException {
        return of(sourceId, edited, expectedSize, IN_MEMORY_LIMIT);
    }

    /** As {@link #of(String, InputStream, long)}, under the in-memory limit {@code limit}. */
    static MimeMessageSource of(String sourceId, InputStream edited, long expectedSize, int limit)
            throws IOException, MessagingException {
        if (expectedSize <= 0 || expectedSize > limit) {
            return ofUnknownSize(sourceId, edited, limit);
        }
        byte[] bytes = new byte[(int) expectedSize];
        int read = edited.readNBytes(bytes, 0, bytes.length);
        if (read < bytes.length) {
            // fields were removed
            return new EditedMessageSource(sourceId, Arrays.copyOf(bytes, read));
        }
        int next = edited.read();
        if (next < 0) {
            return new EditedMessageSource(sourceId, bytes);
        }
        return ofUnknownSize(
                sourceId,
                new SequenceInputStream(Collections.enumeration(List.of(
                        new ByteArrayInputStream(bytes), new ByteArrayInputStream(new byte[] {(byte) next}), edited))),
                limit);
    }

    private static MimeMessageSource ofUnknownSize(String sourceId, InputStream edited, int limit)
            throws IOException, MessagingException {
        byte[] head = edited.readNBytes(limit + 1);
        if (head.length <= limit) {
            return new EditedMessageSource(sourceId, head);
        }
        return MimeMessageInputStreamSource.create(
                sourceId, new SequenceInputStream(new ByteArrayInputStream(head), edited));
    }

    /**
     * James's threshold as James reads it ({@code property} unset: 100 KiB), into an int: 2 GiB or more may come out
     * negative, where James keeps no message in memory, and so nor do we (0); and no more than an array can hold, one
     * byte read past it included.
     */
    static int inMemoryLimit(String property) {
        int james = Optional.ofNullable(property)
                .map(SizeFormat::parseAsByteCount)
                .map(Long::intValue)
                .orElse(100 * 1024);
        return Math.max(0, Math.min(james, MAX_ARRAY_LENGTH - 1));
    }

    @Override
    public String getSourceId() {
        return sourceId;
    }

    @Override
    public InputStream getInputStream() {
        return new ByteArrayInputStream(bytes);
    }

    @Override
    public long getMessageSize() {
        return bytes.length;
    }
}
