package org.jameslua.smtp.globals;

import java.util.List;
import java.util.function.Consumer;
import org.jameslua.engine.LuaSequences;
import org.jameslua.engine.ScriptInstance;
import org.jameslua.james.script.BadReturn;
import org.jameslua.james.script.LuaValues;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaValue;

/**
 * Reads back the IN/OUT globals a script may have changed. A global given a value of the wrong type is
 * reported and put back to the value it had, so that the script sees what the pack goes on with. Strings are
 * decoded as {@link LuaValues#string} decodes every string a script hands the pack (UTF-8, else Windows-1252).
 */
public final class GlobalValues {
    private GlobalValues() {}

    public static boolean bool(ScriptInstance instance, String name, boolean current, Consumer<String> report) {
        LuaValue value = instance.get(name);
        if (value.isboolean()) {
            return value.toboolean();
        }
        report.accept("global " + name + " must be a boolean, not " + value.typename() + "; it stays " + current);
        instance.set(name, LuaValue.valueOf(current));
        return current;
    }

    public static String string(ScriptInstance instance, String name, String current, Consumer<String> report) {
        LuaValue value = instance.get(name);
        if (value.type() == LuaValue.TSTRING) {
            return sameText(value, current) ? current : LuaValues.string(value, name, current);
        }
        report.accept(
                "global " + name + " must be a string, not " + value.typename() + "; it stays \"" + current + "\"");
        instance.set(name, LuaValue.valueOf(current));
        return current;
    }

    /** A table of strings, read by {@link LuaValues#strings}' rules and limits (a list of RBL servers, say). */
    public static List<String> strings(
            ScriptInstance instance, String name, List<String> current, Consumer<String> report) {
        LuaValue value = instance.get(name);
        if (!value.istable()) {
            return restore(
                    instance,
                    name,
                    current,
                    report,
                    "global " + name + " must be a table of strings, not " + value.typename());
        }
        if (sameTexts(value, current)) {
            return current;
        }
        try {
            return LuaValues.strings(value, name, current);
        } catch (BadReturn e) {
            return restore(instance, name, current, report, e.getMessage());
        }
    }

    // read back after every callback, and mostly unchanged: compared in place rather than decoded again
    private static boolean sameText(LuaValue value, String text) {
        LuaString string = value.checkstring();
        if (string.m_length != text.length()) {
            return false;
        }
        for (int i = 0; i < string.m_length; i++) {
            char c = text.charAt(i);
            // a character outside ASCII may be one byte (Windows-1252) or more (UTF-8): decoded to compare
            if (c >= 0x80 || string.m_bytes[string.m_offset + i] != c) {
                return c >= 0x80 && LuaValues.string(value, "", "").equals(text);
            }
        }
        return true;
    }

    private static boolean sameTexts(LuaValue table, List<String> texts) {
        if (table.rawlen() != texts.size()) {
            return false;
        }
        for (int i = 0; i < texts.size(); i++) {
            LuaValue item = table.rawget(i + 1);
            if (item.type() != LuaValue.TSTRING || !sameText(item, texts.get(i))) {
                return false;
            }
        }
        return true;
    }

    private static List<String> restore(
            ScriptInstance instance, String name, List<String> current, Consumer<String> report, String problem) {
        report.accept(problem + "; it stays " + current);
        instance.set(name, LuaSequences.of(current));
        return current;
    }
}
