package org.jameslua.engine;

/**
 * Text a script controls (error messages, reasons, setting names, addresses), made safe for a log: CR, LF, NUL, the
 * other control characters and the Unicode line and paragraph separators are written as escapes ({@code \r},
 * {@code \n}, {@code \0}, {@code \xNN}, {@code \u2028}), so that one entry stays one line and a script cannot forge
 * entries of its own, in {@code LUAERRORS.LOG} or in James's log; and at most {@value #MAX_LOGGED} characters of it.
 */
public final class LogText {

    /**
     * The most characters of one text written to a log; the rest is counted, not written. A script's Reason or
     * error can be a string of many megabytes, which escaped (four times its length) and logged for every mail
     * held up its session and filled James's heap and log.
     */
    static final int MAX_LOGGED = 4096;

    private LogText() {}

    public static String escape(Object value) {
        String text = String.valueOf(value);
        if (text.length() > MAX_LOGGED) {
            return escape(text.substring(0, MAX_LOGGED)) + "... (" + text.length() + " characters)";
        }
        StringBuilder escaped = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String replacement = replacement(c);
            if (replacement != null && escaped == null) {
                escaped = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            if (escaped != null) {
                if (replacement != null) {
                    escaped.append(replacement);
                } else {
                    escaped.append(c);
                }
            }
        }
        return escaped == null ? text : escaped.toString();
    }

    private static String replacement(char c) {
        switch (c) {
            case '\r':
                return "\\r";
            case '\n':
                return "\\n";
            case '\0':
                return "\\0";
            case '\u2028':
            case '\u2029':
                return String.format("\\u%04x", (int) c);
            default:
                return Character.getType(c) == Character.CONTROL ? String.format("\\x%02x", (int) c) : null;
        }
    }
}
