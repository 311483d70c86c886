package org.jameslua.smtp.reply;

import java.util.ArrayList;
import java.util.List;
import org.jameslua.james.script.BadReturn;
import org.jameslua.james.script.LuaValues;

/**
 * The capabilities string of GetEHLOCapabilities(host, current): one EHLO keyword with its parameters per
 * line (e.g. {@code "PIPELINING\r\nSIZE 10485760\r\n8BITMIME"}), without reply codes; a {@code 250-} or
 * {@code 250 } before a line is tolerated and dropped. What the script returns is exactly what EHLO
 * advertises, so it can add keywords as well as remove them; {@code ""} advertises none.
 */
final class EhloCapabilities {
    static final int MAX_LINES = 64;
    static final int MAX_LENGTH = 500;

    private EhloCapabilities() {}

    static String format(List<String> capabilities) {
        return String.join("\r\n", capabilities);
    }

    static List<String> parse(String text) throws BadReturn {
        if (text.isEmpty()) {
            return List.of();
        }
        List<String> capabilities = new ArrayList<>();
        // no longer than the most capabilities can be ("250-", each, CRLF)
        for (String line : LuaValues.lines(text, "EHLO capabilities", MAX_LINES * (MAX_LENGTH + 6))) {
            String capability = line.startsWith("250-") || line.startsWith("250 ") ? line.substring(4) : line;
            if (capability.isBlank()) {
                continue;
            }
            if (capability.length() > MAX_LENGTH) {
                throw new BadReturn(
                        "an EHLO capability of " + capability.length() + " characters (at most " + MAX_LENGTH + ")");
            }
            if (capability.charAt(0) == ' ' || !capability.chars().allMatch(c -> c >= 0x20 && c <= 0x7E)) {
                throw new BadReturn(
                        "not an EHLO capability (a keyword, then printable US-ASCII): " + LuaValues.quote(capability));
            }
            capabilities.add(capability);
        }
        if (capabilities.size() > MAX_LINES) {
            throw new BadReturn(capabilities.size() + " EHLO capabilities (at most " + MAX_LINES + ")");
        }
        return List.copyOf(capabilities);
    }
}
