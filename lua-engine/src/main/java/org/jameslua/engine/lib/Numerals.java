package org.jameslua.engine.lib;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

/**
 * {@code tonumber} as Lua 5.2 reads numerals: decimal ({@code 1e5}, {@code .5}) and hexadecimal ({@code 0x1p4},
 * {@code 0xA.8}) with optional sign and surrounding white space; anything else, {@code "0x"}, {@code "1e"},
 * {@code "inf"} or {@code "nan"} among them, is not a number. With a base, digits of that base alone.
 */
public final class Numerals {
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Pattern HEXADECIMAL = Pattern.compile(
            "([+-]?)0[xX]([0-9a-fA-F]*)(?:\\.([0-9a-fA-F]*))?(?:[pP]([+-]?\\d+))?");
    private static final String SPACE = " \t\n\u000b\f\r";

    private Numerals() {
    }

    static Varargs tonumber(Varargs args) {
        if (args.narg() == 0) {
            throw new LuaError("bad argument #1 to 'tonumber' (value expected)");
        }
        LuaValue value = args.arg1();
        if (args.isnoneornil(2)) {
            if (value.type() == LuaValue.TNUMBER) {
                return value;
            }
            return value.type() == LuaValue.TSTRING ? parse(value.tojstring()) : LuaValue.NIL;
        }
        int base = args.checkint(2);
        if (base < 2 || base > 36) {
            throw new LuaError("bad argument #2 to 'tonumber' (base out of range)");
        }
        LuaString text = args.checkstring(1);
        return inBase(trim(text.tojstring()), base);
    }

    /** A numeral as the Lua 5.2 lexer and {@code tonumber} read it, or nil. */
    public static LuaValue parse(String numeral) {
        String text = trim(numeral);
        if (DECIMAL.matcher(text).matches()) {
            return LuaValue.valueOf(Double.parseDouble(text));
        }
        Matcher hex = HEXADECIMAL.matcher(text);
        if (!hex.matches()) {
            return LuaValue.NIL;
        }
        String whole = hex.group(2);
        String fraction = hex.group(3) == null ? "" : hex.group(3);
        if (whole.isEmpty() && fraction.isEmpty()) {
            return LuaValue.NIL;
        }
        double value = 0;
        for (char digit : (whole + fraction).toCharArray()) {
            value = value * 16 + Character.digit(digit, 16);
        }
        long exponent = -4L * fraction.length();
        if (hex.group(4) != null) {
            exponent += Long.parseLong(hex.group(4).length() > 12 ? hex.group(4).substring(0, 12) : hex.group(4));
        }
        value = value * Math.pow(2, Math.max(-2000, Math.min(2000, exponent)));
        return LuaValue.valueOf(hex.group(1).equals("-") ? -value : value);
    }

    private static LuaValue inBase(String text, int base) {
        boolean negative = text.startsWith("-");
        String digits = negative ? text.substring(1) : text;
        if (digits.isEmpty()) {
            return LuaValue.NIL;
        }
        double value = 0;
        for (char c : digits.toCharArray()) {
            int digit = Character.digit(c, base);
            if (digit < 0 || c > 'z') {
                return LuaValue.NIL;
            }
            value = value * base + digit;
        }
        return LuaValue.valueOf(negative ? -value : value);
    }

    private static String trim(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && SPACE.indexOf(text.charAt(start)) >= 0) {
            start++;
        }
        while (end > start && SPACE.indexOf(text.charAt(end - 1)) >= 0) {
            end--;
        }
        return text.substring(start, end);
    }
}
