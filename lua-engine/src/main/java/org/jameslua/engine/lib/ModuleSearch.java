package org.jameslua.engine.lib;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaValue;

/**
 * The file {@code require} loads a module from: Lua 5.2's search of {@code package.path} ({@code "./?.lua"} unless the
 * script sets another), each template's {@code ?} replaced by the module's name with its dots made slashes, the
 * first that names a file of the scripts folder winning. A template naming a place outside the folder (an absolute
 * path, a {@code ..}) names no file here, as modules are the folder's Lua files; Lua 5.0's {@code require "util.lua"}
 * names its file directly.
 */
final class ModuleSearch {

    /** A module's file: as Lua names it ({@code ./lib/util.lua}) and as the folder holds it. */
    static final class Found {
        final String name;
        final String file;

        private Found(String name, String file) {
            this.name = name;
            this.file = file;
        }
    }

    private ModuleSearch() {}

    /** The module's file, or Lua 5.2's "module not found" error listing every name tried. */
    static Found find(InstanceContext context, LuaValue path, String module) {
        checkName(context, module);
        List<String> names = names(path, module);
        StringBuilder notFound = new StringBuilder("module '")
                .append(module)
                .append("' not found:\n\tno field package.preload['")
                .append(module)
                .append("']");
        for (int i = 0; i < names.size(); i++) {
            StringBound.lookEvery(i + 1);
            String name = names.get(i);
            Optional<String> file = inFolder(context, name);
            if (file.isPresent() && context.folder().find(file.get()).isPresent()) {
                return new Found(name, file.get());
            }
            StringBound.check(notFound.length() + name.length() + 12L);
            notFound.append("\n\tno file '").append(name).append('\'');
        }
        throw new LuaError(notFound.toString());
    }

    private static void checkName(InstanceContext context, String module) {
        if (module.contains("/")
                || module.contains("\\")
                || module.contains(":")
                || module.startsWith(".")
                || module.contains("..")) {
            throw context.refuse("module '" + module + "' not found: modules are names inside the scripts folder");
        }
    }

    private static List<String> names(LuaValue path, String module) {
        if (LoadableFiles.isLua(module)) {
            return List.of("./" + module);
        }
        if (!path.isstring()) {
            throw new LuaError("'package.path' must be a string");
        }
        String templates = path.tojstring();
        String dirs = module.replace('.', '/');
        StringBound.check((long) templates.length() * Math.max(1, dirs.length()));
        List<String> names = new ArrayList<>();
        for (String template : templates.split(";")) {
            if (!template.isEmpty()) {
                names.add(template.replace("?", dirs));
            }
        }
        return names;
    }

    // the folder's name for a file Lua names {@code name}, when it is one of the folder's (see LoadableFiles)
    private static Optional<String> inFolder(InstanceContext context, String name) {
        String relative = name.startsWith("./") ? name.substring(2) : name;
        if (!LoadableFiles.inside(relative) || context.safety().isOn() && !LoadableFiles.isLua(relative)) {
            return Optional.empty();
        }
        return Optional.of(LoadableFiles.confine(context, relative));
    }
}
