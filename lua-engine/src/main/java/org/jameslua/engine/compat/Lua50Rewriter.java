package org.jameslua.engine.compat;

import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * Rewrites a script written for VPOP3's Lua 5.0 so that LuaJ (Lua 5.2) runs it as 5.0 did, leaving
 * the meaning of 5.2 scripts unchanged. Applied to every script and every loaded string before compiling.
 *
 * <p>Every change is made within existing lines, so error messages keep the line numbers of the file:
 * <ul>
 * <li>the implicit {@code arg} table of vararg functions and {@code for k, v in t do} over a table
 * (see {@link Lua50Scanner});</li>
 * <li>5.0's nested {@code [[ [[ ]] ]]} long strings and comments get brackets of a level that nothing inside
 * them closes, e.g. {@code [=[ [[ ]] ]=]};</li>
 * <li>{@code \x} not followed by two hex digits, which 5.0 read as a plain {@code x} (as in a Windows path
 * {@code "C:\VPOP3\x.txt"}), loses its backslash.</li>
 * </ul>
 * The last two only touch source that Lua 5.2 almost always refuses to compile. Source with an unfinished string or
 * comment, or blocks that do not add up, is returned unchanged for the compiler to report; and the compiler reports
 * an error of the rewritten source as the source was written when it fails on the same line there.
 *
 * <p>The compat functions of {@link Lua50Library} that rewritten source calls are reached through the string
 * metatable at each call, so they keep working whatever the script does to its globals, after {@code setfenv}
 * and under {@code load} with an environment of its own.
 */
public final class Lua50Rewriter implements UnaryOperator<String> {
    private static final char BINARY_CHUNK_SIGNATURE = 0x1b;

    @Override
    public String apply(String source) {
        if (source.isEmpty() || source.charAt(0) == BINARY_CHUNK_SIGNATURE) {
            return source;
        }
        List<Token> tokens = LuaTokenizer.tokenize(source);
        if (tokens.stream().anyMatch(token -> token.kind() == Token.Kind.UNFINISHED)) {
            return source;
        }
        Edits edits = new Edits();
        if (!Lua50Scanner.scan(
                tokens.stream().filter(token -> !token.isComment()).collect(Collectors.toUnmodifiableList()), edits)) {
            return source;
        }
        for (Token token : tokens) {
            relevelNestedLongBracket(token, edits);
            dropBackslashOfBareHexEscape(token, edits);
        }
        return edits.isEmpty() ? source : edits.applyTo(source);
    }

    private static void relevelNestedLongBracket(Token token, Edits edits) {
        boolean comment = token.kind() == Token.Kind.LONG_COMMENT;
        if ((token.kind() != Token.Kind.LONG_STRING && !comment) || token.longBracketLevel() != 0) {
            return;
        }
        String prefix = comment ? "--" : "";
        String text = token.text();
        String content = text.substring(prefix.length() + 2, text.length() - 2);
        if (!content.contains("[[")) {
            return;
        }
        int level = 1;
        while ((content + close(level)).indexOf(close(level)) < content.length()) {
            level++;
        }
        edits.replace(token, prefix + "[" + "=".repeat(level) + "[" + content + close(level));
    }

    private static String close(int level) {
        return "]" + "=".repeat(level) + "]";
    }

    private static void dropBackslashOfBareHexEscape(Token token, Edits edits) {
        if (token.kind() != Token.Kind.STRING || !token.text().contains("\\")) {
            return;
        }
        String text = token.text();
        StringBuilder fixed = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length()) {
                boolean bareHex = text.charAt(i + 1) == 'x' && !(isHexDigit(text, i + 2) && isHexDigit(text, i + 3));
                fixed.append(bareHex ? text.substring(i + 1, i + 2) : text.substring(i, i + 2));
                i += 2;
            } else {
                fixed.append(c);
                i++;
            }
        }
        if (fixed.length() != text.length()) {
            edits.replace(token, fixed.toString());
        }
    }

    private static boolean isHexDigit(String text, int index) {
        return index < text.length() && Character.digit(text.charAt(index), 16) >= 0;
    }
}
