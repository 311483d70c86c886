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
    /** James's own in-memory limit, read as James reads it: a system property, fixed for the JVM's life. */
    private static final int IN_MEMORY_LIMIT = Optional.ofNullable(System.getProperty("james.message.memory.threshold"))
            .map(SizeFormat::parseAsByteCount)
            .map(Long::intValue)
            .orElse(100 * 1024);

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
        if (expectedSize <= 0 || expectedSize > IN_MEMORY_LIMIT) {
            return ofUnknownSize(sourceId, edited);
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
                        new ByteArrayInputStream(bytes), new ByteArrayInputStream(new byte[] {(byte) next}), edited))));
    }

    private static MimeMessageSource ofUnknownSize(String sourceId, InputStream edited)
            throws IOException, MessagingException {
        byte[] head = edited.readNBytes(IN_MEMORY_LIMIT + 1);
        if (head.length <= IN_MEMORY_LIMIT) {
            return new EditedMessageSource(sourceId, head);
        }
        return MimeMessageInputStreamSource.create(
                sourceId, new SequenceInputStream(new ByteArrayInputStream(head), edited));
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
