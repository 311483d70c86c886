package org.jameslua.luaj;

/**
 * {@code x ^ y} and {@code math.pow} as C's {@code pow} computes them for Lua 5.2. Java's {@code Math.pow} agrees
 * but for two cases C99 defines otherwise: 1 to any power, NaN included, is 1, and -1 to an infinite power is 1
 * (Java gives NaN for both).
 */
public final class Power {
    private Power() {}

    public static double pow(double base, double exponent) {
        if (base == 1 || base == -1 && Double.isInfinite(exponent)) {
            return 1;
        }
        return Math.pow(base, exponent);
    }
}
