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
    // made at the first load: most instances never compile text of their own, and every SMTP connection and mailet
    // step makes an instance
    private Set<Prototype> prototypes;

    /** Lists a chunk the instance compiled, with the functions nested in it. */
    void add(Prototype chunk) {
        if (prototypes == null) {
            prototypes = Collections.newSetFromMap(new WeakHashMap<>());
        }
        prototypes.add(chunk);
        for (Prototype nested : chunk.p) {
            add(nested);
        }
    }

    boolean contains(Prototype prototype) {
        return prototypes != null && prototypes.contains(prototype);
    }
}
