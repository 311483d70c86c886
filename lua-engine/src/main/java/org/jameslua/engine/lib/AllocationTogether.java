package org.jameslua.engine.lib;

import java.util.concurrent.atomic.AtomicLong;

/**
 * What the calls under way in one engine have allocated together, each counted from its start, against what they may
 * ({@code limit.memory.total.bytes}). Each call's own bound sees that call alone: a few hundred sessions at once, each
 * within its bound, took James's heap, with an {@code OutOfMemoryError} in James's own threads.
 *
 * <p>Calls add what they allocated at their looks ({@link Budget}); a call that runs few instructions and builds no
 * long string adds nothing and costs nothing here.
 */
public final class AllocationTogether {
    private final long bound;
    private final AtomicLong allocated = new AtomicLong();

    public AllocationTogether(long bound) {
        this.bound = bound;
    }

    public long bound() {
        return bound;
    }

    /** A call has allocated {@code growth} more bytes; whether the calls under way are now past the bound together. */
    boolean grew(long growth) {
        return allocated.addAndGet(growth) > bound;
    }

    /** What the calls under way have added so far: nothing once they have ended. */
    public long allocated() {
        return allocated.get();
    }

    /** A call that had added {@code allocated} bytes has ended: its memory is the collector's again. */
    void ended(long allocated) {
        this.allocated.addAndGet(-allocated);
    }
}
