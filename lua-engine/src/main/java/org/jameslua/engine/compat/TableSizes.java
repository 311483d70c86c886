package org.jameslua.engine.compat;

import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;

/**
 * Lua 5.0's idea of a table's size, as {@code table.getn} reports it: a numeric {@code n} field, else a
 * size given by {@code table.setn}, else the length ({@code #t}). Sizes set by {@code setn} are kept per
 * instance in a weak-keyed table, as 5.0 kept them, so they vanish with their table.
 */
final class TableSizes {
    private static final LuaValue N = LuaValue.valueOf("n");

    private final LuaTable sizes = new LuaTable();

    TableSizes() {
        sizes.setmetatable(LuaValue.tableOf(new LuaValue[] {LuaValue.MODE, LuaValue.valueOf("k")}));
    }

    int getn(LuaTable table) {
        LuaValue n = table.rawget(N);
        if (n.isnumber() && n.todouble() >= 0) {
            return n.toint();
        }
        LuaValue size = sizes.rawget(table);
        return size.isnil() ? table.len().checkint() : size.toint();
    }

    /** As 5.0: a table that counts its own elements in {@code n} has that field updated. */
    void setn(LuaTable table, int n) {
        LuaValue current = table.rawget(N);
        if (current.isnumber() && current.todouble() >= 0) {
            table.rawset(N, LuaValue.valueOf(n));
        } else {
            sizes.rawset(table, LuaValue.valueOf(n));
        }
    }
}
