package org.jameslua.engine.lib;

import java.util.Locale;
import java.util.Optional;

/**
 * Which files {@code dofile}, {@code loadfile} and {@code require} may load. In safety mode a script is confined
 * to its own user's folder ({@code <user>/} in the scripts folder), where its names are taken from, and to Lua
 * files: another user's scripts and the settings files ({@code .properties}, whose text a syntax error would
 * quote) are out of reach. Safety mode without an owner user has no folder of its own, so it loads nothing.
 */
final class LoadableFiles {
    private static final String LUA = ".lua";

    private LoadableFiles() {}

    /** The folder-relative name to load for a name a script gave; refused (and logged) when safety mode forbids it. */
    static String confine(InstanceContext context, String name) {
        if (!context.safety().isOn()) {
            return name;
        }
        Optional<String> owner = context.owner();
        if (owner.isEmpty()) {
            throw context.refuse("cannot load " + name
                    + ": in safety mode only a user's own script loads files, from its user's folder");
        }
        if (!isLua(name)) {
            throw context.refuse("cannot load " + name + ": in safety mode only .lua files can be loaded");
        }
        if (!inside(name)) {
            throw context.refuse("cannot load " + name + ": only files inside the folder of user " + owner.get());
        }
        return owner.get() + "/" + name.replace('\\', '/');
    }

    /** Whether a name a script gave names a Lua file, the only kind safety mode loads. */
    static boolean isLua(String name) {
        return name.toLowerCase(Locale.ROOT).endsWith(LUA);
    }

    /** Whether a name a script gave stays inside its folder: not absolute, no drive, no {@code ..}. */
    static boolean inside(String name) {
        String normalized = name.replace('\\', '/');
        return !normalized.startsWith("/") && !normalized.contains(":") && !normalized.contains("..");
    }
}
