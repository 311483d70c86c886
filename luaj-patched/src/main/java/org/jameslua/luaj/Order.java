package org.jameslua.luaj;

import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaValue;

/**
 * {@code <} and {@code <=} as Lua 5.2's {@code luaV_lessthan} and {@code luaV_lessequal} order two values: numbers
 * by value, strings byte by byte, anything else by the {@code __lt} (or {@code __le}) metamethod of the left value,
 * else of the right one, whatever their types; {@code a <= b} without {@code __le} is {@code not (b < a)}; with no
 * metamethod, {@code attempt to compare number with table}. The patched LuaJ orders every pair that is not two
 * numbers through here (LuaJ called a metamethod only with a table on the left, and its errors read
 * {@code attempt to compare LT on table and table}, or for {@code table.sort}
 * {@code attempt to compare number with string expected, got number}).
 */
public final class Order {
    private Order() {}

    public static boolean less(LuaValue left, LuaValue right) {
        return less(left, right, true);
    }

    /**
     * {@code left < right} for a host function ({@code table.sort}): Lua 5.2 gives an order error the position of
     * the Lua function only when that function's own instruction compared, so here it has none.
     */
    public static boolean lessInHost(LuaValue left, LuaValue right) {
        return less(left, right, false);
    }

    private static boolean less(LuaValue left, LuaValue right, boolean positioned) {
        if (left.type() == LuaValue.TNUMBER && right.type() == LuaValue.TNUMBER) {
            return left.todouble() < right.todouble();
        }
        if (left.type() == LuaValue.TSTRING && right.type() == LuaValue.TSTRING) {
            return ((LuaString) left).strcmp((LuaString) right) < 0;
        }
        LuaValue handler = metamethod(left, right, LuaValue.LT);
        if (handler.isnil()) {
            throw positioned ? new LuaError(orderText(left, right)) : new Unpositioned(orderText(left, right));
        }
        return handler.call(left, right).toboolean();
    }

    public static boolean lessOrEqual(LuaValue left, LuaValue right) {
        if (left.type() == LuaValue.TNUMBER && right.type() == LuaValue.TNUMBER) {
            return left.todouble() <= right.todouble();
        }
        if (left.type() == LuaValue.TSTRING && right.type() == LuaValue.TSTRING) {
            return ((LuaString) left).strcmp((LuaString) right) <= 0;
        }
        LuaValue handler = metamethod(left, right, LuaValue.LE);
        if (!handler.isnil()) {
            return handler.call(left, right).toboolean();
        }
        handler = metamethod(right, left, LuaValue.LT);
        if (handler.isnil()) {
            throw new LuaError(orderText(left, right));
        }
        return !handler.call(right, left).toboolean();
    }

    /** LuaJ's {@code LuaValue.comparemt(tag, right)}: {@code left < right} or {@code left <= right} by metamethod. */
    public static LuaValue compare(LuaValue left, LuaValue tag, LuaValue right) {
        return LuaValue.valueOf(LuaValue.LE.raweq(tag) ? lessOrEqual(left, right) : less(left, right));
    }

    // LuaJ's comparisons of a value with a number on the other side: the number, as a Lua value, is ordered too

    public static boolean lt_b(LuaValue self, int number) {
        return less(self, LuaValue.valueOf(number));
    }

    public static boolean lt_b(LuaValue self, double number) {
        return less(self, LuaValue.valueOf(number));
    }

    public static boolean lteq_b(LuaValue self, int number) {
        return lessOrEqual(self, LuaValue.valueOf(number));
    }

    public static boolean lteq_b(LuaValue self, double number) {
        return lessOrEqual(self, LuaValue.valueOf(number));
    }

    public static boolean gt_b(LuaValue self, int number) {
        return less(LuaValue.valueOf(number), self);
    }

    public static boolean gt_b(LuaValue self, double number) {
        return less(LuaValue.valueOf(number), self);
    }

    public static boolean gteq_b(LuaValue self, int number) {
        return lessOrEqual(LuaValue.valueOf(number), self);
    }

    public static boolean gteq_b(LuaValue self, double number) {
        return lessOrEqual(LuaValue.valueOf(number), self);
    }

    // LuaString's comparisons with any value (LuaJ's compared only with another string)

    public static boolean lt_b(LuaValue self, LuaValue other) {
        return less(self, other);
    }

    public static boolean lteq_b(LuaValue self, LuaValue other) {
        return lessOrEqual(self, other);
    }

    public static boolean gt_b(LuaValue self, LuaValue other) {
        return less(other, self);
    }

    public static boolean gteq_b(LuaValue self, LuaValue other) {
        return lessOrEqual(other, self);
    }

    private static LuaValue metamethod(LuaValue first, LuaValue second, LuaValue event) {
        LuaValue handler = first.metatag(event);
        return handler.isnil() ? second.metatag(event) : handler;
    }

    /** Lua 5.2's {@code luaG_ordererror}. */
    private static String orderText(LuaValue left, LuaValue right) {
        String t1 = left.typename();
        String t2 = right.typename();
        return t1.equals(t2) ? "attempt to compare two " + t1 + " values" : "attempt to compare " + t1 + " with " + t2;
    }

    /** An error whose text is complete: LuaJ adds a position only to an error without a traceback text. */
    private static final class Unpositioned extends LuaError {
        private static final long serialVersionUID = 1L;

        Unpositioned(String message) {
            super(message);
            this.traceback = message;
        }
    }
}
