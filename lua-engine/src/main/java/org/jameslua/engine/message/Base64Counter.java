package org.jameslua.engine.message;

/**
 * Counts the base64 characters of each line as it is read, so the decoded size of a base64 part is known
 * without decoding it. Like mime4j's decoder, it ignores other characters and stops at the first padding.
 */
final class Base64Counter implements LineInput.Sink {
    private long chars;
    private boolean padded;

    @Override
    public void accept(byte[] bytes, int offset, int count) {
        for (int i = offset; i < offset + count && !padded; i++) {
            byte b = bytes[i];
            if (b == '=') {
                padded = true;
            } else if (b >= 'A' && b <= 'Z' || b >= 'a' && b <= 'z' || b >= '0' && b <= '9' || b == '+' || b == '/') {
                chars++;
            }
        }
    }

    /** Starts a new line. */
    void reset() {
        chars = 0;
        padded = false;
    }

    long chars() {
        return chars;
    }

    boolean padded() {
        return padded;
    }

    /** Bytes that {@code chars} base64 characters decode to: an unpadded partial group decodes to nothing. */
    static long decodedSize(long chars, boolean padded) {
        long partial = chars % 4;
        return chars / 4 * 3 + (padded && partial > 1 ? partial - 1 : 0);
    }
}
