package org.jameslua.mailets.routing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jameslua.engine.LuaEngine;
import org.jameslua.engine.ScriptInstance;
import org.jameslua.engine.message.Actions;
import org.jameslua.james.script.BadReturn;
import org.jameslua.james.script.LuaValues;
import org.jameslua.james.script.ScriptCaller;
import org.luaj.vm2.LuaValue;

/**
 * The per-user settings a routing script declares. VPOP3 called {@code MainGetSettings()} to build a user's
 * settings page; here it answers the same question for the pack and for operators:
 *
 * <pre>{@code
 * function MainGetSettings()
 *   return { { Name = "HolidayForward", Default = "", Description = "Address to forward to while away" },
 *            { Name = "HolidayUntil", Default = "" } }
 * end
 * }</pre>
 *
 * {@code Name} is required; {@code Default} may be a string, number or boolean (it reaches scripts as text,
 * like stored values); {@code Description} is optional. Each message's {@code UserSettings} global holds every
 * declared setting: the user's stored value ({@code VPOP3.SetUserSetting}) or else the default.
 */
public final class DeclaredSettings {
    public static final String FUNCTION = "MainGetSettings";
    /**
     * Each at most a header line long, and at most as many settings as items in a returned list: checked before any
     * is read, as a table of a thousand references to one long string costs the script one string.
     */
    private static final List<String> FIELDS = List.of("Name", "Default", "Description");

    private DeclaredSettings() {}

    /** Asks a script which settings it declares; none when it declares none or fails (logged). */
    public static List<DeclaredSetting> of(LuaEngine engine, ScriptCaller caller, String script) {
        try (ScriptInstance instance = engine.newInstance(script)) {
            return read(instance, caller);
        }
    }

    static List<DeclaredSetting> read(ScriptInstance instance, ScriptCaller caller) {
        return caller.call(instance, FUNCTION, LuaValue.NONE, values -> parse(values.arg1()))
                .orElse(List.of());
    }

    /** Each declared setting's value for one user: stored, else declared default. */
    static Map<String, String> values(List<DeclaredSetting> declared, StoredSettings stored) {
        Map<String, String> values = new LinkedHashMap<>();
        for (DeclaredSetting setting : declared) {
            values.put(setting.name(), stored.string(setting.name(), setting.defaultValue()));
        }
        return values;
    }

    private static List<DeclaredSetting> parse(LuaValue value) {
        if (value.isnil()) {
            return List.of();
        }
        if (!value.istable()) {
            throw BadReturn.wrongType("the settings", "a table", value);
        }
        List<DeclaredSetting> settings = new ArrayList<>();
        int length = value.rawlen();
        if (length > Actions.MAX_ITEMS) {
            throw new BadReturn("the settings hold " + length + " items (at most " + Actions.MAX_ITEMS + ")");
        }
        for (int i = 1; i <= length; i++) {
            LuaValue entry = value.rawget(i);
            String what = "settings[" + i + "]";
            if (!entry.istable()) {
                throw BadReturn.wrongType(what, "a table {Name=, Default=, Description=}", entry);
            }
            for (String field : FIELDS) {
                LuaValue text = entry.rawget(field);
                if (text.type() == LuaValue.TSTRING && text.rawlen() > Actions.MAX_ITEM_LENGTH) {
                    throw new BadReturn(what + "." + field + " is " + text.rawlen() + " bytes long (at most "
                            + Actions.MAX_ITEM_LENGTH + ")");
                }
            }
            String name = LuaValues.string(entry.rawget("Name"), what + ".Name", "");
            if (name.isBlank()) {
                throw new BadReturn(what + ".Name must name the setting");
            }
            LuaValue defaultValue = entry.rawget("Default");
            if (!defaultValue.isnil() && !defaultValue.isstring() && !defaultValue.isboolean()) {
                throw BadReturn.wrongType(what + ".Default", "a string, number or boolean", defaultValue);
            }
            settings.add(new DeclaredSetting(
                    name,
                    defaultValue.isnil() ? "" : defaultValue.tojstring(),
                    LuaValues.string(entry.rawget("Description"), what + ".Description", "")));
        }
        return List.copyOf(settings);
    }
}
