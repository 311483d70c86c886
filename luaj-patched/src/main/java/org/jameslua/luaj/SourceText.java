package org.jameslua.luaj;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * A script's bytes as the Java string a message is built from (a syntax error's token, a chunk's name), which LuaJ
 * then encodes in UTF-8. Bytes that are UTF-8 text of the Basic Multilingual Plane (which LuaJ's encoder writes back
 * as they were) are decoded, so a UTF-8 script's {@code é} reaches the message as its own bytes. Other bytes (a
 * Windows-1252 script) become one char each: their message cannot be rebuilt from a Java string, but no byte is lost
 * (LuaJ's own lenient decoding took an invalid byte for the start of a sequence and swallowed the bytes after it).
 */
public final class SourceText {
    private SourceText() {}

    public static String of(byte[] bytes, int offset, int length) {
        boolean ascii = true;
        for (int i = offset; i < offset + length && ascii; i++) {
            ascii = bytes[i] >= 0;
        }
        if (ascii) {
            return new String(bytes, offset, length, StandardCharsets.ISO_8859_1);
        }
        try {
            String text = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, offset, length))
                    .toString();
            if (text.codePointCount(0, text.length()) == text.length()) {
                return text;
            }
        } catch (CharacterCodingException notUtf8) {
            // one char per byte, below
        }
        return new String(bytes, offset, length, StandardCharsets.ISO_8859_1);
    }
}
