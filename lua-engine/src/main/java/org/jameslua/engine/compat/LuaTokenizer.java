package org.jameslua.engine.compat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jameslua.engine.lib.StringBound;

/**
 * Splits Lua source into tokens as LuaJ's lexer does, except for one Lua 5.0 rule: a {@code [[ ]]} long string
 * or comment may hold nested {@code [[ ]]} pairs, and ends only at the {@code ]]} that balances its opening.
 * Lua 5.2 (and the patched LuaJ) ends it at the first {@code ]]}, which leaves the rest of a balanced pair as
 * code that seldom compiles ({@code [[ a [[ b ]] c ]]} leaves {@code c ]]}), so reading it the 5.0 way changes
 * almost no source that compiles; a {@code [[} that 5.0 would not see closed is left to the compiler, as text.
 *
 * <p>Never fails: text it cannot make sense of becomes single-character symbols, and a string or long
 * bracket left open becomes an {@link Token.Kind#UNFINISHED} token running to the end of its line or of
 * the source, for the compiler to report.
 */
final class LuaTokenizer {
    private static final Set<String> KEYWORDS = Set.of(
            "and",
            "break",
            "do",
            "else",
            "elseif",
            "end",
            "false",
            "for",
            "function",
            "goto",
            "if",
            "in",
            "local",
            "nil",
            "not",
            "or",
            "repeat",
            "return",
            "then",
            "true",
            "until",
            "while");
    private static final List<String> LONGER_SYMBOLS = List.of("...", "..", "==", "~=", "<=", ">=", "::");

    private final String source;
    private int at;

    private LuaTokenizer(String source) {
        this.source = source;
    }

    /** The running call's bounds are looked at every 4,096 tokens. */
    private static final int LOOK_MASK = 4096 - 1;

    /** Every token of the source, comments included, in order; whitespace is left out. */
    static List<Token> tokenize(String source) {
        return new LuaTokenizer(source).tokens();
    }

    private List<Token> tokens() {
        List<Token> tokens = new ArrayList<>();
        while (at < source.length()) {
            char c = source.charAt(at);
            if (isSpace(c)) {
                at++;
                continue;
            }
            int start = at;
            Token.Kind kind;
            if (c == '-' && charAt(at + 1) == '-') {
                kind = comment();
            } else if (c == '[' && longBracketLevel(at) >= 0) {
                kind = longBracket(Token.Kind.LONG_STRING);
            } else if (c == '"' || c == '\'') {
                kind = quoted(c);
            } else if (isDigit(c) || (c == '.' && isDigit(charAt(at + 1)))) {
                kind = number();
            } else if (isNameStart(c)) {
                while (isNamePart(charAt(at))) {
                    at++;
                }
                kind = KEYWORDS.contains(source.substring(start, at)) ? Token.Kind.KEYWORD : Token.Kind.NAME;
            } else {
                at += LONGER_SYMBOLS.stream()
                        .filter(s -> source.startsWith(s, start))
                        .findFirst()
                        .map(String::length)
                        .orElse(1);
                kind = Token.Kind.SYMBOL;
            }
            if ((tokens.size() & LOOK_MASK) == LOOK_MASK) {
                // a token costs about a hundred bytes: a chunk of a million tokens allocated 288 MiB here
                StringBound.checkTimeAndAllocation();
            }
            tokens.add(new Token(kind, source.substring(start, at), start));
        }
        return tokens;
    }

    private Token.Kind comment() {
        at += 2;
        if (charAt(at) == '[' && longBracketLevel(at) >= 0) {
            return longBracket(Token.Kind.LONG_COMMENT);
        }
        while (at < source.length() && !isNewline(source.charAt(at))) {
            at++;
        }
        return Token.Kind.COMMENT;
    }

    /** The level of a long bracket opening at {@code from} ({@code [[} is 0, {@code [==[} is 2), or -1 if none. */
    private int longBracketLevel(int from) {
        int level = 0;
        while (charAt(from + 1 + level) == '=') {
            level++;
        }
        return charAt(from + 1 + level) == '[' ? level : -1;
    }

    private Token.Kind longBracket(Token.Kind kind) {
        int level = longBracketLevel(at);
        at += level + 2;
        int nested = 0;
        while (at < source.length()) {
            char c = source.charAt(at);
            if (level == 0 && c == '[' && charAt(at + 1) == '[') {
                nested++;
                at += 2;
            } else if (c == ']' && closesLevel(at, level)) {
                at += level + 2;
                if (nested == 0) {
                    return kind;
                }
                nested--;
            } else {
                at++;
            }
        }
        return Token.Kind.UNFINISHED;
    }

    private boolean closesLevel(int from, int level) {
        for (int i = 1; i <= level; i++) {
            if (charAt(from + i) != '=') {
                return false;
            }
        }
        return charAt(from + level + 1) == ']';
    }

    private Token.Kind quoted(char quote) {
        at++;
        while (at < source.length()) {
            char c = source.charAt(at);
            if (c == quote) {
                at++;
                return Token.Kind.STRING;
            }
            if (isNewline(c)) {
                return Token.Kind.UNFINISHED;
            }
            if (c == '\\') {
                skipEscape();
            } else {
                at++;
            }
        }
        return Token.Kind.UNFINISHED;
    }

    /** Steps over an escape; only those that may span lines need care, the rest are two characters. */
    private void skipEscape() {
        char next = charAt(at + 1);
        if (isNewline(next)) {
            at += 2;
            char after = charAt(at);
            if (isNewline(after) && after != next) {
                at++;
            }
        } else if (next == 'z') {
            at += 2;
            while (at < source.length() && isSpace(source.charAt(at))) {
                at++;
            }
        } else {
            at = Math.min(at + 2, source.length());
        }
    }

    /** As Lua reads a numeral: digits, letters and dots, and a sign right after an exponent mark. */
    private Token.Kind number() {
        boolean hex = source.charAt(at) == '0' && (charAt(at + 1) == 'x' || charAt(at + 1) == 'X');
        if (hex) {
            at += 2;
        }
        while (true) {
            char c = charAt(at);
            boolean exponent = hex ? c == 'p' || c == 'P' : c == 'e' || c == 'E';
            if (exponent && (charAt(at + 1) == '+' || charAt(at + 1) == '-')) {
                at += 2;
            } else if (isNamePart(c) || c == '.') {
                at++;
            } else {
                return Token.Kind.NUMBER;
            }
        }
    }

    private char charAt(int index) {
        return index < source.length() ? source.charAt(index) : '\0';
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x0b;
    }

    private static boolean isNewline(char c) {
        return c == '\n' || c == '\r';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isNameStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    }

    private static boolean isNamePart(char c) {
        return isNameStart(c) || isDigit(c);
    }
}
