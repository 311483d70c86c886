package org.jameslua.engine.lib;

import org.luaj.vm2.Globals;

/** A set of functions installed into every new script instance. */
public interface LuaLibrary {
    void install(Globals globals, InstanceContext context);
}
