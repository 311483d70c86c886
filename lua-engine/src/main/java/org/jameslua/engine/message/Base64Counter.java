package org.jameslua.engine.message;

/**
 * Counts the base64 characters of each line as it is read, so the decoded size of a base64 part is known
 * without decoding it. Like mime4j's decoder, it ignores other characters and stops at the first padding.
 */
final class Base64Counter implements LineInput.Sink {
    // 1 for the base64 alphabet's bytes, by unsigned byte value: a table look-up instead of five range tests per byte
    private static final byte[] ALPHABET = alphabet();

    private long chars;
    private boolean padded;

    @Override
    public void accept(byte[] bytes, int offset, int count) {
        if (padded) {
            return;
        }
        long counted = 0;
        for (int i = offset; i < offset + count; i++) {
            byte b = bytes[i];
            if (b == '=') {
                padded = true;
                break;
            }
            counted += ALPHABET[b & 0xFF];
        }
        chars += counted;
    }

    private static byte[] alphabet() {
        byte[] table = new byte[256];
        String letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        for (int i = 0; i < letters.length(); i++) {
            table[letters.charAt(i)] = 1;
        }
        return table;
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
