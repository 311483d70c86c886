package org.jameslua.engine.lib;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import org.jameslua.luaj.Numeral;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.ArgumentError;

/**
 * {@code file:read} and {@code io.read} as Lua 5.2's {@code g_read}: the formats {@code *l}, {@code *L} (the line
 * with its end), {@code *a}, {@code *n} (a numeral as C's {@code fscanf("%lf")} takes it, hexadecimal included) and
 * a count ({@code 0} tests for the end of the file: {@code ""}, or nil there; a negative count fails as Lua 5.2's
 * allocation of that many bytes does, where LuaJ's failed with Java's exception text); reading stops at the first format
 * that fails, whose result is nil. LuaJ's reader had no {@code *L}, gave {@code ""} for {@code read(0)} at the end,
 * read no hexadecimal numerals, worded a bad format {@code ((invalid format))}, and ended a line at a zero byte and
 * dropped every CR in it.
 */
final class FileReads {
    /** The file being read, as LuaJ's file objects (of a class only its library's subclasses can name) offer it. */
    interface Source {
        /** The next byte, left unread; -1 at the end. */
        int peek() throws IOException;

        /** The next byte; -1 at the end. */
        int read() throws IOException;

        /** Up to {@code length} bytes; -1 or 0 at the end. */
        int read(byte[] buffer, int offset, int length) throws IOException;
    }

    /** A result that grows is looked at every 8 KiB (a line, every 8 KiB of it). */
    private static final int LOOK_MASK = 8192 - 1;

    private FileReads() {}

    /**
     * Before a result grows to {@code size} bytes: the string bound, and the call's time and allocation. Reading
     * runs no Lua instruction, where a bound could stop it: {@code read("*a")} of a file of gigabytes, or of
     * {@code /dev/zero}, which never ends, filled the heap.
     */
    private static void growing(long size) {
        StringBound.check(size);
        StringBound.checkTimeAndAllocation();
    }

    /** The formats are the call's arguments from {@code firstArgument} on (2 for file:read, 1 for io.read). */
    static Varargs read(Source file, Varargs formats, int firstArgument) throws IOException {
        int n = formats.narg();
        if (n == 0) {
            return line(file, false);
        }
        LuaValue[] results = new LuaValue[n];
        IOException failure = null;
        int read = 0;
        while (read < n) {
            // a million formats, each a short line read, ran 0.8 s in one call
            StringBound.lookEvery(read + 1);
            LuaValue format = formats.arg(read + 1);
            LuaValue result;
            try {
                result = one(file, format, firstArgument + read);
            } catch (IOException e) {
                if (!isAll(format)) {
                    throw failure != null ? failure : e;
                }
                // Lua 5.2's "*a" always succeeds: its read error is reported after the formats that follow are read
                // (a bad one is raised first)
                if (failure == null) {
                    failure = e;
                }
                result = LuaValue.EMPTYSTRING;
            }
            results[read++] = result;
            if (result.isnil()) {
                break;
            }
        }
        if (failure != null) {
            throw failure;
        }
        return LuaValue.varargsOf(results, 0, read);
    }

    private static boolean isAll(LuaValue format) {
        return format.type() == LuaValue.TSTRING && format.tojstring().startsWith("*a");
    }

    private static LuaValue one(Source file, LuaValue format, int argument) throws IOException {
        if (format.type() == LuaValue.TNUMBER) {
            long count = (long) format.todouble();
            if (count < 0) {
                // Lua 5.2 takes the count as a size_t: a negative one asks for a buffer near 2^64 bytes
                throw new RaisedError(LuaValue.valueOf("memory allocation error: block too big"));
            }
            return count == 0 ? (peek(file) < 0 ? LuaValue.NIL : LuaValue.EMPTYSTRING) : bytes(file, count);
        }
        String p = format.isstring() ? format.tojstring() : "";
        if (!p.startsWith("*")) {
            throw ArgumentError.problem(argument, "invalid option");
        }
        switch (p.length() > 1 ? p.charAt(1) : 0) {
            case 'n':
                try {
                    return number(file);
                } catch (IOException e) {
                    // glibc's fscanf marks no error on a file it may not read: Lua 5.2 gives nil alone
                    return LuaValue.NIL;
                }
            case 'l':
                return line(file, false);
            case 'L':
                return line(file, true);
            case 'a':
                return all(file);
            default:
                throw ArgumentError.problem(argument, "invalid format");
        }
    }

    /**
     * A line, without its end unless {@code keepEnd}; a CR before the LF is dropped, as VPOP3's Lua read a text
     * file on Windows (lua5.2 on Linux keeps it), so a list written on Windows compares line by line as it did.
     */
    static LuaValue line(Source file, boolean keepEnd) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int c = next(file);
        while (c >= 0 && c != '\n') {
            if (c != '\r' || peek(file) != '\n') {
                bytes.write(c);
                if ((bytes.size() & LOOK_MASK) == 0) {
                    growing(bytes.size());
                }
            }
            c = next(file);
        }
        if (c < 0 && bytes.size() == 0) {
            return LuaValue.NIL;
        }
        if (c == '\n' && keepEnd) {
            bytes.write(c);
        }
        StringBound.check(bytes.size());
        return LuaString.valueUsing(bytes.toByteArray());
    }

    private static LuaValue all(Source file) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        for (int read = file.read(buffer, 0, buffer.length); read > 0; read = file.read(buffer, 0, buffer.length)) {
            growing((long) bytes.size() + read);
            bytes.write(buffer, 0, read);
        }
        return LuaString.valueUsing(bytes.toByteArray());
    }

    private static LuaValue bytes(Source file, long count) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[] buffer = new byte[(int) Math.min(count, 8192)];
        long left = count;
        while (left > 0) {
            int read = file.read(buffer, 0, (int) Math.min(left, buffer.length));
            if (read <= 0) {
                break;
            }
            growing((long) bytes.size() + read);
            bytes.write(buffer, 0, read);
            left -= read;
        }
        return bytes.size() == 0 ? LuaValue.NIL : LuaString.valueUsing(bytes.toByteArray());
    }

    /**
     * A numeral as glibc's {@code fscanf("%lf")} reads one: white space skipped, then the characters that can go on
     * a decimal or hexadecimal numeral (or {@code inf}, {@code infinity}, {@code nan} in any case), one look-ahead,
     * its longest prefix that is a number converted. What it read of a numeral it gives up on ({@code "0x"},
     * {@code "."}, {@code "infin"}) is gone, as in C.
     */
    private static LuaValue number(Source source) throws IOException {
        Source file = looking(source);
        while (isSpace(peek(file))) {
            next(file);
        }
        StringBuilder text = new StringBuilder();
        if (peek(file) == '+' || peek(file) == '-') {
            text.append((char) next(file));
        }
        int first = Character.toLowerCase(peek(file));
        if (first == 'i' || first == 'n') {
            return word(file, text.toString().equals("-"), first == 'i');
        }
        boolean hex = false;
        int mantissa = 0;
        if (peek(file) == '0') {
            text.append((char) next(file));
            if (peek(file) == 'x' || peek(file) == 'X') {
                text.append((char) next(file));
                hex = true;
            } else {
                mantissa = 1;
            }
        }
        mantissa += digits(file, text, hex);
        boolean dot = peek(file) == '.';
        if (dot) {
            text.append((char) next(file));
            mantissa += digits(file, text, hex);
        }
        if (mantissa == 0 && !(hex && dot)) {
            // no digit: glibc fails before an exponent ("0xp1", ".e1" leave "p1", "e1" unread); "0x." is 0
            return LuaValue.NIL;
        }
        int exponent = peek(file);
        // "0x." has no digit either: glibc takes it as 0 and leaves an exponent after it ("0x.p1" leaves "p1")
        boolean exponentMark = hex ? exponent == 'p' || exponent == 'P' : exponent == 'e' || exponent == 'E';
        if (mantissa > 0 && exponentMark) {
            text.append((char) next(file));
            if (peek(file) == '+' || peek(file) == '-') {
                text.append((char) next(file));
            }
            digits(file, text, false);
        }
        for (int end = text.length(); end > 0; end--) {
            double value = Numeral.value(text.substring(0, end));
            if (!Double.isNaN(value)) {
                return LuaValue.valueOf(value);
            }
        }
        return LuaValue.NIL;
    }

    /** {@code inf} or {@code infinity} ({@code infinity}), else {@code nan}, in any case; nil for less of them. */
    private static LuaValue word(Source file, boolean negative, boolean infinity) throws IOException {
        if (!letters(file, infinity ? "inf" : "nan")) {
            return LuaValue.NIL;
        }
        if (!infinity) {
            return LuaValue.valueOf(Double.NaN);
        }
        if (Character.toLowerCase(peek(file)) == 'i' && !letters(file, "inity")) {
            return LuaValue.NIL;
        }
        return LuaValue.valueOf(negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY);
    }

    /**
     * Reads the letters of {@code word} (in any case) while they come; whether all of them came. The byte that breaks
     * the word is read too: glibc's {@code fscanf} does not put it back ({@code "nx"}, {@code "infix"} leave nothing).
     */
    private static boolean letters(Source file, String word) throws IOException {
        for (int i = 0; i < word.length(); i++) {
            if (Character.toLowerCase(peek(file)) != word.charAt(i)) {
                next(file);
                return false;
            }
            next(file);
        }
        return true;
    }

    /** Reads the digits that come; how many. */
    private static int digits(Source file, StringBuilder text, boolean hex) throws IOException {
        int count = 0;
        for (int c = peek(file); hex ? Character.digit(c, 16) >= 0 : c >= '0' && c <= '9'; c = peek(file)) {
            text.append((char) next(file));
            count++;
        }
        return count;
    }

    /**
     * The source, with the call's time and allocation looked at every 8 KiB read from it: a numeral's white space
     * and digits are read in Java, byte by byte, with no bound on their number (as C's {@code fscanf}).
     */
    private static Source looking(Source file) {
        return new Source() {
            private long read;

            @Override
            public int peek() throws IOException {
                return file.peek();
            }

            @Override
            public int read() throws IOException {
                if ((++read & LOOK_MASK) == 0) {
                    StringBound.checkTimeAndAllocation();
                }
                return file.read();
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                return file.read(buffer, offset, length);
            }
        };
    }

    private static boolean isSpace(int c) {
        return c == ' ' || (c >= '\t' && c <= '\r');
    }

    private static int peek(Source file) throws IOException {
        try {
            return file.peek();
        } catch (EOFException e) {
            return -1;
        }
    }

    private static int next(Source file) throws IOException {
        try {
            return file.read();
        } catch (EOFException e) {
            return -1;
        }
    }
}
