package org.jameslua.benchmarks.load;

/**
 * What one load cost the James that served it: CPU time (ms) of the whole process, of its JIT compiler threads and
 * of its GC threads; bytes its Java threads allocated; methods its JIT compiled.
 */
record JamesCosts(double cpuMillis, double jitMillis, double gcMillis, long allocatedBytes, long compilations) {
    /** CPU without the JIT's: what serving the load cost, less what a James still warming up adds to it. */
    double cpuWithoutJitMillis() {
        return cpuMillis - jitMillis;
    }
}
