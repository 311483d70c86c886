package org.jameslua.james.message;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.util.Arrays;
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
    // the least an array grows by, and the size of one for a message of unknown size
    private static final int MIN_ARRAY = 1024;

    /** James's own in-memory limit, read as James reads it: a system property, fixed for the JVM's life. */
    private static final int IN_MEMORY_LIMIT = inMemoryLimit(System.getProperty("james.message.memory.threshold"));

    private final String sourceId;
    private final byte[] bytes;
    // the message is bytes[0, length): the array was sized before the message's end was known
    private final int length;

    private EditedMessageSource(String sourceId, byte[] bytes, int length) {
        this.sourceId = sourceId;
        this.bytes = bytes;
        this.length = length;
    }

    /**
     * The message {@code edited} streams, read to its end: in one array up to James's limit, else James's source.
     * {@code expectedSize} (what the original held, plus the lines added) sizes the array, so that the bytes are
     * copied into it once; a message that turns out shorter keeps the array's unused end, one that turns out longer
     * grows it.
     */
    static MimeMessageSource of(String sourceId, InputStream edited, long expectedSize)
            throws IOException, MessagingException {
        return of(sourceId, edited, expectedSize, IN_MEMORY_LIMIT);
    }

    /** As {@link #of(String, InputStream, long)}, under the in-memory limit {@code limit}. */
    static MimeMessageSource of(String sourceId, InputStream edited, long expectedSize, int limit)
            throws IOException, MessagingException {
        // one byte past the limit tells a message over it
        long pastLimit = (long) limit + 1;
        byte[] bytes = new byte[(int) Math.min(Math.max(expectedSize, MIN_ARRAY), pastLimit)];
        int length = 0;
        while (true) {
            length += edited.readNBytes(bytes, length, bytes.length - length);
            if (length < bytes.length) {
                return new EditedMessageSource(sourceId, bytes, length);
            }
            if (length > limit) {
                return MimeMessageInputStreamSource.create(
                        sourceId, new SequenceInputStream(new ByteArrayInputStream(bytes, 0, length), edited));
            }
            int next = edited.read();
            if (next < 0) {
                return new EditedMessageSource(sourceId, bytes, length);
            }
            bytes = Arrays.copyOf(bytes, (int) Math.min((long) length + (length >> 1) + MIN_ARRAY, pastLimit));
            bytes[length++] = (byte) next;
        }
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
        return new ByteArrayInputStream(bytes, 0, length);
    }

    @Override
    public long getMessageSize() {
        return length;
    }
}
