package org.jameslua.engine.message;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Decodes a uuencoded file: the lines between {@code begin <mode> <name>} and {@code end}. Each line starts
 * with its decoded length; characters that lines lost to trailing-space stripping count as zero.
 */
final class UuDecoder {
    private UuDecoder() {}

    static void decode(InputStream in, OutputStream out) throws IOException {
        LineInput input = new LineInput(in);
        Line line = new Line();
        boolean begun = false;
        byte[] decoded = new byte[64];
        while (input.next(line, LineInput.IGNORE)) {
            if (!begun) {
                begun = line.startsWith("begin ");
            } else if (line.is("end")) {
                return;
            } else if (!line.isEmpty()) {
                out.write(decoded, 0, decodeLine(line, decoded));
            }
        }
    }

    private static int decodeLine(Line line, byte[] decoded) {
        int length = value(line, 0);
        int written = 0;
        for (int i = 1; written < length; i += 4) {
            int group = value(line, i) << 18 | value(line, i + 1) << 12 | value(line, i + 2) << 6 | value(line, i + 3);
            for (int shift = 16; shift >= 0 && written < length; shift -= 8) {
                decoded[written++] = (byte) (group >> shift);
            }
        }
        return written;
    }

    private static int value(Line line, int index) {
        return index < line.headLength() ? line.at(index) - ' ' & 63 : 0;
    }
}
