package org.jameslua.engine.cli;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

/**
 * Lua values as a person reads them on one line. A string on its own is shown as it is; inside a table,
 * strings are quoted and tables are written as Lua constructors ({@code {1, 2, Name = "x"}}), list part
 * first, then the other keys in a fixed order, so the same table always prints the same way.
 */
public final class LuaValueText {
    private LuaValueText() {}

    public static String of(LuaValue value) {
        return value.type() == LuaValue.TSTRING ? value.tojstring() : literal(value);
    }

    /** As Lua source would write it: strings quoted too (for values shown as a call's arguments and returns). */
    public static String literal(LuaValue value) {
        return nested(value, newSeen());
    }

    private static String nested(LuaValue value, Set<LuaTable> seen) {
        if (value.istable()) {
            return table((LuaTable) value, seen);
        }
        if (value.type() == LuaValue.TSTRING) {
            return quoted(value.tojstring());
        }
        return value.tojstring();
    }

    private static String table(LuaTable table, Set<LuaTable> seen) {
        if (!seen.add(table)) {
            return "<cycle>";
        }
        List<String> parts = new ArrayList<>();
        int length = 0;
        while (!table.rawget(length + 1).isnil()) {
            length++;
            parts.add(nested(table.rawget(length), seen));
        }
        List<String> fields = new ArrayList<>();
        LuaValue key = LuaValue.NIL;
        while (true) {
            Varargs next = table.next(key);
            key = next.arg1();
            if (key.isnil()) {
                break;
            }
            if (!isListIndex(key, length)) {
                fields.add(key(key, seen) + " = " + nested(next.arg(2), seen));
            }
        }
        Collections.sort(fields);
        parts.addAll(fields);
        seen.remove(table);
        return "{" + String.join(", ", parts) + "}";
    }

    private static boolean isListIndex(LuaValue key, int length) {
        return key.type() == LuaValue.TNUMBER && key.isinttype() && key.toint() >= 1 && key.toint() <= length;
    }

    private static String key(LuaValue key, Set<LuaTable> seen) {
        if (key.type() == LuaValue.TSTRING && key.tojstring().matches("[A-Za-z_][A-Za-z0-9_]*")) {
            return key.tojstring();
        }
        return "[" + nested(key, seen) + "]";
    }

    private static String quoted(String text) {
        StringBuilder quoted = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"':
                    quoted.append("\\\"");
                    break;
                case '\\':
                    quoted.append("\\\\");
                    break;
                case '\n':
                    quoted.append("\\n");
                    break;
                case '\r':
                    quoted.append("\\r");
                    break;
                case '\t':
                    quoted.append("\\t");
                    break;
                default:
                    if (c < ' ' || c == 127) {
                        quoted.append(String.format("\\%03d", (int) c));
                    } else {
                        quoted.append(c);
                    }
                    break;
            }
        }
        return quoted.append('"').toString();
    }

    private static Set<LuaTable> newSeen() {
        return Collections.newSetFromMap(new IdentityHashMap<>());
    }
}
