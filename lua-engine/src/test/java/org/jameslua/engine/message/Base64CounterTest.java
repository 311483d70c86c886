package org.jameslua.engine.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Base64CounterTest {

    @Test
    void theDecodedSizeOfMimeBase64IsTheSizeOfWhatWasEncodedWhateverItsLengthAndPadding() {
        Random random = new Random(5);
        for (int size = 0; size < 200; size++) {
            byte[] data = new byte[size];
            random.nextBytes(data);
            byte[] encoded = Base64.getMimeEncoder().encode(data);

            assertThat(decodedSize(encoded)).as("%d bytes encoded", size).isEqualTo(size);
        }
    }

    @Test
    void bytesOutsideTheAlphabetAreIgnoredAndNothingCountsAfterThePadding() {
        byte[] line = "QU\tJD\u00e9RA==QUJD".getBytes(StandardCharsets.ISO_8859_1);

        assertThat(decodedSize(line)).isEqualTo(4);
    }

    // fed line by line, as MimeScanner does
    private static long decodedSize(byte[] encoded) {
        Base64Counter counter = new Base64Counter();
        long chars = 0;
        boolean padded = false;
        int start = 0;
        for (int i = 0; i <= encoded.length; i++) {
            if (i == encoded.length || encoded[i] == '\n') {
                counter.reset();
                counter.accept(encoded, start, i - start);
                if (!padded) {
                    chars += counter.chars();
                    padded = counter.padded();
                }
                start = i + 1;
            }
        }
        return Base64Counter.decodedSize(chars, padded);
    }
}
