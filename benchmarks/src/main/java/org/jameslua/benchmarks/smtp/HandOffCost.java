package org.jameslua.benchmarks.smtp;

import java.lang.management.ManagementFactory;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The CPU one SMTP command's hand-off to a worker costs (SessionWork with SessionWorkers: a pool of the same kind),
 * measured as a command is, one at a time: the sender waits for each piece of work to finish before the next, as a
 * client waits for a reply, so every hand-off wakes a parked worker up. Prints the process's CPU per hand-off next
 * to running the same work in place. Option: the number of hand-offs (default 200000).
 */
public final class HandOffCost {
    private HandOffCost() {}

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        ThreadPoolExecutor pool = new ThreadPoolExecutor(8, 8, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>());
        pool.allowCoreThreadTimeOut(true);
        for (int round = 1; round <= 3; round++) {
            double inPlace = cpuPerRun(count, null);
            double handedOff = cpuPerRun(count, pool);
            System.out.printf(
                    Locale.ROOT,
                    "round %d: in place %.2f µs, handed to a worker %.2f µs of CPU per piece " + "of work%n",
                    round,
                    inPlace,
                    handedOff);
        }
        pool.shutdown();
    }

    private static double cpuPerRun(int count, ExecutorService pool) throws Exception {
        com.sun.management.OperatingSystemMXBean process =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
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
        return (process.getProcessCpuTime() - before) / 1e3 / count;
    }

    private static long work(int n) {
        return Integer.toString(n).hashCode();
    }
}
