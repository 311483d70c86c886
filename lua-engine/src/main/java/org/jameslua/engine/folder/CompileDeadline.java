package org.jameslua.engine.folder;

import java.time.Duration;
import org.jameslua.luaj.RunningInstance;

/**
 * The bounds of compiling a file of the folder outside any call (an instance's script, loaded before its main chunk
 * runs): its time. Compiling is quadratic in places, in Lua 5.2 as in LuaJ (a chain of {@code or}, labels and gotos),
 * so a file within the size limit could keep a thread for many minutes, and every other thread asking for the same
 * script waits for it. The compiler looks at the time as it reads ({@link RunningInstance#checkTime}); a compile past the
 * bound is a compile error. What it allocates is bounded by the file's size limit, as it was before.
 */
final class CompileDeadline implements RunningInstance.Bounds {
    private final Duration bound;
    private final long deadline;

    CompileDeadline(Duration bound) {
        this.bound = bound;
        this.deadline = System.nanoTime() + bound.toNanos();
    }

    @Override
    public void checkTime() {
        if (System.nanoTime() - deadline > 0) {
            throw new Passed("compiling took longer than " + bound.toMillis() + " ms (limit.time.ms)");
        }
    }

    @Override
    public void checkStringLength(long length) {
        // a file's text is bounded by CompiledScripts.MAX_SOURCE_BYTES before it is compiled
    }

    @Override
    public void checkLargeAllocation(long bytes) {
        // as checkStringLength
    }

    /** The compile went past its time; the compiler makes it a compile error at the line it had reached. */
    static final class Passed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Passed(String message) {
            super(message, null, false, false);
        }
    }
}
