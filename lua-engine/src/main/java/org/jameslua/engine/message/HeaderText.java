package org.jameslua.engine.message;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Raw 8-bit header text is taken as UTF-8 when it is valid UTF-8, as modern mailers send it, else Latin-1. */
final class HeaderText {
    private HeaderText() {}

    static String of(byte[] text) {
        return new String(text, charsetOf(text));
    }

    static Charset charsetOf(byte[] text) {
        if (isAscii(text)) {
            return StandardCharsets.ISO_8859_1;
        }
        try {
            StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(text));
            return StandardCharsets.UTF_8;
        } catch (CharacterCodingException e) {
            return StandardCharsets.ISO_8859_1;
        }
    }

    /** ASCII reads the same in both; the common case skips the decoder a UTF-8 check allocates. */
    private static boolean isAscii(byte[] text) {
        for (byte b : text) {
            if (b < 0) {
                return false;
            }
        }
        return true;
    }
}
