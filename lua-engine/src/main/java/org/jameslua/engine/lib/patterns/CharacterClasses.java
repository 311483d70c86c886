package org.jameslua.engine.lib.patterns;

/**
 * The {@code %a}, {@code %d}, ... classes of Lua patterns, decided as C's {@code <ctype.h>} does in the "C"
 * locale: on bytes, with no byte above 127 in any class.
 */
final class CharacterClasses {
    private static final int ALPHA = 1;
    private static final int CONTROL = 1 << 1;
    private static final int DIGIT = 1 << 2;
    private static final int GRAPH = 1 << 3;
    private static final int LOWER = 1 << 4;
    private static final int PUNCTUATION = 1 << 5;
    private static final int SPACE = 1 << 6;
    private static final int UPPER = 1 << 7;
    private static final int HEX_DIGIT = 1 << 8;
    private static final int ZERO = 1 << 9;

    private static final int[] CLASSES_OF_BYTE = classesOfBytes();

    private CharacterClasses() {}

    /**
     * Whether byte {@code c} is in the class that {@code %letter} names. An upper-case class letter is the
     * complement; any other byte after {@code %} stands for itself.
     */
    static boolean matches(int c, int letter) {
        int classBit = classBit(letter);
        if (classBit == 0) {
            return letter == c;
        }
        boolean in = (CLASSES_OF_BYTE[c] & classBit) != 0;
        return (letter >= 'a') == in;
    }

    /** {@code %z} is not in the 5.2 manual but 5.2 still accepts it, and scripts written for 5.0 and 5.1 use it. */
    private static int classBit(int letter) {
        switch (letter | 0x20) {
            case 'a':
                return ALPHA;
            case 'c':
                return CONTROL;
            case 'd':
                return DIGIT;
            case 'g':
                return GRAPH;
            case 'l':
                return LOWER;
            case 'p':
                return PUNCTUATION;
            case 's':
                return SPACE;
            case 'u':
                return UPPER;
            case 'w':
                return ALPHA | DIGIT;
            case 'x':
                return HEX_DIGIT;
            case 'z':
                return ZERO;
            default:
                return 0;
        }
    }

    private static int[] classesOfBytes() {
        int[] classes = new int[256];
        classes[0] = ZERO;
        for (int c = 0; c < 128; c++) {
            boolean upper = c >= 'A' && c <= 'Z';
            boolean lower = c >= 'a' && c <= 'z';
            boolean digit = c >= '0' && c <= '9';
            boolean graph = c > ' ' && c < 127;
            classes[c] |= (upper || lower ? ALPHA : 0)
                    | (c < ' ' || c == 127 ? CONTROL : 0)
                    | (digit ? DIGIT : 0)
                    | (graph ? GRAPH : 0)
                    | (lower ? LOWER : 0)
                    | (graph && !upper && !lower && !digit ? PUNCTUATION : 0)
                    | (c == ' ' || (c >= '\t' && c <= '\r') ? SPACE : 0)
                    | (upper ? UPPER : 0)
                    | (digit || (c | 0x20) >= 'a' && (c | 0x20) <= 'f' ? HEX_DIGIT : 0);
        }
        return classes;
    }
}
