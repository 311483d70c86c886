package org.jameslua.engine.lib;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import org.jameslua.luaj.NumberText;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.ArgumentError;

/**
 * Lua 5.2's {@code string.format} for one instance, in place of LuaJ's (which ignores width, precision and most
 * flags, and writes {@code %d} through an int): each item is written as C's {@code sprintf} writes it, with
 * Lua 5.2.4's checks and messages, and the result is held to the instance's string limit before it grows.
 */
final class StringFormat {
    private static final String FLAGS = "-+ #0";
    /** A C double below 2^63 converts to a long long (%d), below 2^64 to an unsigned one (%x, %o, %u). */
    private static final double TWO_TO_63 = 0x1p63;

    private static final double TWO_TO_64 = 0x1p64;
    /** lua_tolstring's NULL, which glibc's sprintf writes for a __tostring that returned neither string nor number. */
    private static final byte[] NULL_TEXT = "(null)".getBytes(StandardCharsets.US_ASCII);

    private static final LuaString TOSTRING = LuaValue.valueOf("__tostring");
    /** Lua 5.2 formats a string of this length or more whole when no precision is given (str_format). */
    private static final int LONG_STRING = 100;

    private final Budget budget;

    StringFormat(Budget budget) {
        this.budget = budget;
    }

    LuaValue function() {
        return Functions.of("format", this, StringFormat::format);
    }

    private Varargs format(Varargs args) {
        LuaString format = checkString(args, 1);
        Output out = new Output(format.length());
        int length = format.length();
        int argument = 1;
        int at = 0;
        long escapes = 0;
        while (at < length) {
            int escape = format.indexOf((byte) '%', at);
            int literalEnd = escape < 0 ? length : escape;
            out.add(format, at, literalEnd - at);
            if (escape < 0) {
                break;
            }
            at = escape + 1;
            // a million conversions (of as many arguments) ran 0.6 s in one call
            StringBound.lookEvery(++escapes);
            if (at < length && format.luaByte(at) == '%') {
                out.add((byte) '%');
                at++;
                continue;
            }
            if (++argument > args.narg()) {
                throw argumentError(argument, "no value");
            }
            Spec spec = new Spec();
            at = spec.scan(format, at);
            LuaValue value = args.arg(argument);
            switch (spec.conversion) {
                case 'c':
                    out.pad(spec, new byte[] {(byte) CIntegers.of(checkNumber(value, argument))}, "", false);
                    break;
                case 'd':
                case 'i':
                    out.integer(spec, signedInteger(value, argument));
                    break;
                case 'o':
                case 'u':
                case 'x':
                case 'X':
                    out.unsigned(spec, unsignedInteger(value, argument));
                    break;
                case 'e':
                case 'E':
                case 'f':
                case 'g':
                case 'G':
                case 'a':
                case 'A':
                    out.floating(spec, checkNumber(value, argument));
                    break;
                case 'q':
                    out.quoted(checkString(args, argument));
                    break;
                case 's':
                    out.string(spec, text(value));
                    break;
                default:
                    throw new LuaError("invalid option '%" + (char) spec.conversion + "' to 'format'");
            }
        }
        return out.result();
    }

    private static double checkNumber(LuaValue value, int argument) {
        LuaValue number = value.tonumber();
        if (number.isnil()) {
            throw argumentError(argument, "number expected, got " + value.typename());
        }
        return number.todouble();
    }

    private static long signedInteger(LuaValue value, int argument) {
        double n = checkNumber(value, argument);
        if (!(n >= -TWO_TO_63 && n < TWO_TO_63)) {
            throw argumentError(argument, "not a number in proper range");
        }
        return (long) n;
    }

    /** The unsigned 64-bit value, in a long's bits. */
    private static long unsignedInteger(LuaValue value, int argument) {
        double n = checkNumber(value, argument);
        if (!(n > -1 && n < TWO_TO_64)) {
            throw argumentError(argument, "not a non-negative number in proper range");
        }
        return n < TWO_TO_63 ? (long) n : new BigDecimal(n).toBigInteger().longValue();
    }

    private static LuaString checkString(Varargs args, int argument) {
        LuaValue value = args.arg(argument);
        if (!value.isstring()) {
            throw argumentError(
                    argument, "string expected, got " + (argument > args.narg() ? "no value" : value.typename()));
        }
        return value.strvalue();
    }

    /** luaL_tolstring: the __tostring metamethod's result, else the value's own text; null for a result that has none. */
    private static LuaString text(LuaValue value) {
        LuaValue handler = value.metatag(TOSTRING);
        if (!handler.isnil()) {
            LuaValue result = CallBoundary.call(MetamethodCalls.callable(handler), value);
            return result.isstring() ? result.strvalue() : null;
        }
        return value.isstring() ? value.strvalue() : LuaValue.valueOf(value.tojstring());
    }

    private static LuaError argumentError(int argument, String message) {
        return ArgumentError.problem(argument, message);
    }

    /** One conversion's flags, width, precision and letter, read as Lua 5.2's scanformat reads them. */
    private static final class Spec {
        boolean left;
        boolean plus;
        boolean space;
        boolean alternate;
        boolean zero;
        int width;
        int precision = -1;
        int conversion;

        int scan(LuaString format, int from) {
            int at = from;
            while (at < format.length() && FLAGS.indexOf(format.luaByte(at)) >= 0) {
                switch (format.luaByte(at)) {
                    case '-':
                        left = true;
                        break;
                    case '+':
                        plus = true;
                        break;
                    case ' ':
                        space = true;
                        break;
                    case '#':
                        alternate = true;
                        break;
                    default:
                        zero = true;
                }
                at++;
            }
            if (at - from > FLAGS.length()) {
                throw new LuaError("invalid format (repeated flags)");
            }
            int[] number = new int[1];
            at = twoDigits(format, at, number);
            width = number[0];
            if (at < format.length() && format.luaByte(at) == '.') {
                at = twoDigits(format, at + 1, number);
                precision = number[0];
            }
            if (isDigit(format, at)) {
                throw new LuaError("invalid format (width or precision too long)");
            }
            // past the end C reads the string's terminating zero, which Lua 5.2's message then holds
            conversion = at < format.length() ? format.luaByte(at) : 0;
            return at + 1;
        }

        private static int twoDigits(LuaString format, int from, int[] number) {
            int at = from;
            number[0] = 0;
            while (at < from + 2 && isDigit(format, at)) {
                number[0] = number[0] * 10 + format.luaByte(at++) - '0';
            }
            return at;
        }

        private static boolean isDigit(LuaString format, int at) {
            return at < format.length() && format.luaByte(at) >= '0' && format.luaByte(at) <= '9';
        }

        boolean upper() {
            return conversion == 'X' || conversion == 'E' || conversion == 'G' || conversion == 'A';
        }
    }

    /** The result being built, held to the instance's string limit before each piece is added. */
    private final class Output {
        private byte[] bytes;
        private int size;

        Output(int formatLength) {
            bytes = new byte[formatLength + 16];
        }

        void add(byte b) {
            reserve(1);
            bytes[size++] = b;
        }

        void add(byte[] piece, int from, int count) {
            reserve(count);
            System.arraycopy(piece, from, bytes, size, count);
            size += count;
        }

        void add(LuaString piece, int from, int count) {
            reserve(count);
            piece.copyInto(from, bytes, size, count);
            size += count;
        }

        /** The one place the result's length meets the string limit: before it grows. */
        private void reserve(long count) {
            long needed = size + count;
            budget.checkStringLength(needed);
            if (needed > bytes.length) {
                long grown = Math.min(Integer.MAX_VALUE - 8, Math.max(needed, 2L * bytes.length));
                budget.checkLargeAllocation(grown);
                bytes = Arrays.copyOf(bytes, (int) grown);
            }
        }

        LuaValue result() {
            return LuaString.valueUsing(bytes, 0, size);
        }

        /**
         * Writes the prefix (sign, {@code 0x}) and the body, padded to the width: on the right for {@code -}, else
         * with zeros between prefix and body when the {@code 0} flag applies to the conversion, else spaces before.
         */
        void pad(Spec spec, byte[] body, String prefix, boolean zerosApply) {
            int fill = Math.max(0, spec.width - body.length - prefix.length());
            byte[] prefixBytes = prefix.getBytes(StandardCharsets.US_ASCII);
            boolean zeros = spec.zero && !spec.left && zerosApply;
            if (!spec.left && !zeros) {
                spaces(fill);
            }
            add(prefixBytes, 0, prefixBytes.length);
            if (zeros) {
                for (int i = 0; i < fill; i++) {
                    add((byte) '0');
                }
            }
            add(body, 0, body.length);
            if (spec.left) {
                spaces(fill);
            }
        }

        private void spaces(int count) {
            for (int i = 0; i < count; i++) {
                add((byte) ' ');
            }
        }

        void integer(Spec spec, long value) {
            String digits = value < 0 ? Long.toUnsignedString(-value) : Long.toString(value);
            String sign = value < 0 ? "-" : spec.plus ? "+" : spec.space ? " " : "";
            // C ignores the 0 flag of an integer conversion that has a precision
            pad(spec, ascii(withPrecision(spec, digits, value == 0)), sign, spec.precision < 0);
        }

        void unsigned(Spec spec, long value) {
            String digits;
            String prefix = "";
            switch (spec.conversion) {
                case 'o':
                    digits = withPrecision(spec, Long.toOctalString(value), value == 0);
                    if (spec.alternate && !digits.startsWith("0")) {
                        digits = "0" + digits;
                    }
                    break;
                case 'u':
                    digits = withPrecision(spec, Long.toUnsignedString(value), value == 0);
                    break;
                default:
                    digits = withPrecision(spec, Long.toHexString(value), value == 0);
                    if (spec.alternate && value != 0) {
                        prefix = "0x";
                    }
                    if (spec.upper()) {
                        digits = digits.toUpperCase(Locale.ROOT);
                        prefix = prefix.toUpperCase(Locale.ROOT);
                    }
            }
            pad(spec, ascii(digits), prefix, spec.precision < 0);
        }

        /** C's precision for integers: at least that many digits, and none at all for 0 with precision 0. */
        private String withPrecision(Spec spec, String digits, boolean zero) {
            if (spec.precision < 0) {
                return digits;
            }
            if (zero && spec.precision == 0) {
                return "";
            }
            StringBuilder padded = new StringBuilder(spec.precision);
            for (int i = digits.length(); i < spec.precision; i++) {
                padded.append('0');
            }
            return padded.append(digits).toString();
        }

        void floating(Spec spec, double value) {
            boolean negative = NumberText.isNegative(value);
            String sign = negative ? "-" : spec.plus ? "+" : spec.space ? " " : "";
            double magnitude = Math.abs(value);
            if (Double.isNaN(value) || Double.isInfinite(value)) {
                String body = Double.isNaN(value) ? "nan" : "inf";
                pad(spec, ascii(spec.upper() ? body.toUpperCase(Locale.ROOT) : body), sign, false);
                return;
            }
            int precision = spec.precision < 0 ? 6 : spec.precision;
            String body;
            String prefix = sign;
            switch (spec.conversion) {
                case 'f':
                    body = NumberText.fixed(magnitude, precision, spec.alternate);
                    break;
                case 'e':
                case 'E':
                    body = NumberText.exponent(magnitude, precision, spec.alternate);
                    break;
                case 'g':
                case 'G':
                    body = NumberText.general(magnitude, precision, spec.alternate);
                    break;
                default:
                    body = HexFloat.format(magnitude, spec.precision, spec.alternate);
                    prefix = sign + "0x";
            }
            if (spec.upper()) {
                body = body.toUpperCase(Locale.ROOT);
                prefix = prefix.toUpperCase(Locale.ROOT);
            }
            pad(spec, ascii(body), prefix, true);
        }

        /** %q: ignores flags and width, as Lua 5.2 does. */
        void quoted(LuaString s) {
            add((byte) '"');
            int length = s.length();
            for (int i = 0; i < length; i++) {
                int c = s.luaByte(i);
                if (c == '"' || c == '\\' || c == '\n') {
                    add((byte) '\\');
                    add((byte) c);
                } else if (c < 32 || c == 127) {
                    boolean digitFollows = i + 1 < length && s.luaByte(i + 1) >= '0' && s.luaByte(i + 1) <= '9';
                    byte[] escape = ascii(digitFollows ? String.format("\\%03d", c) : "\\" + c);
                    add(escape, 0, escape.length);
                } else {
                    add((byte) c);
                }
            }
            add((byte) '"');
        }

        /**
         * %s: a long string without precision is added whole; otherwise, as C's sprintf reads a C string, the text
         * ends at its first zero byte, is cut to the precision and padded to the width.
         */
        void string(Spec spec, LuaString s) {
            if (s == null) {
                // glibc writes all of "(null)" or, when the precision cuts it, nothing
                boolean whole = spec.precision < 0 || spec.precision >= NULL_TEXT.length;
                pad(spec, whole ? NULL_TEXT : new byte[0], "", false);
                return;
            }
            if (spec.precision < 0 && s.length() >= LONG_STRING) {
                add(s, 0, s.length());
                return;
            }
            // no more than the precision is read, as C's printf reads it: a precision of 3 on a string of megabytes
            // copied all of it, with no bound looking
            byte[] raw = new byte[spec.precision < 0 ? s.length() : Math.min(s.length(), spec.precision)];
            s.copyInto(0, raw, 0, raw.length);
            int end = 0;
            while (end < raw.length && raw[end] != 0) {
                end++;
            }
            pad(spec, cut(raw, end, spec.precision), "", false);
        }

        private byte[] cut(byte[] text, int end, int precision) {
            int length = precision < 0 ? end : Math.min(end, precision);
            return length == text.length ? text : Arrays.copyOf(text, length);
        }

        private byte[] ascii(String text) {
            return text.getBytes(StandardCharsets.US_ASCII);
        }
    }
}
