package org.jameslua.engine.lib;

import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

/**
 * The {@code math} functions whose results LuaJ gets wrong at the edges, as Lua 5.2 computes them with C's
 * library: {@code log} with a base, {@code fmod} and {@code modf} of infinities and -0, {@code frexp} and
 * {@code ldexp} of infinities and subnormal numbers ({@code ldexp}'s exponent a C int: {@code math.huge} is 0),
 * {@code min} and {@code max} of equal numbers (0 and -0) and of NaN, {@code deg} divided by pi/180 as Lua 5.2
 * does (multiplying by 180/pi rounds otherwise), {@code log10}, {@code cosh} and {@code sinh} to glibc's last bit
 * ({@link GlibcMath}), and the NaN of a domain error: glibc's {@code asin}, {@code acos} and {@code log10} return
 * a positive NaN ({@code nan}), where the x86 arithmetic Java computes them with gives its default NaN
 * ({@code -nan}).
 */
public final class MathFunctions {
    /**
     * Lua 5.2.4 passes both argument checks of fmod and atan2 straight to the C function, and the C compiler of
     * Debian's lua5.2 evaluates the second first: {@code math.fmod()} blames argument #2, so the checks here run in
     * that order.
     */
    private static final LuaValue FMOD = Functions.of("fmod", args -> {
        double y = args.checkdouble(2);
        return LuaValue.valueOf(args.checkdouble(1) % y);
    });

    private static final LuaValue ATAN2 = Functions.of("atan2", args -> {
        double x = args.checkdouble(2);
        return LuaValue.valueOf(Math.atan2(args.checkdouble(1), x));
    });

    /**
     * Lua 5.0's {@code math.mod}, which the compat library installs: fmod as a function of its own, not fmod under a
     * second name, since an argument error raised through pcall names the function by the first name found holding
     * it, and {@code pcall(math.fmod)} must say fmod.
     */
    public static final LuaValue MOD = Functions.of("mod", FMOD::invoke);

    /** {@code math.log10}, which Lua 5.2 keeps for 5.1 scripts and the Lua 5.0 compat library installs. */
    public static final LuaValue LOG10 =
            Functions.of("log10", args -> LuaValue.valueOf(GlibcMath.log10(args.checkdouble(1))));

    private MathFunctions() {}

    static void install(LuaTable math) {
        math.rawset("log", Functions.of("log", MathFunctions::log));
        math.rawset("fmod", FMOD);
        math.rawset("atan2", ATAN2);
        math.rawset("modf", Functions.of("modf", args -> {
            double x = args.checkdouble(1);
            double whole = x < 0 ? Math.ceil(x) : Math.floor(x);
            // C's modf gives the fraction the sign of x: -0 for -3 and for -0
            double fraction = Double.isInfinite(x) ? Math.copySign(0.0, x) : Math.copySign(x - whole, x);
            return LuaValue.varargsOf(LuaValue.valueOf(whole), LuaValue.valueOf(fraction));
        }));
        math.rawset("frexp", Functions.of("frexp", MathFunctions::frexp));
        math.rawset("min", Functions.of("min", args -> extreme(args, -1)));
        math.rawset("max", Functions.of("max", args -> extreme(args, 1)));
        math.rawset("ldexp", Functions.of("ldexp", args -> {
            double x = args.checkdouble(1);
            return LuaValue.valueOf(Math.scalb(x, CIntegers.checkInt(args, 2)));
        }));
        math.rawset("deg", Functions.of("deg", args -> LuaValue.valueOf(args.checkdouble(1) / (Math.PI / 180.0))));
        math.rawset("asin", Functions.of("asin", args -> LuaValue.valueOf(inverseSine(args.checkdouble(1), true))));
        math.rawset("acos", Functions.of("acos", args -> LuaValue.valueOf(inverseSine(args.checkdouble(1), false))));
        math.rawset("cosh", Functions.of("cosh", args -> LuaValue.valueOf(GlibcMath.cosh(args.checkdouble(1)))));
        math.rawset("sinh", Functions.of("sinh", args -> LuaValue.valueOf(GlibcMath.sinh(args.checkdouble(1)))));
    }

    private static double inverseSine(double x, boolean sine) {
        if (Math.abs(x) > 1) {
            return Double.NaN;
        }
        return sine ? Math.asin(x) : Math.acos(x);
    }

    /**
     * Lua 5.2's loop: the first argument, replaced by each later one that is strictly smaller ({@code sign} -1)
     * or larger (1); so of equal numbers the first is kept, and a NaN first is kept (Java's Math.min and max
     * order -0 below 0 and let any NaN win).
     */
    private static Varargs extreme(Varargs args, int sign) {
        double extreme = args.checkdouble(1);
        for (int i = 2, n = args.narg(); i <= n; i++) {
            double candidate = args.checkdouble(i);
            if (sign < 0 ? candidate < extreme : candidate > extreme) {
                extreme = candidate;
            }
        }
        return LuaValue.valueOf(extreme);
    }

    private static Varargs log(Varargs args) {
        double x = args.checkdouble(1);
        if (args.isnoneornil(2)) {
            return LuaValue.valueOf(Math.log(x));
        }
        double base = args.checkdouble(2);
        return LuaValue.valueOf(base == 10.0 ? GlibcMath.log10(x) : Math.log(x) / Math.log(base));
    }

    private static Varargs frexp(Varargs args) {
        double x = args.checkdouble(1);
        if (x == 0 || Double.isNaN(x) || Double.isInfinite(x)) {
            return LuaValue.varargsOf(LuaValue.valueOf(x), LuaValue.ZERO);
        }
        int shift = Math.getExponent(x) == Double.MIN_EXPONENT - 1 ? 54 : 0;
        double normal = Math.scalb(x, shift);
        int exponent = Math.getExponent(normal) + 1;
        return LuaValue.varargsOf(LuaValue.valueOf(Math.scalb(normal, -exponent)), LuaValue.valueOf(exponent - shift));
    }
}
