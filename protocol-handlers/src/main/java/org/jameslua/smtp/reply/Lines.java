package org.jameslua.smtp.reply;

import java.util.List;
import org.jameslua.james.script.BadReturn;

/** Splits the multi-line strings scripts return (replies, header lines, capabilities). */
public final class Lines {
    private Lines() {}

    /**
     * Lines separated by CRLF or LF; one final line break is dropped. A CR anywhere else is refused, since a
     * client could take it for a line end.
     */
    public static List<String> split(String text) throws BadReturn {
        String body = text.endsWith("\r\n")
                ? text.substring(0, text.length() - 2)
                : text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
        String[] lines = body.split("\r?\n", -1);
        for (String line : lines) {
            if (line.indexOf('\r') >= 0) {
                throw new BadReturn("a lone CR in " + ReplyParser.quote(line));
            }
        }
        return List.of(lines);
    }
}
