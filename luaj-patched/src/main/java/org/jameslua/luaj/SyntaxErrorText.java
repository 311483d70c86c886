package org.jameslua.luaj;

/**
 * Lua 5.2's wording of a syntax error ({@code llex.c}'s {@code lexerror}, {@code luaX_token2str},
 * {@code txtToken}), for LuaJ's patched {@code LexState}: {@code chunk:line: message near 'token'}, a symbol or
 * reserved word quoted, {@code <eof>}, {@code <name>} and their kind not. LuaJ left out the token and wrote
 * symbols unquoted.
 */
public final class SyntaxErrorText {
    /** LexState's first reserved token number ({@code FIRST_RESERVED}). */
    private static final int FIRST_RESERVED = 257;
    /** LexState.TK_EOS: tokens from it on ({@code <eof>}, {@code <number>}, ...) are written unquoted. */
    private static final int END_OF_STREAM = 286;

    private SyntaxErrorText() {}

    /** {@code chunk:line: message}, followed by {@code near <token>} when the error is about a token. */
    public static String message(String chunk, int line, String message, String near) {
        String text = chunk + ":" + line + ": " + message;
        return near == null ? text : text + " near " + near;
    }

    /** Lua 5.2's {@code errorlimit}: {@code too many local variables (limit is 200) in main function}. */
    public static String limit(String what, int limit, int lineDefined) {
        String where = lineDefined == 0 ? "main function" : "function at line " + lineDefined;
        return "too many " + what + " (limit is " + limit + ") in " + where;
    }

    /** Lua 5.2's {@code escerror} for a decimal escape over 255: the escape as written, three digits. */
    public static String decimalEscapeTooLarge(int value) {
        return "decimal escape too large near '\\" + value + "'";
    }

    /** A token as {@code luaX_token2str} writes it; {@code names} is LexState's table of reserved tokens. */
    public static String token(int token, String[] names) {
        if (token < FIRST_RESERVED) {
            // llex.c's lisprint in the C locale: only printable ASCII is written as itself (a no-break space or a
            // byte of a Windows-1252 or UTF-8 character would otherwise reach the message as another character)
            return token >= ' ' && token <= '~' ? "'" + (char) token + "'" : "char(" + token + ")";
        }
        if (token == END_OF_STREAM) {
            return "<eof>"; // LuaJ's table calls it <eos>
        }
        String name = names[token - FIRST_RESERVED];
        return token < END_OF_STREAM ? "'" + name + "'" : name;
    }

    /**
     * A name, string or numeral as read so far, quoted, up to its first zero byte: Lua 5.2 writes the token as a C
     * string, so a string holding {@code \0} is cut there ({@code near '"ab'}); the lexer may also have saved a 0
     * after the token.
     */
    public static String text(char[] buffer, int length) {
        int end = 0;
        while (end < length && buffer[end] != 0) {
            end++;
        }
        // the lexer's buffer holds the source's bytes, one per char
        byte[] bytes = new byte[end];
        for (int i = 0; i < end; i++) {
            bytes[i] = (byte) buffer[i];
        }
        return "'" + SourceText.of(bytes, 0, end) + "'";
    }

    /** Whether a pending goto is a {@code break}: the parser makes one a goto to the label {@code break}. */
    public static boolean isBreak(String label) {
        return "break".equals(label);
    }
}
