package org.jameslua.engine.compat;

import org.jameslua.engine.lib.StringBound;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;

/**
 * Lua 5.0's idea of a table's size, as {@code table.getn} reports it: a numeric {@code n} field, else a
 * size given by {@code table.setn}, else one less than the first integer index holding nil (5.0's
 * {@code luaL_getn} counts; it knew no border, so {@code getn{1, 2, nil, 4}} is 2). Sizes set by {@code setn}
 * are kept per instance in a weak-keyed table, as 5.0 kept them, so they vanish with their table.
 */
final class TableSizes {
    private static final LuaValue N = LuaValue.valueOf("n");
    private static final int UNDECLARED = -1;

    private final LuaTable sizes = new LuaTable();

    TableSizes() {
        sizes.setmetatable(LuaValue.tableOf(new LuaValue[] {LuaValue.MODE, LuaValue.valueOf("k")}));
    }

    int getn(LuaTable table) {
        int declared = declared(table);
        return declared == UNDECLARED ? elementsBeforeFirstNil(table) : declared;
    }

    /**
     * The last index {@code unpack} gives: a declared size, else the length ({@code #t}), as {@code unpack} has
     * in 5.1 and 5.2, whose scripts call it too; only 5.0's own {@code getn} counts.
     */
    int unpackEnd(LuaTable table) {
        int declared = declared(table);
        return declared == UNDECLARED ? table.len().checkint() : declared;
    }

    /** As 5.0: a table that counts its own elements in {@code n} has that field updated. */
    void setn(LuaTable table, int n) {
        if (size(table.rawget(N)) != UNDECLARED) {
            table.rawset(N, LuaValue.valueOf(n));
        } else {
            sizes.rawset(table, LuaValue.valueOf(n));
        }
    }

    private int declared(LuaTable table) {
        int n = size(table.rawget(N));
        return n != UNDECLARED ? n : size(sizes.rawget(table));
    }

    /**
     * 5.0's {@code checkint}: a number (or a string that converts) cut to a C int is a size when it is not negative.
     * A value no int holds is C's INT_MIN on the x86 that VPOP3 ran on, so no size either: {@code n = 2^31} or a
     * {@code setn} of -5 leaves the count to the elements (LuaJ's own cut made them -2147483648 and -5).
     */
    private static int size(LuaValue value) {
        if (!value.isnumber()) {
            return UNDECLARED;
        }
        double n = value.todouble();
        return n > -1 && n < 0x1p31 ? (int) n : UNDECLARED;
    }

    private static int elementsBeforeFirstNil(LuaTable table) {
        int n = 0;
        while (!table.rawget(n + 1).isnil()) {
            StringBound.lookEvery(++n);
        }
        return n;
    }
}
