package org.jameslua.benchmarks.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A James's CPU time over one load, split by the kind of thread that spent it, from {@code /proc/PID/task}: the
 * JIT (HotSpot's compiler threads and code sweeper), the garbage collector (G1's workers, marker, refinement and
 * service threads), and all of it ({@code /proc/PID/stat}, which keeps the time of threads that ended).
 *
 * <p>The JIT's share cannot be read once before and once after: HotSpot starts compiler threads when its queue
 * grows and ends them when they idle ({@code UseDynamicNumberOfCompilerThreads}), and an ended thread's time is
 * no longer in {@code /proc/PID/task}. So the threads are read every {@link #PERIOD_MILLIS} ms while the load runs
 * and each thread's last reading kept: a compiler thread that ends loses at most one period.
 */
final class ThreadCpu implements AutoCloseable {
    private static final long PERIOD_MILLIS = 200;

    /** CPU time in clock ticks: all of the process's, and its JIT and GC threads'. */
    record Ticks(long total, long jit, long gc) {
        double millis(long ticks) {
            return ticks * 1000.0 / ClockTicks.PER_SECOND;
        }
    }

    private enum Kind {
        JIT,
        GC,
        OTHER;

        // the kernel's thread names, HotSpot's names cut to 15 characters
        static Kind of(String name) {
            if (name.startsWith("C1 CompilerThre")
                    || name.startsWith("C2 CompilerThre")
                    || name.startsWith("Sweeper thread")) {
                return JIT;
            }
            if (name.startsWith("GC Thread#") || name.startsWith("G1 ")) {
                return GC;
            }
            return OTHER;
        }
    }

    private record Reading(Kind kind, long first, long last) {}

    private final long pid;
    private final long totalBefore;
    private final Map<String, Reading> threads = new HashMap<>();
    private final Thread sampler;
    private volatile boolean running = true;

    private ThreadCpu(long pid) throws IOException {
        this.pid = pid;
        this.totalBefore = processTicks(pid);
        read(true);
        sampler = new Thread(this::sample, "james-thread-cpu-" + pid);
        sampler.setDaemon(true);
        sampler.start();
    }

    /** Starts reading the threads of process {@code pid}. */
    static ThreadCpu start(long pid) throws IOException {
        return new ThreadCpu(pid);
    }

    /** The ticks since {@link #start}; stops the readings. */
    Ticks stop() throws IOException, InterruptedException {
        close();
        read(false);
        long jit = 0;
        long gc = 0;
        for (Reading reading : threads.values()) {
            long spent = reading.last() - reading.first();
            jit += reading.kind() == Kind.JIT ? spent : 0;
            gc += reading.kind() == Kind.GC ? spent : 0;
        }
        return new Ticks(processTicks(pid) - totalBefore, jit, gc);
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        sampler.interrupt();
        sampler.join();
    }

    private void sample() {
        while (running) {
            try {
                Thread.sleep(PERIOD_MILLIS);
                read(false);
            } catch (InterruptedException e) {
                return;
            } catch (IOException e) {
                // James ended: stop() says so when it reads the process
                return;
            }
        }
    }

    // a thread first seen after the start started after it: all its time is the load's
    private synchronized void read(boolean atStart) throws IOException {
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : tasks.toList()) {
                try {
                    String tid = task.getFileName().toString();
                    Reading known = threads.get(tid);
                    Kind kind = known != null ? known.kind() : Kind.of(Files.readString(task.resolve("comm")));
                    long ticks = ticks(Files.readString(task.resolve("stat")));
                    threads.put(tid, new Reading(kind, known != null ? known.first() : atStart ? ticks : 0, ticks));
                } catch (IOException e) {
                    // the thread ended meanwhile: its last reading stays
                }
            }
        }
    }

    /** The process's user + system CPU time so far, in clock ticks, ended threads included. */
    static long processTicks(long pid) throws IOException {
        return ticks(Files.readString(Path.of("/proc", Long.toString(pid), "stat")));
    }

    // fields 14 and 15 (utime, stime) of a stat line; fields[0] is field 3 (state), after the name in brackets
    private static long ticks(String stat) {
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }
}
