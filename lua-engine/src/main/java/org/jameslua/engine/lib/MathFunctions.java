package org.jameslua.engine.lib;

import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

/**
 * The {@code math} functions whose results LuaJ gets wrong at the edges, as Lua 5.2 computes them with C's
 * library: {@code log} with a base, {@code fmod} and {@code modf} of infinities, {@code frexp} and
 * {@code ldexp} of infinities and subnormal numbers.
 */
final class MathFunctions {
    private MathFunctions() {
    }

    static void install(LuaTable math) {
        math.rawset("log", Functions.of("log", MathFunctions::log));
        math.rawset("fmod", Functions.of("fmod", args -> LuaValue.valueOf(args.checkdouble(1) % args.checkdouble(2))));
        math.rawset("modf", Functions.of("modf", args -> {
            double x = args.checkdouble(1);
            double whole = x < 0 ? Math.ceil(x) : Math.floor(x);
            double fraction = Double.isInfinite(x) ? Math.copySign(0.0, x) : x - whole;
            return LuaValue.varargsOf(LuaValue.valueOf(whole), LuaValue.valueOf(fraction));
        }));
        math.rawset("frexp", Functions.of("frexp", MathFunctions::frexp));
        math.rawset("ldexp", Functions.of("ldexp",
                args -> LuaValue.valueOf(Math.scalb(args.checkdouble(1), args.checkint(2)))));
    }

    private static Varargs log(Varargs args) {
        double x = args.checkdouble(1);
        if (args.isnoneornil(2)) {
            return LuaValue.valueOf(Math.log(x));
        }
        double base = args.checkdouble(2);
        return LuaValue.valueOf(base == 10.0 ? Math.log10(x) : Math.log(x) / Math.log(base));
    }

    private static Varargs frexp(Varargs args) {
        double x = args.checkdouble(1);
        if (x == 0 || Double.isNaN(x) || Double.isInfinite(x)) {
            return LuaValue.varargsOf(LuaValue.valueOf(x), LuaValue.ZERO);
        }
        int shift = Math.getExponent(x) == Double.MIN_EXPONENT - 1 ? 54 : 0;
        double normal = Math.scalb(x, shift);
        int exponent = Math.getExponent(normal) + 1;
        return LuaValue.varargsOf(LuaValue.valueOf(Math.scalb(normal, -exponent)),
                LuaValue.valueOf(exponent - shift));
    }
}
