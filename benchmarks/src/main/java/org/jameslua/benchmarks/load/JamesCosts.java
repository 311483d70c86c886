package org.jameslua.benchmarks.load;

import java.util.Map;

/**
 * What one load cost the James that served it: CPU time (ms) of the whole process, of its JIT compiler threads and
 * of its GC threads; bytes its Java threads allocated; methods its JIT compiled; what each group of its threads spent.
 */
record JamesCosts(
        double cpuMillis,
        double jitMillis,
        double gcMillis,
        long allocatedBytes,
        long compilations,
        Map<String, ThreadGroupCost> threadGroups) {
    /** CPU without the JIT's: what serving the load cost, less what a James still warming up adds to it. */
    double cpuWithoutJitMillis() {
        return cpuMillis - jitMillis;
    }
}
