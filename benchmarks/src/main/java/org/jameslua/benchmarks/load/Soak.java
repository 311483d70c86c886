package org.jameslua.benchmarks.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * {@code load.sh --soak}: whether what a James holds stays flat while it takes mail for a long time, as a server left
 * up for months needs: a heap, threads, file descriptors or script objects that grow a little with every session are
 * invisible in a load of minutes and fatal in production. The Jameses (stock and the pack's configurations, side by
 * side) take cycle after cycle of the load's mail, eight connections, one message per connection and sessions of ten
 * in turn; after each cycle its mail is counted and expunged and the heap collected, as after every load, and then
 * read: the live heap, the process's threads and open files, the live objects of the pack's and LuaJ's classes, and
 * what the pack's output files (LUA.OUT, LUAERRORS.LOG and their .1) take on disk. The first cycle fills what is
 * filled once (the JIT's code, pools, caches) and is left out of the summary's trend.
 */
final class Soak {
    /** The load's own steps, as the benchmark runs them. */
    interface Loads {
        LoadResult load(DeployedJames james, int connections, int perSession, int messages, int seed)
                throws IOException, InterruptedException;

        /** The load's mail counted in the INBOXes, then expunged, and the heap collected. */
        void settle(DeployedJames james, LoadResult result) throws IOException, InterruptedException;
    }

    private static final int CONNECTIONS = 8;
    private static final List<String> PACK_CLASSES = List.of("org.jameslua.", "org.luaj.");
    private static final List<String> OUTPUT_FILES =
            List.of("LUA.OUT", "LUA.OUT.1", "LUAERRORS.LOG", "LUAERRORS.LOG.1");
    private static final Pattern ERROR_KIND = Pattern.compile("\\[([A-Z_]+)\\]");
    private static final double PER_MESSAGES = 10_000;

    private final Loads loads;
    private final Map<String, List<Reading>> readings = new TreeMap<>();

    Soak(Loads loads) {
        this.loads = loads;
    }

    private record Reading(
            int cycle,
            long messages,
            long heapBytes,
            int threads,
            long openFiles,
            long packObjects,
            long packBytes,
            long outputBytes) {}

    /** Cycles until the next one would end after {@code deadlineNanos} ({@link System#nanoTime}), two at least. */
    void run(List<DeployedJames> servers, int messagesPerCycle, long deadlineNanos)
            throws IOException, InterruptedException {
        Map<DeployedJames, Long> sent = new HashMap<>();
        long started = System.nanoTime();
        for (int cycle = 1; cycle <= 2 || fits(cycle, started, deadlineNanos); cycle++) {
            List<DeployedJames> order = new ArrayList<>(servers);
            Collections.rotate(order, cycle);
            int perSession = cycle % 2 == 1 ? 1 : 10;
            for (DeployedJames james : order) {
                LoadResult result = loads.load(james, CONNECTIONS, perSession, messagesPerCycle, cycle);
                loads.settle(james, result);
                long messages = sent.merge(james, (long) result.messages(), Long::sum);
                Reading reading = read(james, cycle, messages);
                readings.computeIfAbsent(james.configuration.key, key -> new ArrayList<>())
                        .add(reading);
                System.err.printf(
                        Locale.ROOT,
                        "%s cycle %d, %s: %d messages so far, live heap %.1f MB, %d threads, %d open files, "
                                + "%d pack objects (%.1f MB), output files %d KB%n",
                        Instant.now(),
                        cycle,
                        james.configuration.key,
                        messages,
                        reading.heapBytes() / 1e6,
                        reading.threads(),
                        reading.openFiles(),
                        reading.packObjects(),
                        reading.packBytes() / 1e6,
                        reading.outputBytes() / 1024);
            }
        }
        System.out.println(table(servers));
        System.out.println(trends(servers));
        for (DeployedJames james : servers) {
            if (james.configuration.hasPack()) {
                System.out.println(james.configuration.label + ": LUAERRORS.LOG lines kept, by kind: "
                        + errorKinds(james.scriptsFolder()));
            }
        }
    }

    private static boolean fits(int cycle, long started, long deadlineNanos) {
        long now = System.nanoTime();
        double perCycle = (now - started) / (double) (cycle - 1);
        return now + perCycle <= deadlineNanos;
    }

    private static Reading read(DeployedJames james, int cycle, long messages)
            throws IOException, InterruptedException {
        long heap = james.liveHeapBytes();
        DeployedJames.LiveObjects pack = james.liveObjects(PACK_CLASSES);
        long output = 0;
        for (String name : OUTPUT_FILES) {
            Path file = james.scriptsFolder().resolve(name);
            output += Files.exists(file) ? Files.size(file) : 0;
        }
        return new Reading(
                cycle, messages, heap, james.threads(), james.openFiles(), pack.instances(), pack.bytes(), output);
    }

    private String table(List<DeployedJames> servers) {
        StringBuilder table = new StringBuilder(
                "| configuration | cycle | messages so far | live heap MB | threads | open files | pack and LuaJ "
                        + "objects | their MB | LUA.OUT + LUAERRORS.LOG KB |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (DeployedJames james : servers) {
            for (Reading r : readings.get(james.configuration.key)) {
                table.append(String.format(
                        Locale.ROOT,
                        "| %s | %d | %d | %.1f | %d | %d | %d | %.1f | %d |%n",
                        james.configuration.key,
                        r.cycle(),
                        r.messages(),
                        r.heapBytes() / 1e6,
                        r.threads(),
                        r.openFiles(),
                        r.packObjects(),
                        r.packBytes() / 1e6,
                        r.outputBytes() / 1024));
            }
        }
        return table.toString();
    }

    /**
     * From the second cycle to the last, per configuration: each reading's change, and its least-squares slope per
     * 10,000 messages (a leak grows with the mail; noise does not).
     */
    private String trends(List<DeployedJames> servers) {
        StringBuilder table = new StringBuilder("| configuration | messages measured | live heap MB | threads | open "
                + "files | pack and LuaJ objects |\n|---|---:|---:|---:|---:|---:|\n");
        for (DeployedJames james : servers) {
            List<Reading> all = readings.get(james.configuration.key);
            List<Reading> measured = all.subList(1, all.size());
            table.append(String.format(
                    Locale.ROOT,
                    "| %s | %d | %s | %s | %s | %s |%n",
                    james.configuration.label,
                    measured.get(measured.size() - 1).messages()
                            - measured.get(0).messages(),
                    trend(measured, r -> r.heapBytes() / 1e6, "%.1f"),
                    trend(measured, Reading::threads, "%.0f"),
                    trend(measured, Reading::openFiles, "%.0f"),
                    trend(measured, Reading::packObjects, "%.0f")));
        }
        return table + "each cell: first → last reading (slope per 10,000 messages, least squares)\n";
    }

    private static String trend(List<Reading> measured, ToDoubleFunction<Reading> value, String format) {
        double first = value.applyAsDouble(measured.get(0));
        double last = value.applyAsDouble(measured.get(measured.size() - 1));
        return String.format(Locale.ROOT, format + " → " + format + " (%+.2f)", first, last, slope(measured, value));
    }

    private static double slope(List<Reading> measured, ToDoubleFunction<Reading> value) {
        double n = measured.size();
        double meanX = measured.stream().mapToDouble(Reading::messages).sum() / n;
        double meanY = measured.stream().mapToDouble(value).sum() / n;
        double covariance = 0;
        double variance = 0;
        for (Reading r : measured) {
            covariance += (r.messages() - meanX) * (value.applyAsDouble(r) - meanY);
            variance += (r.messages() - meanX) * (r.messages() - meanX);
        }
        return variance == 0 ? 0 : covariance / variance * PER_MESSAGES;
    }

    private static String errorKinds(Path scripts) throws IOException {
        Map<String, Long> kinds = new TreeMap<>();
        for (String name : List.of("LUAERRORS.LOG.1", "LUAERRORS.LOG")) {
            Path log = scripts.resolve(name);
            if (Files.exists(log)) {
                for (String line : Files.readAllLines(log, StandardCharsets.ISO_8859_1)) {
                    Matcher kind = ERROR_KIND.matcher(line);
                    if (kind.find()) {
                        kinds.merge(kind.group(1), 1L, Long::sum);
                    }
                }
            }
        }
        return kinds.isEmpty()
                ? "none"
                : kinds.entrySet().stream()
                        .map(e -> e.getKey() + " " + e.getValue())
                        .collect(Collectors.joining(", "));
    }
}
