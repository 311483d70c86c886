package org.jameslua.james.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.apache.james.lifecycle.api.LifecycleUtil;
import org.apache.james.server.core.MimeMessageSource;
import org.junit.jupiter.api.Test;

/**
 * James reads {@code james.message.memory.threshold} (bytes) into an int, so a threshold of 2 GiB or more comes out negative
 * (James then spools every message to a file) or as the largest int; an edited message must still keep every byte.
 */
class EditedMessageSourceTest {
    private static final String MESSAGE = "Subject: s\r\nX-A: 1\r\n\r\nbody\r\n";

    @Test
    void aThresholdJamesReadsAsNegativeKeepsEveryByte() throws Exception {
        for (String threshold : new String[] {"2GiB", "3GiB", "2048MiB"}) {
            assertThat(edited(EditedMessageSource.inMemoryLimit(threshold))).isEqualTo(MESSAGE);
        }
    }

    @Test
    void theLargestThresholdKeepsEveryByte() throws Exception {
        assertThat(edited(EditedMessageSource.inMemoryLimit("2147483647"))).isEqualTo(MESSAGE);
    }

    @Test
    void withoutAThresholdTheLimitIsJamessDefault() {
        assertThat(EditedMessageSource.inMemoryLimit(null)).isEqualTo(100 * 1024);
        assertThat(EditedMessageSource.inMemoryLimit("5GiB")).isEqualTo(1024 * 1024 * 1024);
    }

    /**
     * A message of exactly the limit is kept in memory, as James keeps one (it spools from the byte past it); one
     * byte more goes to James's source. Every byte stays, whatever size was announced: exact, short, long, unknown.
     */
    @Test
    void aMessageOfTheLimitStaysInMemoryAndOneBytePastItGoesToJames() throws Exception {
        byte[] bytes = MESSAGE.getBytes(StandardCharsets.US_ASCII);
        int limit = bytes.length;
        for (long announced : new long[] {limit, limit - 5, limit + 5, 0}) {
            MimeMessageSource atLimit = EditedMessageSource.of("m1", new ByteArrayInputStream(bytes), announced, limit);
            MimeMessageSource pastLimit =
                    EditedMessageSource.of("m1", new ByteArrayInputStream(bytes), announced, limit - 1);

            assertThat(atLimit).isInstanceOf(EditedMessageSource.class);
            assertThat(atLimit.getMessageSize()).isEqualTo(limit);
            assertThat(pastLimit).isNotInstanceOf(EditedMessageSource.class);
            assertThat(pastLimit.getMessageSize()).isEqualTo(limit);
            assertThat(readBack(atLimit)).isEqualTo(MESSAGE);
            assertThat(readBack(pastLimit)).isEqualTo(MESSAGE);
        }
    }

    /**
     * A message far longer than announced (a header-changed mail whose stream says only what its first line holds)
     * grows its array as often as needed and keeps every byte; past the limit while growing, it goes to James.
     */
    @Test
    void aMessageManyTimesLongerThanAnnouncedKeepsEveryByte() throws Exception {
        String message = "Subject: s\r\n\r\n" + "a line of the body\r\n".repeat(2_000);
        byte[] bytes = message.getBytes(StandardCharsets.US_ASCII);
        MimeMessageSource inMemory = EditedMessageSource.of("m1", new ByteArrayInputStream(bytes), 12, bytes.length);
        MimeMessageSource spooled = EditedMessageSource.of("m1", new ByteArrayInputStream(bytes), 12, bytes.length / 3);

        assertThat(inMemory).isInstanceOf(EditedMessageSource.class);
        assertThat(inMemory.getMessageSize()).isEqualTo(bytes.length);
        assertThat(spooled).isNotInstanceOf(EditedMessageSource.class);
        assertThat(spooled.getMessageSize()).isEqualTo(bytes.length);
        assertThat(readBack(inMemory)).isEqualTo(message);
        assertThat(readBack(spooled)).isEqualTo(message);
    }

    /** The same when the array is filled by the announced size exactly, past the smallest array: no byte spare. */
    @Test
    void aMessageOfTheLimitAnnouncedExactlyStaysInMemory() throws Exception {
        String message = "Subject: s\r\n\r\n" + "x".repeat(2_000);
        byte[] bytes = message.getBytes(StandardCharsets.US_ASCII);

        MimeMessageSource atLimit =
                EditedMessageSource.of("m1", new ByteArrayInputStream(bytes), bytes.length, bytes.length);

        assertThat(atLimit).isInstanceOf(EditedMessageSource.class);
        assertThat(readBack(atLimit)).isEqualTo(message);
    }

    /** A zero byte (8BITMIME lets one through) just past the announced size is a byte like any other, not the end. */
    @Test
    void aZeroByteWhereTheAnnouncedSizeEndsIsKept() throws Exception {
        String head = "Subject: s\r\n\r\n";
        String message = head + "x".repeat(1024 - head.length()) + "\0" + "tail\r\n";
        byte[] bytes = message.getBytes(StandardCharsets.ISO_8859_1);

        MimeMessageSource edited = EditedMessageSource.of("m1", new ByteArrayInputStream(bytes), 1024, 100 * 1024);

        assertThat(edited.getMessageSize()).isEqualTo(bytes.length);
        assertThat(readBack(edited)).isEqualTo(message);
    }

    /** The message read back, its size unknown (0) and its size announced one byte short, as a longer one is. */
    private static String edited(int limit) throws Exception {
        byte[] bytes = MESSAGE.getBytes(StandardCharsets.US_ASCII);
        String unknown = readBack(EditedMessageSource.of("m1", new ByteArrayInputStream(bytes), 0, limit));
        String longer =
                readBack(EditedMessageSource.of("m1", new ByteArrayInputStream(bytes), bytes.length - 1, limit));
        assertThat(longer).isEqualTo(unknown);
        return unknown;
    }

    private static String readBack(MimeMessageSource source) throws Exception {
        try (InputStream in = source.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } finally {
            LifecycleUtil.dispose(source);
        }
    }
}
