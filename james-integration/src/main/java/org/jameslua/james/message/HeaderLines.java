package org.jameslua.james.message;

import java.util.ArrayList;
import java.util.List;
import org.jameslua.james.script.BadReturn;
import org.jameslua.james.script.LuaValues;
import org.luaj.vm2.LuaValue;

/**
 * Whole header lines a script wants added to a message (SMTP: DoDATAStart's header lines, ProcessMessage's
 * HeaderModifiers, RBLHeader; mailets: the HeaderModifiers of LuaMailet and POP3CLT.LUA), checked so that they stay
 * header lines when {@link HeaderInsertion} writes them: {@code Name: value}, optionally followed by folded
 * continuation lines starting with a space or tab.
 *
 * <p>Field names are RFC 5322 printable characters without a colon, and may not start with a dot (the
 * SMTP data stream would take it for dot-stuffing). No line may be empty, which would end the header
 * early, or hold control characters other than tab; non-ASCII text is refused as it would need RFC 2047
 * encoding. A line is at most {@value #MAX_LINE_LENGTH} characters (RFC 5322 2.1.1), and there are at most
 * {@value #MAX_LINES} lines.
 */
public final class HeaderLines {
    public static final int MAX_LINES = 100;
    public static final int MAX_LINE_LENGTH = 998;
    /** The longest text {@value #MAX_LINES} lines make: anything longer is refused before it is split. */
    private static final int MAX_TEXT_LENGTH = MAX_LINES * (MAX_LINE_LENGTH + 2);

    private static final String HEADER_TEXT = "header text";

    private HeaderLines() {}

    /** Lines from one string, separated by CRLF or LF; {@code ""} is no line at all. */
    public static List<String> parse(String text) throws BadReturn {
        if (text.isEmpty()) {
            return List.of();
        }
        return check(LuaValues.lines(text, HEADER_TEXT, MAX_TEXT_LENGTH));
    }

    /** Lines from a string as {@link #parse(String)} does, or from a table (a sequence) of such strings. */
    public static List<String> parse(LuaValue value, String what) throws BadReturn {
        if (value.type() == LuaValue.TSTRING) {
            return parse(value.tojstring());
        }
        if (!value.istable()) {
            throw new BadReturn(what + " must be a string or a table of strings, not " + value.typename());
        }
        List<String> lines = new ArrayList<>();
        for (int i = 1; i <= value.rawlen(); i++) {
            LuaValue item = value.rawget(i);
            if (item.type() != LuaValue.TSTRING) {
                throw new BadReturn(what + "[" + i + "] must be a string, not " + item.typename());
            }
            if (item.rawlen() > 0) {
                // a table of millions of references to one line costs the script little: stop past the limit
                if (lines.size() >= MAX_LINES) {
                    throw new BadReturn("more than " + MAX_LINES + " header lines");
                }
                // sized in bytes before it is decoded
                checkTextLength(item.rawlen());
                lines.addAll(LuaValues.lines(item.tojstring()));
            }
        }
        return check(lines);
    }

    private static void checkTextLength(int length) throws BadReturn {
        if (length > MAX_TEXT_LENGTH) {
            throw new BadReturn(HEADER_TEXT + " of " + length + " characters (at most " + MAX_TEXT_LENGTH + ")");
        }
    }

    /**
     * A script's list of header lines, one an entry (the HeaderModifiers of ProcessMessage, POP3CLT.LUA and the
     * generic mailet). A line end closing an entry is dropped, as a reply's is: scripts often write
     * {@code "X-A: 1\r\n"}, and refusing it threw away the whole return, a refusal of the message included. One
     * inside an entry is refused, so that text put into a line (a subject) cannot start a header line of its own.
     */
    public static List<String> entries(List<String> entries) throws BadReturn {
        List<String> lines = new ArrayList<>(entries.size());
        for (String entry : entries) {
            lines.add(LuaValues.withoutFinalLineBreak(entry));
        }
        return check(lines);
    }

    /** Checks lines already split. */
    static List<String> check(List<String> lines) throws BadReturn {
        if (lines.size() > MAX_LINES) {
            throw new BadReturn(lines.size() + " header lines (at most " + MAX_LINES + ")");
        }
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.indexOf('\r') >= 0 || line.indexOf('\n') >= 0) {
                throw new BadReturn("a line break inside the header line " + LuaValues.quote(line));
            }
            checkCharacters(line);
            if (line.startsWith(" ") || line.startsWith("\t")) {
                if (i == 0) {
                    throw new BadReturn("a continuation line with no header line before it: " + LuaValues.quote(line));
                }
                if (line.isBlank()) {
                    throw new BadReturn("a header continuation line of blanks only");
                }
            } else {
                checkField(line);
            }
        }
        return List.copyOf(lines);
    }

    private static void checkCharacters(String line) throws BadReturn {
        if (line.isEmpty()) {
            throw new BadReturn("an empty header line, which would end the header");
        }
        if (line.length() > MAX_LINE_LENGTH) {
            throw new BadReturn("a header line of " + line.length() + " characters (at most " + MAX_LINE_LENGTH + ")");
        }
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c != '\t' && (c < 0x20 || c > 0x7E)) {
                throw new BadReturn("a header line may hold only printable US-ASCII, not character "
                        + String.format("U+%04X", (int) c) + " in " + LuaValues.quote(line));
            }
        }
    }

    private static void checkField(String line) throws BadReturn {
        int colon = line.indexOf(':');
        if (colon <= 0) {
            throw new BadReturn("not a header line (Name: value): " + LuaValues.quote(line));
        }
        if (line.charAt(0) == '.') {
            throw new BadReturn("a header name may not start with a dot: " + LuaValues.quote(line));
        }
        for (int i = 0; i < colon; i++) {
            char c = line.charAt(i);
            if (c <= 0x20 || c > 0x7E) {
                throw new BadReturn(
                        "a header name may not hold spaces or control characters: " + LuaValues.quote(line));
            }
        }
    }
}
