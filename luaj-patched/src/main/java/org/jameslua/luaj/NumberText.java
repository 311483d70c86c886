package org.jameslua.luaj;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Numbers as C's printf writes them, which is how Lua 5.2 writes them: {@link #format} is Lua's
 * {@code LUA_NUMBER_FMT} ({@code "%.14g"}), what the patched LuaJ calls for every number it turns into text;
 * {@link #fixed}, {@link #exponent} and {@link #general} are the {@code %f}, {@code %e} and {@code %g}
 * conversions of a finite magnitude, without sign, width or padding. Digits are those of the exact binary value,
 * rounded half to even, as glibc rounds (Java's own formatting rounds a shortest decimal form, half up).
 */
public final class NumberText {
    /** Integers below this have at most 14 digits, which %.14g writes as they are. */
    private static final double PLAIN_INTEGER_BOUND = 1e14;

    private static final int LUA_PRECISION = 14;
    /**
     * Java's decimal form of a double is within half an ulp of it, which for a normal double is at most 11 units of
     * its 17th significant digit: when digits 15 to 17 are further than this from 500, rounding the form at 14 digits
     * rounds the exact value the same way.
     */
    private static final int TIE_WINDOW = 12;

    private NumberText() {}

    public static String format(double value) {
        if (value == (long) value && Math.abs(value) < PLAIN_INTEGER_BOUND) {
            return value == 0 && isNegative(value) ? "-0" : Long.toString((long) value);
        }
        if (Double.isNaN(value)) {
            // glibc writes the sign of a NaN; x86 makes 0/0 a negative one, so lua5.2 prints "-nan" for it
            return isNegative(value) ? "-nan" : "nan";
        }
        if (Double.isInfinite(value)) {
            return value < 0 ? "-inf" : "inf";
        }
        double magnitude = Math.abs(value);
        StringBuilder digits = new StringBuilder(20);
        // a subnormal's ulp is larger, relative to it, than TIE_WINDOW allows for
        int exponent = magnitude < Double.MIN_NORMAL ? Integer.MIN_VALUE : roundedFromJavaText(magnitude, digits);
        if (exponent == Integer.MIN_VALUE) {
            digits.setLength(0);
            exponent = significantDigits(magnitude, LUA_PRECISION, digits);
        }
        StringBuilder text = new StringBuilder(24);
        if (value < 0) {
            text.append('-');
        }
        return layoutGeneral(digits, exponent, LUA_PRECISION, false, text).toString();
    }

    /** Whether the sign bit is set: true for -0 and for negative NaNs too. */
    public static boolean isNegative(double value) {
        return Double.doubleToRawLongBits(value) < 0;
    }

    /** {@code %.<precision>f}; {@code alternate} ({@code #}) keeps the point when no digit follows it. */
    public static String fixed(double magnitude, int precision, boolean alternate) {
        String text = new BigDecimal(magnitude)
                .setScale(precision, RoundingMode.HALF_EVEN)
                .toPlainString();
        return precision == 0 && alternate ? text + "." : text;
    }

    /** {@code %.<precision>e}: one digit, the point, {@code precision} digits, and an exponent of 2 digits or more. */
    public static String exponent(double magnitude, int precision, boolean alternate) {
        StringBuilder digits = new StringBuilder(precision + 8);
        int exponent = significantDigits(magnitude, precision + 1, digits);
        return layoutExponent(digits, exponent, alternate, new StringBuilder(precision + 8))
                .toString();
    }

    /**
     * {@code %.<precision>g}: the value rounded to {@code precision} significant digits, written as {@code %e}
     * when its exponent is below -4 or not below the precision, else as {@code %f}; without the trailing zeros
     * of its fraction unless {@code alternate}.
     */
    public static String general(double magnitude, int precision, boolean alternate) {
        int significant = precision == 0 ? 1 : precision;
        StringBuilder digits = new StringBuilder(significant + 2);
        int exponent = significantDigits(magnitude, significant, digits);
        return layoutGeneral(digits, exponent, significant, alternate, new StringBuilder(significant + 8))
                .toString();
    }

    private static StringBuilder layoutGeneral(
            StringBuilder digits, int exponent, int precision, boolean alternate, StringBuilder text) {
        if (!alternate) {
            int end = digits.length();
            while (end > 1 && digits.charAt(end - 1) == '0') {
                end--;
            }
            digits.setLength(end);
        }
        if (exponent < -4 || exponent >= precision) {
            return layoutExponent(digits, exponent, alternate, text);
        }
        if (exponent < 0) {
            text.append("0.");
            for (int i = -1; i > exponent; i--) {
                text.append('0');
            }
            return text.append(digits);
        }
        int integerDigits = exponent + 1;
        if (digits.length() <= integerDigits) {
            text.append(digits);
            for (int i = digits.length(); i < integerDigits; i++) {
                text.append('0');
            }
            return alternate ? text.append('.') : text;
        }
        return text.append(digits, 0, integerDigits).append('.').append(digits, integerDigits, digits.length());
    }

    private static StringBuilder layoutExponent(
            StringBuilder digits, int exponent, boolean alternate, StringBuilder text) {
        text.append(digits.charAt(0));
        if (digits.length() > 1 || alternate) {
            text.append('.');
        }
        text.append(digits, 1, digits.length()).append('e').append(exponent < 0 ? '-' : '+');
        int size = Math.abs(exponent);
        if (size < 10) {
            text.append('0');
        }
        return text.append(size);
    }

    /**
     * The first {@code count} significant digits of the magnitude, rounded from its exact binary value, into
     * {@code digits}; returns the decimal exponent of the first.
     */
    private static int significantDigits(double magnitude, int count, StringBuilder digits) {
        if (magnitude == 0) {
            for (int i = 0; i < count; i++) {
                digits.append('0');
            }
            return 0;
        }
        BigDecimal rounded = new BigDecimal(magnitude).round(new MathContext(count, RoundingMode.HALF_EVEN));
        String unscaled = rounded.unscaledValue().toString();
        int exponent = unscaled.length() - 1 - rounded.scale();
        digits.append(unscaled);
        // an exact value with fewer digits (0.5), or a rounding up to a power of ten, leaves the count to fill
        while (digits.length() < count) {
            digits.append('0');
        }
        digits.setLength(count);
        return exponent;
    }

    /**
     * The fast way to {@link #significantDigits} for %.14g: Java's decimal form of the magnitude, rounded at 14
     * digits, when that is sure to round as the exact value does; {@code Integer.MIN_VALUE} when it is not.
     */
    private static int roundedFromJavaText(double magnitude, StringBuilder digits) {
        String text = Double.toString(magnitude);
        int e = text.indexOf('E');
        int end = e < 0 ? text.length() : e;
        int exponent = (e < 0 ? 0 : Integer.parseInt(text.substring(e + 1))) - 1;
        boolean leading = true;
        for (int i = 0; i < end; i++) {
            char c = text.charAt(i);
            if (c == '.') {
                continue;
            }
            if (leading && c == '0') {
                exponent--;
                continue;
            }
            if (leading) {
                leading = false;
            }
            digits.append(c);
        }
        exponent += text.indexOf('.');
        if (digits.length() <= LUA_PRECISION) {
            return exponent;
        }
        int tail = 0;
        for (int i = LUA_PRECISION; i < LUA_PRECISION + 3; i++) {
            tail = tail * 10 + (i < digits.length() ? digits.charAt(i) - '0' : 0);
        }
        if (Math.abs(tail - 500) <= TIE_WINDOW) {
            return Integer.MIN_VALUE;
        }
        digits.setLength(LUA_PRECISION);
        if (tail > 500) {
            int at = LUA_PRECISION - 1;
            while (at >= 0 && digits.charAt(at) == '9') {
                digits.setCharAt(at--, '0');
            }
            if (at < 0) {
                digits.insert(0, '1').setLength(LUA_PRECISION);
                exponent++;
            } else {
                digits.setCharAt(at, (char) (digits.charAt(at) + 1));
            }
        }
        return exponent;
    }
}
