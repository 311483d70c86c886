package org.jameslua.engine.lib;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits the one-string command line of {@code os.timedexecute} into a program and its arguments, as the
 * Microsoft C runtime splits a Windows command line: VPOP3 passed the string to {@code CreateProcess}, so
 * scripts written for it quote that way. Nothing is given to a shell.
 *
 * <ul>
 *   <li>Spaces and tabs outside double quotes separate arguments.</li>
 *   <li>Double quotes group: whitespace between them is kept, the quotes themselves are removed, and a quoted
 *       part joins the text around it ({@code a"b c"d} is one argument {@code ab cd}). {@code ""} is an empty
 *       argument.</li>
 *   <li>Backslashes are literal ({@code C:\dir\file}) unless they come right before a double quote: then
 *       2n backslashes give n backslashes and the quote groups, 2n+1 give n backslashes and a literal quote
 *       ({@code \"} is a quote character, {@code "C:\dir\\"} ends in one backslash).</li>
 *   <li>A quote left open is an error rather than silently running to the end of the line.</li>
 * </ul>
 */
final class CommandLine {
    private CommandLine() {}

    /** @throws IllegalArgumentException when the line names no program or leaves a quote open */
    static List<String> split(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        boolean quoted = false;
        int i = 0;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (c == '\\') {
                int backslashes = 0;
                while (i < line.length() && line.charAt(i) == '\\') {
                    backslashes++;
                    i++;
                }
                boolean beforeQuote = i < line.length() && line.charAt(i) == '"';
                word.append("\\".repeat(beforeQuote ? backslashes / 2 : backslashes));
                if (beforeQuote && backslashes % 2 == 1) {
                    word.append('"');
                    i++;
                }
                inWord = true;
                continue;
            }
            if (c == '"') {
                quoted = !quoted;
                inWord = true;
            } else if ((c == ' ' || c == '\t') && !quoted) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
            i++;
        }
        if (quoted) {
            throw new IllegalArgumentException("unbalanced double quote in command line: " + line);
        }
        if (inWord) {
            words.add(word.toString());
        }
        if (words.isEmpty() || words.get(0).isEmpty()) {
            throw new IllegalArgumentException("no program given");
        }
        return words;
    }
}
