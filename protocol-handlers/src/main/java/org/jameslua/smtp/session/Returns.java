package org.jameslua.smtp.session;

import java.util.Optional;
import java.util.OptionalLong;
import org.jameslua.james.script.BadReturn;
import org.jameslua.james.script.LuaValues;
import org.jameslua.smtp.reply.Reply;
import org.jameslua.smtp.reply.ReplyParser;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

/**
 * Reads the values a callback returned, by position. A missing value or {@code nil} is "no opinion"; a
 * value of the wrong type is a {@link BadReturn}. Strings are read by {@link LuaValues#string}'s rules, as
 * the mailets read them (a number is its {@code tostring}), booleans and numbers by its other readers (a numeric
 * string is a number, as in Lua's arithmetic; nothing is a boolean but a boolean).
 */
public final class Returns {
    /** 2^53: the largest whole number every Lua number type holds exactly. */
    private static final double MAX_WHOLE = 9007199254740992.0;

    private Returns() {}

    public static Optional<String> string(Varargs values, int index, String what) throws BadReturn {
        return Optional.ofNullable(LuaValues.string(values.arg(index), what, null));
    }

    /** A reply string; {@code ""} and nil both mean James's own reply. */
    public static Optional<Reply> reply(Varargs values, int index, String what) throws BadReturn {
        Optional<String> text = string(values, index, what);
        return text.isPresent() ? ReplyParser.parse(text.get()) : Optional.empty();
    }

    public static Optional<Boolean> bool(Varargs values, int index, String what) throws BadReturn {
        LuaValue value = values.arg(index);
        return value.isnil() ? Optional.empty() : Optional.of(LuaValues.bool(value, what, false));
    }

    /** A number as {@link LuaValues#number} reads it (a numeric string too), whole and from 0. */
    static OptionalLong wholeNumber(Varargs values, int index, String what) throws BadReturn {
        LuaValue value = values.arg(index);
        if (value.isnil()) {
            return OptionalLong.empty();
        }
        double number = LuaValues.number(value, what, 0);
        if (number < 0 || number > MAX_WHOLE || number != Math.floor(number)) {
            throw new BadReturn(what + " must be a whole number from 0, not " + value.tojstring());
        }
        return OptionalLong.of((long) number);
    }
}
