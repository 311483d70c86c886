package org.jameslua.engine.lib;

/**
 * C's {@code %a} of a finite magnitude, as glibc writes it after the {@code 0x}: the leading hex digit (1, or 0
 * for zero and subnormals), the fraction's 13 hex digits rounded half to even to the precision (trailing zeros
 * dropped when none is given), and a binary exponent. A rounding that carries out of the fraction makes the
 * leading digit 2, as glibc does, rather than moving the exponent.
 */
final class HexFloat {
    private static final int FRACTION_DIGITS = 13;
    private static final long FRACTION_MASK = (1L << 52) - 1;

    private HexFloat() {}

    static String format(double magnitude, int precision, boolean alternate) {
        long bits = Double.doubleToRawLongBits(magnitude);
        int biased = (int) (bits >>> 52);
        long fraction = bits & FRACTION_MASK;
        long leading = biased == 0 ? 0 : 1;
        int exponent = magnitude == 0 ? 0 : biased == 0 ? -1022 : biased - 1023;
        int digits = FRACTION_DIGITS;
        if (precision >= 0 && precision < FRACTION_DIGITS) {
            int dropped = 4 * (FRACTION_DIGITS - precision);
            long whole = (leading << 52) | fraction;
            long kept = whole >>> dropped;
            long rest = whole & ((1L << dropped) - 1);
            long half = 1L << (dropped - 1);
            if (rest > half || (rest == half && (kept & 1) == 1)) {
                kept++;
            }
            leading = kept >>> (4 * precision);
            fraction = kept & ((1L << (4 * precision)) - 1);
            digits = precision;
        }
        StringBuilder text = new StringBuilder(24).append(Long.toHexString(leading));
        String hex = digits == 0 ? "" : String.format("%0" + digits + "x", fraction);
        if (precision < 0) {
            int end = hex.length();
            while (end > 0 && hex.charAt(end - 1) == '0') {
                end--;
            }
            hex = hex.substring(0, end);
        } else {
            StringBuilder padded = new StringBuilder(hex);
            while (padded.length() < precision) {
                padded.append('0');
            }
            hex = padded.toString();
        }
        if (!hex.isEmpty() || alternate) {
            text.append('.').append(hex);
        }
        return text.append('p')
                .append(exponent < 0 ? '-' : '+')
                .append(Math.abs(exponent))
                .toString();
    }
}
