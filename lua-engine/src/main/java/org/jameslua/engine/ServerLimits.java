package org.jameslua.engine;

/**
 * The bounds shared by all instances of one engine, so that no number of sessions can exhaust the JVM or the disk:
 * what instances keep between calls, each and all together, what the calls under way allocate together, the threads
 * their coroutines hold, the size of {@code LUA.OUT} and {@code LUAERRORS.LOG}, and how many long calls run Lua at
 * once. The memory defaults are sized from the heap ({@code -Xmx}), the running calls' from the cores.
 */
public final class ServerLimits {
    /** 10 MiB: some 100,000 lines of 100 bytes, and twice that is little on any disk James runs on. */
    private static final long DEFAULT_LOG_FILE_BYTES = 10L * 1024 * 1024;

    private final long retainedPerInstance;
    private final long retainedTotal;
    private final int coroutines;
    private final long logFileBytes;
    private final long allocatedTotal;
    private final int runningCalls;

    /**
     * @param retainedPerInstance bytes one instance may keep between calls (globals, upvalues, the tables and
     *                            strings they reach, suspended coroutines' locals), as estimated
     * @param retainedTotal       bytes all live instances together may keep between calls
     * @param coroutines          coroutines alive at once in all instances (each holds a Java thread)
     * @param logFileBytes        size past which {@code LUA.OUT} and {@code LUAERRORS.LOG} are each renamed to
     *                            {@code .1} (replacing the older one) and started anew
     * @param allocatedTotal      bytes the calls under way may allocate together, each counted from its start (the
     *                            bound of one call, {@code Limits.allocatedBytes}, does not see the others)
     * @param runningCalls        calls past their first {@link org.jameslua.engine.lib.CoreTurns#FREE_MILLIS} ms
     *                            of running that run Lua at once, in turns (see
     *                            {@link org.jameslua.engine.lib.CoreTurns})
     */
    public ServerLimits(
            long retainedPerInstance,
            long retainedTotal,
            int coroutines,
            long logFileBytes,
            long allocatedTotal,
            int runningCalls) {
        this.retainedPerInstance = retainedPerInstance;
        this.retainedTotal = retainedTotal;
        this.coroutines = coroutines;
        this.logFileBytes = logFileBytes;
        this.allocatedTotal = allocatedTotal;
        this.runningCalls = runningCalls;
    }

    /**
     * A 32nd of the heap per instance, a quarter for all together, 256 coroutines, files of 10 MiB, a third of the
     * heap for the calls under way together (allocation, garbage included: five or so calls at their own bound), as
     * many long calls running at once as the JVM has cores.
     */
    public static ServerLimits defaults() {
        long heap = Runtime.getRuntime().maxMemory();
        return new ServerLimits(
                heap / 32,
                heap / 4,
                256,
                DEFAULT_LOG_FILE_BYTES,
                heap / 3,
                Runtime.getRuntime().availableProcessors());
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

    public long logFileBytes() {
        return logFileBytes;
    }

    public long allocatedTotal() {
        return allocatedTotal;
    }

    public int runningCalls() {
        return runningCalls;
    }

    public ServerLimits withRetainedPerInstance(long value) {
        return new ServerLimits(value, retainedTotal, coroutines, logFileBytes, allocatedTotal, runningCalls);
    }

    public ServerLimits withRetainedTotal(long value) {
        return new ServerLimits(retainedPerInstance, value, coroutines, logFileBytes, allocatedTotal, runningCalls);
    }

    public ServerLimits withCoroutines(int value) {
        return new ServerLimits(retainedPerInstance, retainedTotal, value, logFileBytes, allocatedTotal, runningCalls);
    }

    public ServerLimits withLogFileBytes(long value) {
        return new ServerLimits(retainedPerInstance, retainedTotal, coroutines, value, allocatedTotal, runningCalls);
    }

    public ServerLimits withAllocatedTotal(long value) {
        return new ServerLimits(retainedPerInstance, retainedTotal, coroutines, logFileBytes, value, runningCalls);
    }

    public ServerLimits withRunningCalls(int value) {
        return new ServerLimits(retainedPerInstance, retainedTotal, coroutines, logFileBytes, allocatedTotal, value);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ServerLimits
                && ((ServerLimits) other).retainedPerInstance == retainedPerInstance
                && ((ServerLimits) other).retainedTotal == retainedTotal
                && ((ServerLimits) other).coroutines == coroutines
                && ((ServerLimits) other).logFileBytes == logFileBytes
                && ((ServerLimits) other).allocatedTotal == allocatedTotal
                && ((ServerLimits) other).runningCalls == runningCalls;
    }

    @Override
    public int hashCode() {
        int hash = (Long.hashCode(retainedPerInstance) * 31 + Long.hashCode(retainedTotal)) * 31 + coroutines;
        hash = (hash * 31 + Long.hashCode(logFileBytes)) * 31 + Long.hashCode(allocatedTotal);
        return hash * 31 + runningCalls;
    }

    @Override
    public String toString() {
        return "ServerLimits[retainedPerInstance=" + retainedPerInstance + ", retainedTotal=" + retainedTotal
                + ", coroutines=" + coroutines + ", logFileBytes=" + logFileBytes + ", allocatedTotal=" + allocatedTotal
                + ", runningCalls=" + runningCalls + "]";
    }
}
