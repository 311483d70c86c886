package org.jameslua.engine.lib;

import org.jameslua.luaj.Numeral;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.ArgumentError;

/**
 * {@code tonumber} as Lua 5.2 has it, over the one numeral reader every string-to-number coercion uses
 * ({@link Numeral}, behind the patched LuaJ's {@code LuaString.tonumber}): decimal and hexadecimal numerals with
 * optional sign and surrounding white space, or, with a base, digits of that base alone.
 */
public final class Numerals {
    private Numerals() {}

    static Varargs tonumber(Varargs args) {
        if (args.narg() == 0) {
            throw ArgumentError.problem(1, "value expected");
        }
        // a numeral may have any number of spaces around it, each read
        StringBound.lookBeforeReading(args.arg1());
        if (args.isnoneornil(2)) {
            return args.arg1().tonumber();
        }
        int base = args.checkint(2);
        if (base < 2 || base > 36) {
            throw ArgumentError.problem(2, "base out of range");
        }
        return args.checkstring(1).tonumber(base);
    }

    /** A numeral as the Lua 5.2 lexer and {@code tonumber} read it, or nil. */
    public static LuaValue parse(String numeral) {
        double value = Numeral.value(numeral);
        return Double.isNaN(value) ? LuaValue.NIL : LuaValue.valueOf(value);
    }
}
