package org.jameslua.luaj;

import java.nio.charset.StandardCharsets;

/**
 * Text read as a number the way Lua 5.2 reads it ({@code luaO_str2d}, C's {@code strtod}): the one reader behind
 * the patched LuaJ's every string-to-number coercion ({@code tonumber}, arithmetic on strings, a string where a
 * library function wants a number) and the engine's own. A numeral is decimal ({@code 1e5}, {@code .5},
 * {@code 5.}) or hexadecimal ({@code 0x1p4}, {@code 0xA.8}, {@code 0x.8}), with an optional sign and white space
 * around it; anything else, {@code "0x"}, {@code "1e"}, {@code "inf"}, {@code "nan"}, {@code "1\0"} among them, is
 * none, which these methods answer with NaN (a numeral never reads as NaN). Values are correctly rounded, as
 * glibc's strtod rounds them, hexadecimal ones included.
 */
public final class Numeral {
    private static final int DOUBLE_PRECISION = 53;
    private static final int MIN_EXPONENT = -1074;
    private static final int MAX_EXPONENT = 1023;
    /** Hexadecimal digits kept exactly: 15 of them (60 bits) leave room to round at 53 bits. */
    private static final int KEPT_HEX_DIGITS = 15;
    /** Far beyond any double's exponent, and far from overflowing a long when added to. */
    private static final long EXPONENT_BOUND = 1L << 40;

    private static final int PLAIN_DIGITS = 9;

    private Numeral() {}

    /** The number {@code bytes[offset, offset + length)} reads as, or NaN when it is no numeral. */
    public static double value(byte[] bytes, int offset, int length) {
        int start = offset;
        int end = offset + length;
        while (start < end && isSpace(bytes[start])) {
            start++;
        }
        while (end > start && isSpace(bytes[end - 1])) {
            end--;
        }
        if (start == end) {
            return Double.NaN;
        }
        boolean negative = bytes[start] == '-';
        int at = negative || bytes[start] == '+' ? start + 1 : start;
        if (end - at > 2 && bytes[at] == '0' && (bytes[at + 1] == 'x' || bytes[at + 1] == 'X')) {
            double magnitude = hexadecimal(bytes, at + 2, end);
            return negative ? -magnitude : magnitude;
        }
        return decimal(bytes, start, at, end, negative);
    }

    /** {@link #value} of a Java string's characters, for host code reading text that is not yet a Lua string. */
    public static double value(String text) {
        byte[] bytes = new byte[text.length()];
        for (int i = 0; i < bytes.length; i++) {
            char c = text.charAt(i);
            // any character outside Latin-1 fails the numeral, as the byte '?' does
            bytes[i] = c < 256 ? (byte) c : (byte) '?';
        }
        return value(bytes, 0, bytes.length);
    }

    /**
     * {@code tonumber(text, base)}: an optional sign and the digits and letters of the base (2 to 36, either
     * case), with white space around them; NaN when the text is anything else or the base out of range.
     */
    public static double valueInBase(byte[] bytes, int offset, int length, int base) {
        if (base < 2 || base > 36) {
            return Double.NaN;
        }
        int at = offset;
        int end = offset + length;
        while (at < end && isSpace(bytes[at])) {
            at++;
        }
        boolean negative = at < end && bytes[at] == '-';
        if (at < end && (bytes[at] == '-' || bytes[at] == '+')) {
            at++;
        }
        int first = at;
        double value = 0;
        for (; at < end; at++) {
            int digit = alphanumericDigit(bytes[at]);
            if (digit < 0 || digit >= base) {
                break;
            }
            value = value * base + digit;
        }
        if (at == first) {
            return Double.NaN;
        }
        while (at < end && isSpace(bytes[at])) {
            at++;
        }
        return at == end ? (negative ? -value : value) : Double.NaN;
    }

    /** [sign] (digits [. digits] | . digits) [(e|E) [sign] digits], nothing more. */
    private static double decimal(byte[] bytes, int start, int at, int end, boolean negative) {
        int whole = digitsFrom(bytes, at, end);
        if (whole == end && whole - at <= PLAIN_DIGITS) {
            int value = 0;
            for (int i = at; i < end; i++) {
                value = value * 10 + bytes[i] - '0';
            }
            return whole == at ? Double.NaN : negative ? -(double) value : value;
        }
        int next = whole;
        int fractionDigits = 0;
        if (next < end && bytes[next] == '.') {
            int fractionEnd = digitsFrom(bytes, next + 1, end);
            fractionDigits = fractionEnd - next - 1;
            next = fractionEnd;
        }
        if (whole == at && fractionDigits == 0) {
            return Double.NaN;
        }
        if (next < end && (bytes[next] == 'e' || bytes[next] == 'E')) {
            int sign = next + 1 < end && (bytes[next + 1] == '+' || bytes[next + 1] == '-') ? next + 2 : next + 1;
            int exponentEnd = digitsFrom(bytes, sign, end);
            if (exponentEnd == sign) {
                return Double.NaN;
            }
            next = exponentEnd;
        }
        if (next != end) {
            return Double.NaN;
        }
        // the text is now known to be ASCII that Java reads as strtod does (both correctly rounded)
        return Double.parseDouble(new String(bytes, start, end - start, StandardCharsets.ISO_8859_1));
    }

    /** 0x already read: hexdigits [. hexdigits] (at least one digit) [(p|P) [sign] digits], nothing more. */
    private static double hexadecimal(byte[] bytes, int at, int end) {
        long mantissa = 0;
        int kept = 0;
        boolean inexact = false;
        long exponent = 0;
        int digits = 0;
        boolean fraction = false;
        for (; at < end; at++) {
            byte c = bytes[at];
            if (c == '.' && !fraction) {
                fraction = true;
                continue;
            }
            int digit = hexDigit(c);
            if (digit < 0) {
                break;
            }
            digits++;
            if (kept < KEPT_HEX_DIGITS) {
                mantissa = mantissa * 16 + digit;
                if (mantissa != 0) {
                    kept++;
                }
                if (fraction) {
                    exponent -= 4;
                }
            } else {
                inexact |= digit != 0;
                if (!fraction) {
                    exponent += 4;
                }
            }
        }
        if (digits == 0) {
            return Double.NaN;
        }
        if (at < end && (bytes[at] == 'p' || bytes[at] == 'P')) {
            boolean negative = at + 1 < end && bytes[at + 1] == '-';
            int sign = at + 1 < end && (bytes[at + 1] == '+' || negative) ? at + 2 : at + 1;
            long power = 0;
            for (at = sign; at < end && bytes[at] >= '0' && bytes[at] <= '9'; at++) {
                power = Math.min(EXPONENT_BOUND, power * 10 + bytes[at] - '0');
            }
            if (at == sign) {
                return Double.NaN;
            }
            exponent += negative ? -power : power;
        }
        return at == end ? scaled(mantissa, inexact, exponent) : Double.NaN;
    }

    /**
     * {@code (mantissa + a little when inexact) * 2^exponent}, rounded to the nearest double, ties to even (the
     * little is less than one unit of the mantissa, so it only breaks ties and makes halves more than half).
     */
    private static double scaled(long mantissa, boolean inexact, long exponent) {
        if (mantissa == 0) {
            return 0;
        }
        int bits = Long.SIZE - Long.numberOfLeadingZeros(mantissa);
        long top = bits - 1 + exponent;
        if (top > MAX_EXPONENT) {
            return Double.POSITIVE_INFINITY;
        }
        if (top < MIN_EXPONENT - 1) {
            return 0;
        }
        // bits a double can hold at this magnitude: fewer than 53 among the subnormals
        int precision = (int) Math.min(DOUBLE_PRECISION, top - MIN_EXPONENT + 1);
        int dropped = bits - precision;
        if (dropped <= 0) {
            return Math.scalb((double) mantissa, (int) exponent);
        }
        long kept = mantissa >>> dropped;
        long rest = mantissa & ((1L << dropped) - 1);
        long half = 1L << (dropped - 1);
        if (rest > half || rest == half && (inexact || (kept & 1) == 1)) {
            kept++;
        }
        return Math.scalb((double) kept, (int) (exponent + dropped));
    }

    private static int digitsFrom(byte[] bytes, int at, int end) {
        while (at < end && bytes[at] >= '0' && bytes[at] <= '9') {
            at++;
        }
        return at;
    }

    private static int hexDigit(byte c) {
        int digit = alphanumericDigit(c);
        return digit < 16 ? digit : -1;
    }

    /** A digit's value, a letter's (either case) from 10 to 35, -1 for any other byte. */
    private static int alphanumericDigit(byte c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'z') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'Z') {
            return c - 'A' + 10;
        }
        return -1;
    }

    /**
     * C's isspace in the C locale, Lua 5.2's {@code lisspace}: what the lexer skips between tokens and after
     * {@code \z}, and what surrounds a numeral in a string. A byte, or the lexer's end of text (-1).
     */
    public static boolean isSpace(int c) {
        return c == ' ' || c >= '\t' && c <= '\r';
    }
}
