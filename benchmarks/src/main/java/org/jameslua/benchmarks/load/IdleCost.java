package org.jameslua.benchmarks.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;

/**
 * {@code load.sh --idle}: what a James costs before any mail, stock against the pack's configurations, as an
 * operator restarting a server or leaving it quiet at night sees it. One James at a time (a start competes for the
 * cores with whatever else starts), in rounds that rotate the order: the time and CPU its start took until its
 * health check answered, then, once settled, its threads, its CPU and wake-ups over an idle window, and the heap it
 * holds after a full collection. No SMTP connection is made: the pack's work per connection and per message is the
 * load's to measure.
 */
final class IdleCost {
    /** Deploys and starts one James of a configuration, as the load does. */
    interface Starter {
        DeployedJames start(Configuration configuration) throws IOException, InterruptedException;
    }

    // after the health check James still compiles and starts its last listeners: not idle yet
    private static final long SETTLE_MILLIS = 15_000;
    private static final long TICKS_PER_SECOND = ClockTicks.PER_SECOND;

    private final Starter starter;
    private final Map<String, List<Reading>> readings = new LinkedHashMap<>();
    private final Map<String, Map<String, Integer>> threadNames = new TreeMap<>();

    IdleCost(Starter starter) {
        this.starter = starter;
    }

    private record Reading(
            double startSeconds,
            double startCpuSeconds,
            long startClasses,
            long startCompilations,
            int threads,
            double idleCpuMillisPerMinute,
            double wakeUpsPerSecond,
            double heapMegabytes) {}

    void run(List<Configuration> configurations, int rounds, int idleSeconds) throws Exception {
        for (int round = 1; round <= rounds; round++) {
            List<Configuration> order = new ArrayList<>(configurations);
            Collections.rotate(order, round - 1);
            for (Configuration configuration : order) {
                try (DeployedJames james = starter.start(configuration)) {
                    readings.computeIfAbsent(configuration.key, key -> new ArrayList<>())
                            .add(measure(james, idleSeconds));
                }
            }
        }
        System.out.println(table(configurations));
        System.out.println(addedThreads(configurations));
    }

    private Reading measure(DeployedJames james, int idleSeconds) throws IOException, InterruptedException {
        Thread.sleep(SETTLE_MILLIS);
        james.collectGarbage();
        long ticks = james.cpuTicks();
        long switches = contextSwitches(james.pid());
        Thread.sleep(idleSeconds * 1000L);
        double idleTicks = james.cpuTicks() - ticks;
        double wakeUps = contextSwitches(james.pid()) - switches;
        Map<String, Integer> names = threadNames(james.pid());
        threadNames.put(james.configuration.key, names);
        return new Reading(
                james.startNanos() / 1e9,
                james.startTicks() / (double) TICKS_PER_SECOND,
                james.startClasses(),
                james.startCompilations(),
                names.values().stream().mapToInt(Integer::intValue).sum(),
                idleTicks * 1000 / TICKS_PER_SECOND * 60 / idleSeconds,
                wakeUps / idleSeconds,
                james.liveHeapBytes() / (1024.0 * 1024));
    }

    /** Voluntary and forced context switches of all the process's threads so far: each is a wake-up or a preemption. */
    private static long contextSwitches(long pid) throws IOException {
        long switches = 0;
        for (Path task : tasks(pid)) {
            try {
                for (String line : Files.readAllLines(task.resolve("status"))) {
                    if (line.startsWith("voluntary_ctxt_switches:") || line.startsWith("nonvoluntary_ctxt_switches:")) {
                        switches += Long.parseLong(
                                line.substring(line.indexOf(':') + 1).trim());
                    }
                }
            } catch (IOException e) {
                // the thread ended meanwhile
            }
        }
        return switches;
    }

    /** The process's threads by name, numbers in names made {@code #} (a pool's threads count under one name). */
    private static Map<String, Integer> threadNames(long pid) throws IOException {
        Map<String, Integer> names = new TreeMap<>();
        for (Path task : tasks(pid)) {
            try {
                names.merge(Files.readString(task.resolve("comm")).trim().replaceAll("[0-9]+", "#"), 1, Integer::sum);
            } catch (IOException e) {
                // the thread ended meanwhile
            }
        }
        return names;
    }

    private static List<Path> tasks(long pid) throws IOException {
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            return tasks.toList();
        }
    }

    private String table(List<Configuration> configurations) {
        StringBuilder table = new StringBuilder(
                "| configuration | start s | start CPU s | classes loaded | methods compiled | threads | idle CPU ms/min "
                        + "| wake-ups/s | heap after GC MB |\n"
                        + "|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Configuration configuration : configurations) {
            List<Reading> runs = readings.getOrDefault(configuration.key, List.of());
            table.append(String.format(
                    Locale.ROOT,
                    "| %s | %s | %s | %s | %s | %s | %s | %s | %s |%n",
                    configuration.label,
                    range(runs, Reading::startSeconds, 1),
                    range(runs, Reading::startCpuSeconds, 1),
                    range(runs, r -> r.startClasses(), 0),
                    range(runs, r -> r.startCompilations(), 0),
                    range(runs, r -> r.threads(), 0),
                    range(runs, Reading::idleCpuMillisPerMinute, 0),
                    range(runs, Reading::wakeUpsPerSecond, 0),
                    range(runs, Reading::heapMegabytes, 1)));
        }
        return table.toString();
    }

    // the median, and the range when the rounds differ
    private static String range(List<Reading> runs, ToDoubleFunction<Reading> value, int decimals) {
        List<Double> values = runs.stream().map(value::applyAsDouble).toList();
        double low = values.stream().mapToDouble(d -> d).min().orElse(Double.NaN);
        double high = values.stream().mapToDouble(d -> d).max().orElse(Double.NaN);
        String median = LoadReport.number(LoadReport.median(values), decimals);
        return low == high
                ? median
                : median + " (" + LoadReport.number(low, decimals) + " – " + LoadReport.number(high, decimals) + ")";
    }

    /** The threads each configuration has beyond stock's, by name, from the last round. */
    private String addedThreads(List<Configuration> configurations) {
        Map<String, Integer> stock = threadNames.getOrDefault(Configuration.STOCK.key, Map.of());
        StringBuilder added = new StringBuilder();
        for (Configuration configuration : configurations) {
            if (configuration == Configuration.STOCK) {
                continue;
            }
            Map<String, Integer> own = threadNames.getOrDefault(configuration.key, Map.of());
            List<String> more = new ArrayList<>();
            for (String name : new TreeSet<>(own.keySet())) {
                int extra = own.get(name) - stock.getOrDefault(name, 0);
                if (extra != 0) {
                    more.add(String.format(Locale.ROOT, "%s %+d", name, extra));
                }
            }
            for (String name : stock.keySet()) {
                if (!own.containsKey(name)) {
                    more.add(String.format(Locale.ROOT, "%s %+d", name, -stock.get(name)));
                }
            }
            added.append(configuration.label)
                    .append(": threads against stock's: ")
                    .append(more.isEmpty() ? "the same" : String.join(", ", more))
                    .append('\n');
        }
        return added.toString();
    }
}
