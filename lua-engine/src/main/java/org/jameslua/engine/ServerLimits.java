package org.jameslua.engine;

/**
 * The bounds shared by all instances of one engine, so that no number of sessions can exhaust the JVM: what
 * instances keep between calls, each and all together, and the threads their coroutines hold. The defaults
 * are sized from the heap ({@code -Xmx}).
 */
public final class ServerLimits {
    private final long retainedPerInstance;
    private final long retainedTotal;
    private final int coroutines;

    /**
     * @param retainedPerInstance bytes one instance may keep between calls (globals, upvalues, the tables and
     *                            strings they reach, suspended coroutines' locals), as estimated
     * @param retainedTotal       bytes all live instances together may keep between calls
     * @param coroutines          coroutines alive at once in all instances (each holds a Java thread)
     */
    public ServerLimits(long retainedPerInstance, long retainedTotal, int coroutines) {
        this.retainedPerInstance = retainedPerInstance;
        this.retainedTotal = retainedTotal;
        this.coroutines = coroutines;
    }

    /** A 32nd of the heap per instance, a quarter for all together, 256 coroutines. */
    public static ServerLimits defaults() {
        long heap = Runtime.getRuntime().maxMemory();
        return new ServerLimits(heap / 32, heap / 4, 256);
    }

    public long retainedPerInstance() {
        return retainedPerInstance;
    }

    public long retainedTotal() {
        return retainedTotal;
    }

    public int coroutines() {
        return coroutines;
    }

    public ServerLimits withRetainedPerInstance(long value) {
        return new ServerLimits(value, retainedTotal, coroutines);
    }

    public ServerLimits withRetainedTotal(long value) {
        return new ServerLimits(retainedPerInstance, value, coroutines);
    }

    public ServerLimits withCoroutines(int value) {
        return new ServerLimits(retainedPerInstance, retainedTotal, value);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ServerLimits
                && ((ServerLimits) other).retainedPerInstance == retainedPerInstance
                && ((ServerLimits) other).retainedTotal == retainedTotal
                && ((ServerLimits) other).coroutines == coroutines;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(retainedPerInstance) * 31 * 31 + Long.hashCode(retainedTotal) * 31 + coroutines;
    }

    @Override
    public String toString() {
        return "ServerLimits[retainedPerInstance=" + retainedPerInstance + ", retainedTotal=" + retainedTotal
                + ", coroutines=" + coroutines + "]";
    }
}
