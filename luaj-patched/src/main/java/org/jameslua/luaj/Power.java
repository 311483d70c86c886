package org.jameslua.luaj;

/**
 * {@code x ^ y} and {@code math.pow} as glibc's {@code pow} computes them for Lua 5.2. Java's {@code Math.pow}
 * agrees but where C99 and glibc define otherwise: 1 to any power, NaN included, is 1, and -1 to an infinite power
 * is 1 (Java gives NaN for both); a NaN with its sign bit set ({@code 0/0} on x86) to an odd integer power is a
 * positive NaN (glibc squares x, then negates the square of a negative x for an odd y), which {@code tostring}
 * shows: {@code (0/0) ^ 3} is {@code nan}, {@code (0/0) ^ 2} is {@code -nan}.
 */
public final class Power {
    /** Doubles from 2^53 on are all even integers. */
    private static final double ODD_BOUND = 0x1p53;

    private Power() {}

    public static double pow(double base, double exponent) {
        if (base == 1 || base == -1 && Double.isInfinite(exponent)) {
            return 1;
        }
        long bits = Double.doubleToRawLongBits(base);
        if (Double.isNaN(base) && bits < 0 && isOddInteger(exponent)) {
            return Double.longBitsToDouble(bits & Long.MAX_VALUE);
        }
        return Math.pow(base, exponent);
    }

    private static boolean isOddInteger(double y) {
        return Math.abs(y) < ODD_BOUND && y == Math.rint(y) && ((long) y & 1) != 0;
    }
}
