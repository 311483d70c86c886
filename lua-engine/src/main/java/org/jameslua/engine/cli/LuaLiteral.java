package org.jameslua.engine.cli;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.jameslua.engine.lib.Numerals;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;

/**
 * Reads a command-line argument as a Lua literal: a number, {@code true}, {@code false}, {@code nil}, a quoted
 * string, or a table constructor of those ({@code {"a@x", n = 2, [3] = {true}}}). Anything else is the argument
 * as a string.
 *
 * <p>A reader rather than the Lua compiler because an argument is data: nothing in it is ever run (not even
 * string methods, reachable from any string through its metatable), and tables nest at most
 * {@value #MAX_DEPTH} deep.
 */
final class LuaLiteral {
    static final int MAX_DEPTH = 16;

    private final String text;
    private int at;

    private LuaLiteral(String text) {
        this.text = text;
    }

    static LuaValue read(String argument) {
        return new LuaLiteral(argument).whole().orElseGet(() -> LuaValue.valueOf(argument));
    }

    private Optional<LuaValue> whole() {
        try {
            LuaValue value = value(0);
            skipSpace();
            return at == text.length() ? Optional.of(value) : Optional.empty();
        } catch (NotALiteral e) {
            return Optional.empty();
        }
    }

    private LuaValue value(int depth) throws NotALiteral {
        skipSpace();
        char c = peek();
        if (c == '{') {
            return table(depth + 1);
        }
        if (c == '"' || c == '\'') {
            return quoted(c);
        }
        if (c == '-' || c == '.' || isDigit(c)) {
            return number();
        }
        String word = name();
        switch (word) {
            case "nil":
                return LuaValue.NIL;
            case "true":
                return LuaValue.TRUE;
            case "false":
                return LuaValue.FALSE;
            default:
                throw new NotALiteral();
        }
    }

    private LuaTable table(int depth) throws NotALiteral {
        if (depth > MAX_DEPTH) {
            throw new NotALiteral();
        }
        at++;
        LuaTable table = new LuaTable();
        int nextIndex = 1;
        while (true) {
            skipSpace();
            if (peek() == '}') {
                at++;
                return table;
            }
            if (peek() == '[') {
                at++;
                LuaValue key = value(depth);
                expect(']');
                expect('=');
                table.rawset(checkedKey(key), value(depth));
            } else if (isNameStart(peek()) && isField()) {
                String name = name();
                expect('=');
                table.rawset(name, value(depth));
            } else {
                table.rawset(nextIndex++, value(depth));
            }
            skipSpace();
            if (peek() == ',' || peek() == ';') {
                at++;
            } else if (peek() != '}') {
                throw new NotALiteral();
            }
        }
    }

    /** Whether the name at the cursor is a field name ({@code name = value}) rather than a value such as true. */
    private boolean isField() {
        int mark = at;
        name();
        skipSpace();
        boolean field = peek() == '=';
        at = mark;
        return field;
    }

    private static LuaValue checkedKey(LuaValue key) throws NotALiteral {
        if (key.isnil() || (key.isnumber() && Double.isNaN(key.todouble()))) {
            throw new NotALiteral();
        }
        return key;
    }

    private LuaValue number() throws NotALiteral {
        int start = at;
        if (peek() == '-') {
            at++;
        }
        while (isDigit(peek())
                || isNameStart(peek())
                || peek() == '.'
                || ((peek() == '+' || peek() == '-') && "eEpP".indexOf(text.charAt(at - 1)) >= 0)) {
            at++;
        }
        LuaValue number = Numerals.parse(text.substring(start, at));
        if (number.isnil()) {
            throw new NotALiteral();
        }
        return number;
    }

    /** Text as UTF-8 (as for a string argument), escapes as the bytes they stand for, as Lua reads them. */
    private LuaValue quoted(char quote) throws NotALiteral {
        at++;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int textStart = at;
        while (peek() != quote) {
            char c = next();
            if (c == '\n' || c == '\r') {
                throw new NotALiteral();
            }
            if (c == '\\') {
                bytes.writeBytes(text.substring(textStart, at - 1).getBytes(StandardCharsets.UTF_8));
                bytes.write(escape());
                textStart = at;
            }
        }
        bytes.writeBytes(text.substring(textStart, at).getBytes(StandardCharsets.UTF_8));
        at++;
        return LuaValue.valueOf(bytes.toByteArray());
    }

    private int escape() throws NotALiteral {
        char c = next();
        switch (c) {
            case 'a':
                return 7;
            case 'b':
                return '\b';
            case 'f':
                return '\f';
            case 'n':
                return '\n';
            case 'r':
                return '\r';
            case 't':
                return '\t';
            case 'v':
                return 11;
            case '\\':
            case '"':
            case '\'':
                return c;
            default:
                if (isDigit(c)) {
                    return decimalEscape(c);
                }
                throw new NotALiteral();
        }
    }

    private int decimalEscape(char first) throws NotALiteral {
        int code = first - '0';
        for (int digits = 1; digits < 3 && isDigit(peek()); digits++) {
            code = code * 10 + (next() - '0');
        }
        if (code > 255) {
            throw new NotALiteral();
        }
        return code;
    }

    private String name() {
        int start = at;
        while (isNameStart(peek()) || isDigit(peek())) {
            at++;
        }
        return text.substring(start, at);
    }

    private void expect(char c) throws NotALiteral {
        skipSpace();
        if (peek() != c) {
            throw new NotALiteral();
        }
        at++;
    }

    private void skipSpace() {
        while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
            at++;
        }
    }

    private char peek() {
        return at < text.length() ? text.charAt(at) : '\0';
    }

    private char next() throws NotALiteral {
        if (at >= text.length()) {
            throw new NotALiteral();
        }
        return text.charAt(at++);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isNameStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    }

    /** The argument is not a literal, so it is passed as the string it is; a cheap, stackless signal. */
    private static final class NotALiteral extends Exception {
        NotALiteral() {
            super(null, null, false, false);
        }
    }
}
