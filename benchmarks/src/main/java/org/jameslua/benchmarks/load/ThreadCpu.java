package org.jameslua.benchmarks.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
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

    /**
     * CPU time in clock ticks: all of the process's, its JIT and GC threads', and by thread group (a thread's name
     * with its numbers made {@code #}, so that a pool's threads count as one; {@link #UNSEEN} for the time of
     * threads that started and ended between two readings).
     */
    record Ticks(long total, long jit, long gc, Map<String, Usage> groups) {
        static final String UNSEEN = "(threads ended unseen)";

        double millis(long ticks) {
            return ticks * 1000.0 / ClockTicks.PER_SECOND;
        }

        Map<String, ThreadGroupCost> groupCosts() {
            Map<String, ThreadGroupCost> costs = new TreeMap<>();
            groups.forEach((group, usage) -> costs.put(
                    group, new ThreadGroupCost(millis(usage.ticks()), millis(usage.systemTicks()), usage.sleeps())));
            return costs;
        }
    }

    /**
     * What threads spent: CPU ticks, of them in the kernel, and how often they blocked (voluntary context switches:
     * each is a wait the thread was woken from, a hand-off's or a poll's).
     */
    record Usage(long ticks, long systemTicks, long sleeps) {
        static final Usage NONE = new Usage(0, 0, 0);

        Usage plus(Usage other) {
            return new Usage(ticks + other.ticks, systemTicks + other.systemTicks, sleeps + other.sleeps);
        }

        Usage minus(Usage other) {
            return new Usage(ticks - other.ticks, systemTicks - other.systemTicks, sleeps - other.sleeps);
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

    private record Reading(String group, Kind kind, Usage first, Usage last) {}

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
        long seen = 0;
        Map<String, Usage> groups = new HashMap<>();
        for (Reading reading : threads.values()) {
            Usage spent = reading.last().minus(reading.first());
            jit += reading.kind() == Kind.JIT ? spent.ticks() : 0;
            gc += reading.kind() == Kind.GC ? spent.ticks() : 0;
            seen += spent.ticks();
            groups.merge(reading.group(), spent, Usage::plus);
        }
        long total = processTicks(pid) - totalBefore;
        groups.put(Ticks.UNSEEN, new Usage(Math.max(0, total - seen), 0, 0));
        return new Ticks(total, jit, gc, groups);
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
                    Usage usage = usage(task);
                    if (known != null) {
                        threads.put(tid, new Reading(known.group(), known.kind(), known.first(), usage));
                    } else {
                        String name = Files.readString(task.resolve("comm")).strip();
                        threads.put(
                                tid,
                                new Reading(
                                        name.replaceAll("[0-9]+", "#"),
                                        Kind.of(name),
                                        atStart ? usage : Usage.NONE,
                                        usage));
                    }
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

    private static Usage usage(Path task) throws IOException {
        String[] fields = statFields(Files.readString(task.resolve("stat")));
        long system = Long.parseLong(fields[12]);
        long sleeps = 0;
        for (String line : Files.readAllLines(task.resolve("status"))) {
            if (line.startsWith("voluntary_ctxt_switches:")) {
                sleeps = Long.parseLong(
                        line.substring("voluntary_ctxt_switches:".length()).trim());
            }
        }
        return new Usage(Long.parseLong(fields[11]) + system, system, sleeps);
    }

    // fields[0] is field 3 (state), after the name in brackets
    private static String[] statFields(String stat) {
        return stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    }

    // fields 14 and 15 (utime, stime) of a stat line; fields[0] is field 3 (state), after the name in brackets
    private static long ticks(String stat) {
        String[] fields = statFields(stat);
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }
}
