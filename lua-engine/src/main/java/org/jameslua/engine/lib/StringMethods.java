package org.jameslua.engine.lib;

import org.jameslua.luaj.RunningInstance;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.lib.TwoArgFunction;

/**
 * Method calls on strings ({@code s:upper()}) for many instances at once.
 *
 * <p>LuaJ keeps the string metatable in a JVM-wide static field, so it cannot be an instance's own. It is
 * installed once, protected by {@code __metatable} so no script can alter what other instances see, and its
 * {@code __index} looks methods up in the {@code string} table of the instance running on this thread
 * ({@link RunningInstance}): a script that adds {@code function string.trim(s)} can still write {@code s:trim()}.
 */
public final class StringMethods {
    private static final java.util.Map<LuaValue, LuaValue> HIDDEN = new java.util.concurrent.ConcurrentHashMap<>();
    private static LuaTable pristine;

    private StringMethods() {}

    static synchronized void install(LuaTable stringLibrary) {
        if (pristine != null) {
            return;
        }
        pristine = stringLibrary;
        LuaTable metatable = new LuaTable();
        metatable.rawset(LuaValue.INDEX, new TwoArgFunction() {
            @Override
            public LuaValue call(LuaValue self, LuaValue key) {
                LuaValue hidden = HIDDEN.get(key);
                if (hidden != null) {
                    return hidden;
                }
                LuaTable current = RunningInstance.strings();
                return (current != null ? current : pristine).get(key);
            }
        });
        metatable.rawset(LuaValue.METATABLE, LuaValue.FALSE);
        LuaString.s_metatable = metatable;
    }

    /**
     * Makes a stateless host function reachable as {@code ("").name} in every instance: the one place rewritten
     * source can reach without globals, which a script may change, and which no script can change.
     */
    public static void hide(LuaValue name, LuaValue function) {
        HIDDEN.put(name, function);
    }
}
