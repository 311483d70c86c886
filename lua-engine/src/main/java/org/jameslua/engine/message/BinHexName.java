package org.jameslua.engine.message;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The file name in the header of BinHex 4.0 data: the encoded characters are six-bit values, run-length
 * compressed with 0x90, and the header starts with the name's length and the name.
 */
final class BinHexName {
    static final String ALPHABET = "!\"#$%&'()*+,-012345689@ABCDEFGHIJKLMNPQRSTUVXYZ[`abcdefhijklmpqr";
    private static final int RUN = 0x90;

    private BinHexName() {}

    static boolean isDataChar(int c) {
        return c < 128 && ALPHABET.indexOf(c) >= 0;
    }

    /** The name, or "" when the characters are too few or not a BinHex header. */
    static String decode(CharSequence encoded) {
        byte[] header = expand(sixBit(encoded));
        if (header.length == 0 || header[0] < 1 || header[0] > 63 || header.length < 1 + header[0]) {
            return "";
        }
        return new String(header, 1, header[0], StandardCharsets.ISO_8859_1);
    }

    private static byte[] sixBit(CharSequence encoded) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int bits = 0;
        int count = 0;
        for (int i = 0; i < encoded.length(); i++) {
            bits = (bits << 6 | ALPHABET.indexOf(encoded.charAt(i))) & 0xFFFF;
            count += 6;
            if (count >= 8) {
                count -= 8;
                out.write(bits >> count & 0xFF);
            }
        }
        return out.toByteArray();
    }

    private static byte[] expand(byte[] packed) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int previous = 0;
        for (int i = 0; i < packed.length; i++) {
            int b = packed[i] & 0xFF;
            if (b != RUN) {
                out.write(b);
                previous = b;
            } else if (i + 1 < packed.length) {
                int repeat = packed[++i] & 0xFF;
                if (repeat == 0) {
                    out.write(RUN);
                    previous = RUN;
                } else {
                    for (int n = 1; n < repeat; n++) {
                        out.write(previous);
                    }
                }
            }
        }
        return out.toByteArray();
    }
}
