package org.jameslua.luaj;

/**
 * {@code a ^ b} as Lua 5.2 computes it, with C's {@code pow}: Java's {@link Math#pow} differs from C99 (Annex F)
 * where the base is 1, whatever the exponent ({@code 1 ^ (0/0)}, {@code 1 ^ math.huge} are 1 in C, NaN in Java),
 * and where the base is -1 and the exponent infinite (1 in C, NaN in Java). The patched LuaJ calls this for the
 * {@code ^} operator, constant folding and {@code math.pow}.
 */
public final class Power {
    private Power() {}

    public static double of(double base, double exponent) {
        if (base == 1 || (base == -1 && Double.isInfinite(exponent))) {
            return 1;
        }
        return Math.pow(base, exponent);
    }
}
