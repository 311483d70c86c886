package org.jameslua.luaj;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Numbers as C's printf writes them, which is how Lua 5.2 writes them: {@link #format} is Lua's
 * {@code LUA_NUMBER_FMT} ({@code "%.14g"}), what the patched LuaJ calls for every number it turns into text;
 * {@link #fixed}, {@link #exponent} and {@link #general} are the {@code %f}, {@code %e} and {@code %g}
 * conversions of a finite magnitude, without sign, width or padding. Digits come from the exact binary value,
 * rounded half to even, as glibc rounds (Java's own formatting rounds a shortest decimal form, half up).
 */
public final class NumberText {
    /** Integers below this have at most 14 digits, which %.14g writes as they are. */
    private static final double PLAIN_INTEGER_BOUND = 1e14;
    private static final int LUA_PRECISION = 14;

    private NumberText() {
    }

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
        String magnitude = general(Math.abs(value), LUA_PRECISION, false);
        return value < 0 ? "-" + magnitude : magnitude;
    }

    /** Whether the sign bit is set: true for -0 and for negative NaNs too. */
    public static boolean isNegative(double value) {
        return Double.doubleToRawLongBits(value) < 0;
    }

    /** {@code %.<precision>f}; {@code alternate} ({@code #}) keeps the point when no digit follows it. */
    public static String fixed(double magnitude, int precision, boolean alternate) {
        String text = new BigDecimal(magnitude).setScale(precision, RoundingMode.HALF_EVEN).toPlainString();
        return precision == 0 && alternate ? text + "." : text;
    }

    /** {@code %.<precision>e}: one digit, the point, {@code precision} digits, and an exponent of 2 digits or more. */
    public static String exponent(double magnitude, int precision, boolean alternate) {
        StringBuilder digits = new StringBuilder(precision + 8);
        int exponent = significantDigits(magnitude, precision + 1, digits);
        StringBuilder text = new StringBuilder(precision + 8);
        text.append(digits.charAt(0));
        if (precision > 0 || alternate) {
            text.append('.');
        }
        text.append(digits, 1, digits.length()).append('e').append(exponent < 0 ? '-' : '+');
        int size = Math.abs(exponent);
        if (size < 10) {
            text.append('0');
        }
        return text.append(size).toString();
    }

    /**
     * {@code %.<precision>g}: {@code %e} or {@code %f} by the exponent of the value rounded to {@code precision}
     * significant digits, then, unless {@code alternate}, without the trailing zeros of its fraction.
     */
    public static String general(double magnitude, int precision, boolean alternate) {
        int significant = precision == 0 ? 1 : precision;
        int exponent = significantDigits(magnitude, significant, new StringBuilder(significant + 2));
        String text = exponent < -4 || exponent >= significant
                ? exponent(magnitude, significant - 1, alternate)
                : fixed(magnitude, significant - 1 - exponent, alternate);
        return alternate ? text : withoutTrailingZeros(text);
    }

    /** Puts the first {@code count} significant digits of the magnitude, rounded, into {@code digits}; returns the decimal exponent. */
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
        // an exact value with fewer digits (0.5) or a rounding up to a power of ten leaves the count to fill
        while (digits.length() < count) {
            digits.append('0');
        }
        digits.setLength(count);
        return exponent;
    }

    private static String withoutTrailingZeros(String text) {
        int point = text.indexOf('.');
        if (point < 0) {
            return text;
        }
        int exponentAt = text.indexOf('e');
        int end = exponentAt < 0 ? text.length() : exponentAt;
        int cut = end;
        while (cut > point + 1 && text.charAt(cut - 1) == '0') {
            cut--;
        }
        if (cut == point + 1) {
            cut = point;
        }
        return text.substring(0, cut) + text.substring(end);
    }
}
