package org.jameslua.engine;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaValue;

/**
 * The Lua keys of the global names hosts read and write around every callback, built once per engine:
 * {@code Globals.rawget(String)} would encode a new {@link LuaString} on each read. The names come from host
 * code, not from scripts; past {@value #MAX_NAMES} distinct names a key is built for each use, so a host that
 * passed computed names could not grow the table without bound.
 */
final class GlobalNames {
    static final int MAX_NAMES = 1024;

    private final ConcurrentMap<String, LuaString> keys = new ConcurrentHashMap<>();

    LuaString key(String name) {
        LuaString key = keys.get(name);
        if (key != null) {
            return key;
        }
        if (keys.size() >= MAX_NAMES) {
            return LuaValue.valueOf(name);
        }
        return keys.computeIfAbsent(name, LuaValue::valueOf);
    }
}
