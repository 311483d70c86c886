package org.jameslua.engine.folder;

import java.util.HashMap;
import java.util.Map;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Prototype;

/**
 * One compiled script under the names scripts load it by. Lua 5.2 names a file's chunk by the name the script gave
 * ({@code dofile("./lib/util.lua")} fails with {@code ./lib/util.lua:3: ...}), and messages and tracebacks take the
 * name from the running function's prototype; the compiled script is shared by every spelling of its name, so each
 * other name gets a copy of its prototypes that shares their code, constants and lines and differs only in the name.
 *
 * <p>A script could give one file any number of names ({@code ./x.lua}, {@code .//x.lua}, ...): at most {@link
 * #MOST} copies are kept, each charged to the folder's {@link CompiledMemory}; past that, or past the memory bound,
 * the file serves under its name in the folder, the name it is logged under.
 */
final class NamedCopies {
    static final int MOST = 8;
    /**
     * What a copy keeps per function, over-estimated: a Prototype object and its array of nested functions (its other
     * arrays are the original's).
     */
    private static final long FUNCTION_BYTES = 96;

    private final Prototype original;
    private final String name;
    private final CompiledMemory memory;
    private final Map<String, Prototype> copies = new HashMap<>();
    private long charged;
    private boolean released;

    NamedCopies(Prototype original, String name, CompiledMemory memory) {
        this.original = original;
        this.name = name;
        this.memory = memory;
    }

    /** The prototype named {@code chunkName} in messages; the original's name when no more copies can be kept. */
    synchronized Prototype named(String chunkName) {
        if (chunkName.equals(name)) {
            return original;
        }
        Prototype copy = copies.get(chunkName);
        if (copy != null) {
            return copy;
        }
        if (released || copies.size() >= MOST) {
            return original;
        }
        long bytes = FUNCTION_BYTES * functions(original);
        if (!memory.charge(bytes)) {
            return original;
        }
        charged += bytes;
        copy = renamed(original, LuaValue.valueOf(chunkName));
        copies.put(chunkName, copy);
        return copy;
    }

    /**
     * What the copies were charged, for the caller to release with the script's own charge; no copy is made after
     * (an instance may still hold the script when a new version of its file replaces it).
     */
    synchronized long release() {
        released = true;
        copies.clear();
        long bytes = charged;
        charged = 0;
        return bytes;
    }

    private static long functions(Prototype prototype) {
        long count = 1;
        for (Prototype nested : prototype.p) {
            count += functions(nested);
        }
        return count;
    }

    private static Prototype renamed(Prototype prototype, LuaString source) {
        Prototype copy = new Prototype();
        copy.k = prototype.k;
        copy.code = prototype.code;
        copy.lineinfo = prototype.lineinfo;
        copy.locvars = prototype.locvars;
        copy.upvalues = prototype.upvalues;
        copy.linedefined = prototype.linedefined;
        copy.lastlinedefined = prototype.lastlinedefined;
        copy.numparams = prototype.numparams;
        copy.is_vararg = prototype.is_vararg;
        copy.maxstacksize = prototype.maxstacksize;
        copy.source = source;
        copy.p = new Prototype[prototype.p.length];
        for (int i = 0; i < copy.p.length; i++) {
            copy.p[i] = renamed(prototype.p[i], source);
        }
        return copy;
    }
}
