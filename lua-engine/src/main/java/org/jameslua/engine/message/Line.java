package org.jameslua.engine.message;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One line of a message as {@link LineInput} read it: where it starts, how long it is, how it ends, and its
 * first bytes. Only the head is kept, so a line of any length costs the same memory; everything MIME needs to
 * recognise (boundaries, header fields, {@code begin}/{@code end} lines) fits in it.
 */
final class Line {
    static final int HEAD = 16 * 1024;
    // most lines are short: the head grows to HEAD only for a line that needs it
    private static final int FIRST_HEAD = 256;

    private byte[] head = new byte[FIRST_HEAD];
    private int headLength;
    private long start;
    private long length;
    private int eol;

    void begin(long offset) {
        start = offset;
        length = 0;
        headLength = 0;
        eol = 0;
    }

    void content(byte[] bytes, int offset, int count) {
        int kept = Math.min(count, HEAD - headLength);
        if (headLength + kept > head.length) {
            head = Arrays.copyOf(head, Math.min(HEAD, Math.max(2 * head.length, headLength + kept)));
        }
        System.arraycopy(bytes, offset, head, headLength, kept);
        headLength += kept;
        length += count;
    }

    void end(int eolLength) {
        eol = eolLength;
    }

    /** Offset of the line's first byte from the start of the message. */
    long start() {
        return start;
    }

    /** Bytes before the line end. */
    long length() {
        return length;
    }

    /** Bytes of the line end: 2 for CRLF, 1 for a bare LF or CR, 0 for a last line without one. */
    int eol() {
        return eol;
    }

    /** Offset just past the line end, where the next line starts. */
    long end() {
        return start + length + eol;
    }

    boolean isEmpty() {
        return length == 0;
    }

    /** Whether the whole line (its line end aside) is in the head. */
    boolean isWhole() {
        return length == headLength;
    }

    int headLength() {
        return headLength;
    }

    int at(int index) {
        return head[index] & 0xFF;
    }

    byte[] head() {
        return head;
    }

    boolean startsWith(String ascii) {
        return headLength >= ascii.length() && matchesAt(0, ascii);
    }

    private boolean matchesAt(int from, String ascii) {
        for (int i = 0; i < ascii.length(); i++) {
            if (head[from + i] != ascii.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** Whether the head holds the ASCII text somewhere. */
    boolean contains(String ascii) {
        for (int from = 0; from + ascii.length() <= headLength; from++) {
            if (matchesAt(from, ascii)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the line is the ASCII text, trailing blanks aside. */
    boolean is(String ascii) {
        int end = headLength;
        while (end > 0 && (head[end - 1] == ' ' || head[end - 1] == '\t')) {
            end--;
        }
        return end == ascii.length() && matchesAt(0, ascii);
    }

    /** The head without trailing blanks, as Latin-1 text. */
    String trimmedText() {
        int end = headLength;
        while (end > 0 && (head[end - 1] == ' ' || head[end - 1] == '\t')) {
            end--;
        }
        return new String(head, 0, end, StandardCharsets.ISO_8859_1);
    }
}
