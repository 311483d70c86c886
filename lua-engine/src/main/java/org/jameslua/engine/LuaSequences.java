package org.jameslua.engine;

import java.util.Collection;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;

/** Lua sequences (tables indexed 1..n) of strings, as scripts receive lists of names, addresses and lines. */
public final class LuaSequences {
    private LuaSequences() {}

    public static LuaTable of(Collection<String> values) {
        LuaTable table = new LuaTable(values.size(), 0);
        int index = 0;
        for (String value : values) {
            table.rawset(++index, LuaValue.valueOf(value));
        }
        return table;
    }
}
