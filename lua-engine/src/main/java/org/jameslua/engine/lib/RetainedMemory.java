package org.jameslua.engine.lib;

import java.util.concurrent.atomic.AtomicLong;
import org.jameslua.engine.ServerLimits;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Prototype;

/**
 * What all live instances of one engine keep between calls, as a running total: each instance is charged
 * what it was last measured to keep plus everything it allocated since, an upper bound of what it keeps
 * now. An instance is measured again ({@link RetainedSize}, a walk of what it reaches) only when that
 * allocation passes {@link #MEASURE_AFTER} or the total passes its bound, so an ordinary call costs one
 * addition here.
 */
public final class RetainedMemory {
    /** Allocation since an instance's last measurement past which it is measured after its call. */
    static final long MEASURE_AFTER = 1024 * 1024;

    private final long perInstance;
    private final long total;
    private final AtomicLong charged = new AtomicLong();

    public RetainedMemory(ServerLimits limits) {
        this.perInstance = limits.retainedPerInstance();
        this.total = limits.retainedTotal();
    }

    /** The current total charge of all live instances, in bytes. */
    public long charged() {
        return charged.get();
    }

    /** The charge of a new instance, whose globals (and the chunks it loads itself) are what it keeps. */
    public InstanceMemory track(LuaValue globals, InstanceContext context) {
        return new InstanceMemory(this, globals, context.loadedChunks());
    }

    /**
     * What a script of the folder keeps once compiled, as an instance's measure counts the functions it compiled itself;
     * once past {@code stopAbove}, some value above it.
     */
    public static long compiled(Prototype compiled, long stopAbove) {
        return RetainedSize.of(compiled, stopAbove);
    }

    long charge(long bytes) {
        return charged.addAndGet(bytes);
    }

    long perInstance() {
        return perInstance;
    }

    long total() {
        return total;
    }
}
