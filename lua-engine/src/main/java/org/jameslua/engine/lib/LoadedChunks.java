package org.jameslua.engine.lib;

import java.util.Collections;
import java.util.Set;
import java.util.WeakHashMap;
import org.luaj.vm2.Prototype;

/**
 * The prototypes one instance compiled from its own text ({@code load}, {@code loadstring}): what their
 * constants and code hold is the instance's to answer for, unlike the folder's compiled scripts, which every
 * instance shares. Held weakly (a Prototype is equal only to itself), so a chunk loaded and dropped is not
 * kept by being listed here.
 */
final class LoadedChunks {
    private final Set<Prototype> prototypes = Collections.newSetFromMap(new WeakHashMap<>());

    /** Lists a chunk the instance compiled, with the functions nested in it. */
    void add(Prototype chunk) {
        prototypes.add(chunk);
        for (Prototype nested : chunk.p) {
            add(nested);
        }
    }

    boolean contains(Prototype prototype) {
        return prototypes.contains(prototype);
    }
}
