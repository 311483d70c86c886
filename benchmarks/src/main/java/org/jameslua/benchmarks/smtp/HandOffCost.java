package org.jameslua.benchmarks.smtp;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * What one SMTP command's hand-off to a worker costs, measured as a command is, one at a time: the sender waits for
 * each piece of work to finish before the next, as a client waits for a reply, so every hand-off wakes a parked
 * worker up. The pool is made as SessionWorkers makes its own (work to the thread that went idle last, on a
 * SynchronousQueue). Prints, per piece of work, the process's CPU and the context switches of the sender and the
 * workers, next to running the same work in place. Option: the number of hand-offs (default 200000).
 */
public final class HandOffCost {
    private HandOffCost() {}

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        ThreadPoolExecutor pool =
                new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS, new SynchronousQueue<>());
        for (int round = 1; round <= 3; round++) {
            double[] inPlace = costPerRun(count, null);
            double[] handedOff = costPerRun(count, pool);
            System.out.printf(
                    Locale.ROOT,
                    "round %d: in place %.2f µs and %.2f context switches, handed to a worker %.2f µs and %.2f "
                            + "context switches per piece of work%n",
                    round,
                    inPlace[0],
                    inPlace[1],
                    handedOff[0],
                    handedOff[1]);
        }
        pool.shutdown();
    }

    // CPU µs and context switches (every thread's) per piece of work
    private static double[] costPerRun(int count, ExecutorService pool) throws Exception {
        com.sun.management.OperatingSystemMXBean process =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        ThreadCounters others = ThreadCounters.now();
        long ownSwitches = ownSwitches();
        long before = process.getProcessCpuTime();
        long sink = 0;
        for (int i = 0; i < count; i++) {
            int n = i;
            if (pool == null) {
                sink += work(n);
            } else {
                sink += CompletableFuture.supplyAsync(() -> work(n), pool).get();
            }
        }
        if (sink == 42) {
            System.out.println();
        }
        long cpu = process.getProcessCpuTime() - before;
        long switches = ownSwitches()
                - ownSwitches
                + ThreadCounters.now().since(others).values().stream()
                        .mapToLong(ThreadCounters.Counts::switches)
                        .sum();
        return new double[] {cpu / 1e3 / count, switches / (double) count};
    }

    // the calling thread's voluntary and involuntary context switches so far
    private static long ownSwitches() throws IOException {
        long switches = 0;
        for (String line : Files.readAllLines(Path.of("/proc/thread-self/status"))) {
            if (line.startsWith("voluntary_ctxt_switches:") || line.startsWith("nonvoluntary_ctxt_switches:")) {
                switches += Long.parseLong(line.substring(line.indexOf(':') + 1).strip());
            }
        }
        return switches;
    }

    private static long work(int n) {
        return Integer.toString(n).hashCode();
    }
}
