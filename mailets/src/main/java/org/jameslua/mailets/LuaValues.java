package org.jameslua.mailets;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;

/**
 * Conversions between Java values and the Lua values scripts receive and return. Readers treat {@code nil} as
 * "left unchanged" and anything of the wrong type as a {@link BadReturn}, so a script bug is reported rather
 * than acted on. Tables are read raw ({@code rawget}, {@code rawlen}): a metamethod would run script code here,
 * in the host, outside the bounds of any call.
 */
public final class LuaValues {
    private LuaValues() {
    }

    public static LuaTable sequence(Collection<String> values) {
        LuaTable table = new LuaTable(values.size(), 0);
        int index = 0;
        for (String value : values) {
            table.rawset(++index, LuaValue.valueOf(value));
        }
        return table;
    }

    /** A string (numbers are read as Lua's {@code tostring} gives them), or the fallback for nil. */
    public static String string(LuaValue value, String what, String fallback) {
        if (value.isnil()) {
            return fallback;
        }
        if (!value.isstring()) {
            throw BadReturn.wrongType(what, "a string", value);
        }
        return value.tojstring();
    }

    public static boolean bool(LuaValue value, String what, boolean fallback) {
        if (value.isnil()) {
            return fallback;
        }
        if (!value.isboolean()) {
            throw BadReturn.wrongType(what, "a boolean", value);
        }
        return value.toboolean();
    }

    /** A number, or a string holding one (as Lua's arithmetic accepts), or the fallback for nil. */
    public static double number(LuaValue value, String what, double fallback) {
        if (value.isnil()) {
            return fallback;
        }
        if (!value.isnumber()) {
            throw BadReturn.wrongType(what, "a number", value);
        }
        return value.todouble();
    }

    /** A sequence of strings; nil gives the fallback. */
    public static List<String> strings(LuaValue value, String what, List<String> fallback) {
        if (value.isnil()) {
            return fallback;
        }
        if (!value.istable()) {
            throw BadReturn.wrongType(what, "a table", value);
        }
        List<String> result = new ArrayList<>();
        int length = value.rawlen();
        for (int i = 1; i <= length; i++) {
            LuaValue item = value.rawget(i);
            if (!item.isstring()) {
                throw BadReturn.wrongType(what + "[" + i + "]", "a string", item);
            }
            result.add(item.tojstring());
        }
        return List.copyOf(result);
    }
}
