package org.jameslua.smtp.reply;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.james.protocols.api.Response;
import org.jameslua.james.script.BadReturn;
import org.jameslua.james.script.LuaValues;

/**
 * Reads the SMTP replies scripts return, such as {@code "550 5.7.1 Go away"}, strictly: nothing a script
 * returns may reach the client unless it is one well-formed reply (RFC 5321 4.2).
 *
 * <ul>
 *   <li>A three-digit code from 200 to 599, then a space and text, or nothing.</li>
 *   <li>Several lines only as a proper multi-line reply: lines separated by CRLF (or LF), every line with the
 *       same code, {@code "250-"} on all lines but the last, which has {@code "250 "}; one final line break is
 *       allowed.</li>
 *   <li>Text of printable US-ASCII and tabs only, so no CR, LF or other control character can smuggle
 *       another reply or command; at most 510 characters a line (512 with CRLF) and {@value #MAX_LINES} lines.</li>
 * </ul>
 */
public final class ReplyParser {
    public static final int MAX_LINES = 64;
    /** RFC 5321 4.5.3.1.5: a reply line is at most 512 octets, CRLF included. */
    public static final int MAX_LINE_LENGTH = 510;

    private ReplyParser() {}

    /**
     * @return empty for {@code ""}, which in every callback means "James's own reply"
     * @throws BadReturn saying what is wrong with the text
     */
    public static Optional<Reply> parse(String text) throws BadReturn {
        if (text.isEmpty()) {
            return Optional.empty();
        }
        List<String> lines = LuaValues.lines(text, "a reply", MAX_LINES * (MAX_LINE_LENGTH + 2));
        if (lines.size() > MAX_LINES) {
            throw new BadReturn("a reply of " + lines.size() + " lines (at most " + MAX_LINES + ")");
        }
        int code = -1;
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            boolean last = i == lines.size() - 1;
            int lineCode = code(line);
            if (code >= 0 && lineCode != code) {
                throw new BadReturn("reply lines with different codes: " + LuaValues.quote(line));
            }
            code = lineCode;
            texts.add(text(line, last));
        }
        return Optional.of(new Reply(code, texts));
    }

    /** The reply James gave, in the form scripts read and write, e.g. for DoHELP's argument. */
    public static String wireText(Response response) {
        return String.join("\r\n", response.getLines());
    }

    private static int code(String line) throws BadReturn {
        if (line.length() < 3 || !isCode(line)) {
            throw new BadReturn("not an SMTP reply (a code from 200 to 599 first): " + LuaValues.quote(line));
        }
        return Integer.parseInt(line.substring(0, 3));
    }

    private static boolean isCode(String line) {
        return line.charAt(0) >= '2' && line.charAt(0) <= '5' && isDigit(line.charAt(1)) && isDigit(line.charAt(2));
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static String text(String line, boolean last) throws BadReturn {
        if (line.length() > MAX_LINE_LENGTH) {
            throw new BadReturn("a reply line of " + line.length() + " characters (at most " + MAX_LINE_LENGTH + ")");
        }
        if (line.length() == 3) {
            if (!last) {
                throw new BadReturn(
                        "a reply line before the last without '-' after its code: " + LuaValues.quote(line));
            }
            return "";
        }
        char separator = line.charAt(3);
        if (last ? separator != ' ' : separator != '-') {
            throw new BadReturn(
                    (last ? "the last reply line must have a space" : "reply lines before the last must have" + " '-'")
                            + " after the code: " + LuaValues.quote(line));
        }
        String text = line.substring(4);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '\t' && (c < 0x20 || c > 0x7E)) {
                throw new BadReturn("a reply may hold only printable US-ASCII, not character "
                        + String.format("U+%04X", (int) c) + " in " + LuaValues.quote(line));
            }
        }
        return text;
    }
}
