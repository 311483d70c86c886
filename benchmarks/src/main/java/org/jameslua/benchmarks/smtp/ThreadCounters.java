package org.jameslua.benchmarks.smtp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What the JVM's threads, the calling thread (the benchmark's client) left out, allocated, how often they were
 * switched out and the CPU they used, by {@link Group}: counts a busy machine does not change, and CPU by thread, so
 * that the JIT compilers' part can be told apart. Allocation comes from
 * {@link com.sun.management.ThreadMXBean#getThreadAllocatedBytes}, context switches from Linux's
 * {@code /proc/self/task/TID/status}, CPU from its {@code stat}. A thread that ended between two snapshots takes its counts with it; one that
 * started counts from zero.
 */
final class ThreadCounters {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private static final Path TASKS = Path.of("/proc/self/task");

    /** Threads told apart by the start of their names (Linux keeps 15 characters of a thread's name). */
    enum Group {
        SMTP("James's SMTP threads (I/O, line handling)", "smtpserver-glob"),
        WORKERS("the pack's SMTP workers", "luapack-smtp"),
        JIT("JIT compilers", "C1 CompilerThre", "C2 CompilerThre"),
        VM("GC and VM", "GC Thread", "G1 ", "VM ", "Sweeper", "Service Thread", "Monitor Deflati"),
        MAIL("mail processing and the rest (mailbox, spool, ...)");

        final String label;
        private final List<String> prefixes;

        Group(String label, String... prefixes) {
            this.label = label;
            this.prefixes = List.of(prefixes);
        }

        static Group of(String threadName) {
            for (Group group : values()) {
                if (group.prefixes.stream().anyMatch(threadName::startsWith)) {
                    return group;
                }
            }
            return MAIL;
        }
    }

    /** Bytes allocated, context switches, and CPU in clock ticks (user and system, Linux's 100 a second). */
    record Counts(long allocated, long voluntarySwitches, long involuntarySwitches, long cpuTicks) {
        static final Counts NONE = new Counts(0, 0, 0, 0);

        Counts plus(Counts other) {
            return new Counts(
                    allocated + other.allocated,
                    voluntarySwitches + other.voluntarySwitches,
                    involuntarySwitches + other.involuntarySwitches,
                    cpuTicks + other.cpuTicks);
        }

        long switches() {
            return voluntarySwitches + involuntarySwitches;
        }
    }

    private record Counted(Group group, Counts counts) {}

    // by Java thread id
    private final Map<Long, Counted> javaThreads;
    // by Linux task id
    private final Map<String, Counted> tasks;

    private ThreadCounters(Map<Long, Counted> javaThreads, Map<String, Counted> tasks) {
        this.javaThreads = javaThreads;
        this.tasks = tasks;
    }

    /** The counts of every thread but the calling one. */
    static ThreadCounters now() {
        long self = Thread.currentThread().getId();
        long[] ids = THREADS.getAllThreadIds();
        long[] allocated = THREADS.getThreadAllocatedBytes(ids);
        ThreadInfo[] infos = THREADS.getThreadInfo(ids);
        Map<Long, Counted> javaThreads = new HashMap<>();
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] != self && infos[i] != null && allocated[i] >= 0) {
                javaThreads.put(
                        ids[i], new Counted(Group.of(infos[i].getThreadName()), new Counts(allocated[i], 0, 0, 0)));
            }
        }
        String selfTask = selfTask();
        Map<String, Counted> tasks = new HashMap<>();
        try (Stream<Path> all = Files.list(TASKS)) {
            for (Path task : (Iterable<Path>) all::iterator) {
                String id = task.getFileName().toString();
                if (!id.equals(selfTask)) {
                    readTask(task).ifPresent(thread -> tasks.put(id, thread));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ThreadCounters(javaThreads, tasks);
    }

    /** What each group's threads did since {@code earlier}: allocation from the JVM, switches from Linux. */
    Map<Group, Counts> since(ThreadCounters earlier) {
        Map<Group, Counts> groups = new EnumMap<>(Group.class);
        for (Group group : Group.values()) {
            groups.put(group, Counts.NONE);
        }
        javaThreads.forEach((id, thread) -> {
            long before = earlier.javaThreads.containsKey(id)
                    ? earlier.javaThreads.get(id).counts().allocated()
                    : 0;
            groups.merge(thread.group(), new Counts(thread.counts().allocated() - before, 0, 0, 0), Counts::plus);
        });
        tasks.forEach((id, thread) -> {
            Counts before = earlier.tasks
                    .getOrDefault(id, new Counted(thread.group(), Counts.NONE))
                    .counts();
            groups.merge(
                    thread.group(),
                    new Counts(
                            0,
                            thread.counts().voluntarySwitches() - before.voluntarySwitches(),
                            thread.counts().involuntarySwitches() - before.involuntarySwitches(),
                            thread.counts().cpuTicks() - before.cpuTicks()),
                    Counts::plus);
        });
        return groups;
    }

    private static Optional<Counted> readTask(Path task) throws IOException {
        try {
            String name = Files.readString(task.resolve("comm")).strip();
            long voluntary = -1;
            long involuntary = -1;
            for (String line : Files.readAllLines(task.resolve("status"))) {
                if (line.startsWith("voluntary_ctxt_switches:")) {
                    voluntary =
                            Long.parseLong(line.substring(line.indexOf(':') + 1).strip());
                } else if (line.startsWith("nonvoluntary_ctxt_switches:")) {
                    involuntary =
                            Long.parseLong(line.substring(line.indexOf(':') + 1).strip());
                }
            }
            // after the name in parentheses: state is field 3, utime and stime fields 14 and 15
            String stat = Files.readString(task.resolve("stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            return Optional.of(new Counted(Group.of(name), new Counts(0, voluntary, involuntary, ticks)));
        } catch (NoSuchFileException ended) {
            return Optional.empty();
        }
    }

    // the calling thread's Linux task id: /proc/thread-self links to /proc/PID/task/TID
    private static String selfTask() {
        try {
            return Files.readSymbolicLink(Path.of("/proc/thread-self"))
                    .getFileName()
                    .toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
