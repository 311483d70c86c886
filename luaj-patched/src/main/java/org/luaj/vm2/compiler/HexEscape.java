package org.luaj.vm2.compiler;

/**
 * Lua 5.2's {@code readhexaesc} for the patched {@code LexState.readhexaesc}: the two hexadecimal digits of a
 * {@code \xXX} escape, read one at a time, and on a character that is no digit Lua's {@code escerror}: {@code
 * hexadecimal digit expected near '\x5"'}, the escape as read. LuaJ read both characters before looking and wrote
 * them into its message as they were, the end of the chunk as U+FFFF. In LuaJ's package to reach the lexer's
 * buffer.
 */
final class HexEscape {
    /** LexState.EOZ: what {@code current} holds at the end of the chunk. */
    private static final int END = -1;

    private HexEscape() {}

    static int read(LexState ls) {
        int[] read = {'x', 0, 0};
        int value = 0;
        for (int i = 1; i < read.length; i++) {
            ls.nextChar();
            read[i] = ls.current;
            if (!isHexDigit(read[i])) {
                fail(ls, read, i + 1);
            }
            value = (value << 4) + ls.hexvalue(read[i]);
        }
        return value;
    }

    /** The message is about the escape alone: the string read before it is dropped from the buffer, as Lua does. */
    private static void fail(LexState ls, int[] read, int count) {
        ls.nbuff = 0;
        ls.save('\\');
        for (int i = 0; i < count && read[i] != END; i++) {
            ls.save(read[i]);
        }
        ls.lexerror("hexadecimal digit expected", LexState.TK_STRING);
    }

    private static boolean isHexDigit(int c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }
}
