package org.jameslua.engine.folder;

import java.util.OptionalLong;
import org.luaj.vm2.Prototype;

/**
 * What the folder's compiled scripts keep together, bounded. A compiled script is shared by every instance and
 * charged to none of them, for as long as its file is unchanged; one file of 15 MB of distinct string constants kept
 * 136 MiB, so the files of users' folders could otherwise fill the heap, one require at a time. A script is charged
 * once compiled, before it serves, while the version it replaces is still charged; refused past the bound.
 */
public final class CompiledMemory {
    /** An estimate of the heap a compiled script keeps; once past {@code stopAbove}, some value above it. */
    @FunctionalInterface
    public interface Size {
        long of(Prototype compiled, long stopAbove);
    }

    private final Size size;
    private final long bound;
    private long kept;

    /** @param bound the bytes all compiled scripts of the folder may keep together */
    public CompiledMemory(Size size, long bound) {
        this.size = size;
        this.bound = bound;
    }

    /** Charges a new compiled script: what it keeps, or empty when that would pass the bound (nothing charged). */
    synchronized OptionalLong charge(Prototype compiled) {
        long bytes = size.of(compiled, bound - kept);
        return charge(bytes) ? OptionalLong.of(bytes) : OptionalLong.empty();
    }

    /** Charges what a compiled script keeps besides itself ({@link NamedCopies}); false (nothing charged) past the bound. */
    synchronized boolean charge(long bytes) {
        if (kept + bytes > bound) {
            return false;
        }
        kept += bytes;
        return true;
    }

    synchronized void release(long bytes) {
        kept -= bytes;
    }

    long bound() {
        return bound;
    }
}
