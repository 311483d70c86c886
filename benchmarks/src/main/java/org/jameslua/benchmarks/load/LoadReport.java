package org.jameslua.benchmarks.load;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.DoubleBinaryOperator;
import java.util.function.ToDoubleFunction;

/**
 * The measured loads as a Markdown table: for each load and variant (a configuration, or with and without the
 * slow session), the median over rounds of msg/s, p50 and p99 latency and James's CPU ms per message, each
 * beside its ratio to the reference variant measured in the same round (median, and the rounds' range).
 */
final class LoadReport {
    /** One load on one variant in one round, and what it cost James. */
    record Measurement(int round, String load, String variant, LoadResult result, JamesCosts costs) {
        double cpuPerMessage() {
            return perMessage(costs.cpuMillis());
        }

        double cpuWithoutJitPerMessage() {
            return perMessage(costs.cpuWithoutJitMillis());
        }

        double jitPerMessage() {
            return perMessage(costs.jitMillis());
        }

        double gcPerMessage() {
            return perMessage(costs.gcMillis());
        }

        double groupPerMessage(String group, ToDoubleFunction<ThreadGroupCost> cost) {
            ThreadGroupCost spent = costs.threadGroups().get(group);
            return spent == null ? 0 : perMessage(cost.applyAsDouble(spent));
        }

        double kilobytesPerMessage() {
            return perMessage(costs.allocatedBytes() / 1024.0);
        }

        private double perMessage(double value) {
            return value / (result.messages() + result.slowMessages());
        }
    }

    private static final double THREAD_TABLE_FLOOR = 0.05;

    private final String reference;
    private final List<Measurement> measurements = new ArrayList<>();

    LoadReport(String reference) {
        this.reference = reference;
    }

    void add(Measurement measurement) {
        measurements.add(measurement);
    }

    /** How many rounds have measurements. */
    int rounds() {
        return (int)
                measurements.stream().mapToInt(Measurement::round).distinct().count();
    }

    String table() {
        StringBuilder table = new StringBuilder()
                .append("| load | variant | msg/s | × ")
                .append(reference)
                .append(" | p50 ms | p99 ms | p99 × ")
                .append(reference)
                .append(" | CPU ms/msg | CPU × ")
                .append(reference)
                .append(" | added CPU ms/msg |\n")
                .append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Map.Entry<String, Map<String, List<Measurement>>> load : grouped().entrySet()) {
            for (Map.Entry<String, List<Measurement>> variant : load.getValue().entrySet()) {
                List<Measurement> runs = variant.getValue();
                List<Measurement> references = load.getValue().get(reference);
                table.append("| ")
                        .append(load.getKey())
                        .append(" | ")
                        .append(variant.getKey())
                        .append(" | ")
                        .append(number(median(runs, m -> m.result().throughput()), 1))
                        .append(" | ")
                        .append(ratio(runs, references, m -> m.result().throughput()))
                        .append(" | ")
                        .append(number(median(runs, m -> m.result().p50Millis()), 1))
                        .append(" | ")
                        .append(number(median(runs, m -> m.result().p99Millis()), 1))
                        .append(" | ")
                        .append(ratio(runs, references, m -> m.result().p99Millis()))
                        .append(" | ")
                        .append(number(median(runs, Measurement::cpuPerMessage), 2))
                        .append(" | ")
                        .append(ratio(runs, references, Measurement::cpuPerMessage))
                        .append(" | ")
                        .append(difference(runs, references, Measurement::cpuPerMessage))
                        .append(" |\n");
            }
        }
        return table.toString();
    }

    /**
     * The per-message costs that a busy machine moves least, beside the reference's in the same round: James's CPU
     * without its JIT compiler threads (a James still compiling spends there what is not the load's), the JIT's and
     * the GC threads' CPU, the bytes its Java threads allocated (a count, not a time), and the methods compiled
     * during the load (how far from settled its JIT was).
     */
    String costTable() {
        StringBuilder table = new StringBuilder()
                .append("| load | variant | CPU without JIT ms/msg | × ")
                .append(reference)
                .append(" | added ms/msg | JIT ms/msg | GC ms/msg | KB allocated/msg | × ")
                .append(reference)
                .append(" | added KB/msg | methods compiled |\n")
                .append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Map.Entry<String, Map<String, List<Measurement>>> load : grouped().entrySet()) {
            for (Map.Entry<String, List<Measurement>> variant : load.getValue().entrySet()) {
                List<Measurement> runs = variant.getValue();
                List<Measurement> references = load.getValue().get(reference);
                table.append("| ")
                        .append(load.getKey())
                        .append(" | ")
                        .append(variant.getKey())
                        .append(" | ")
                        .append(number(median(runs, Measurement::cpuWithoutJitPerMessage), 2))
                        .append(" | ")
                        .append(ratio(runs, references, Measurement::cpuWithoutJitPerMessage))
                        .append(" | ")
                        .append(difference(runs, references, Measurement::cpuWithoutJitPerMessage))
                        .append(" | ")
                        .append(number(median(runs, Measurement::jitPerMessage), 2))
                        .append(" | ")
                        .append(number(median(runs, Measurement::gcPerMessage), 2))
                        .append(" | ")
                        .append(number(median(runs, Measurement::kilobytesPerMessage), 1))
                        .append(" | ")
                        .append(ratio(runs, references, Measurement::kilobytesPerMessage))
                        .append(" | ")
                        .append(range(differences(runs, references, Measurement::kilobytesPerMessage), 1))
                        .append(" | ")
                        .append(range(
                                runs.stream()
                                        .map(m -> (double) m.costs().compilations())
                                        .toList(),
                                0))
                        .append(" |\n");
            }
        }
        return table.toString();
    }

    /** The lowest, over the loads, of a variant's median msg/s ratio to the reference. */
    double worstThroughputRatio(String variant) {
        double worst = Double.NaN;
        for (Map<String, List<Measurement>> load : grouped().values()) {
            if (load.containsKey(variant) && load.containsKey(reference)) {
                double ratio = median(ratios(
                        load.get(variant), load.get(reference), m -> m.result().throughput()));
                worst = Double.isNaN(worst) ? ratio : Math.min(worst, ratio);
            }
        }
        return worst;
    }

    /** The median, over every load and round, of a variant's CPU ms per message less the reference's. */
    double medianAddedCpu(String variant) {
        return medianAdded(variant, Measurement::cpuPerMessage);
    }

    /** The same without the JIT compiler threads' CPU. */
    double medianAddedCpuWithoutJit(String variant) {
        return medianAdded(variant, Measurement::cpuWithoutJitPerMessage);
    }

    /** The median, over every load and round, of a variant's KB allocated per message less the reference's. */
    double medianAddedKilobytes(String variant) {
        return medianAdded(variant, Measurement::kilobytesPerMessage);
    }

    /**
     * Where the latency goes: each SMTP step's median time to its reply (the median over rounds of each load's
     * median), and beside each variant's the median over rounds of its difference to the reference in the same
     * round. Latency at one connection is what bounds msg/s there; this says which command carries it.
     */
    String stepTable() {
        StringBuilder table = new StringBuilder("| load | variant |");
        StringBuilder rule = new StringBuilder("|---|---|");
        for (String step : SmtpSteps.NAMES) {
            table.append(' ').append(step).append(" ms | added |");
            rule.append("---:|---:|");
        }
        table.append('\n').append(rule).append('\n');
        for (Map.Entry<String, Map<String, List<Measurement>>> load : grouped().entrySet()) {
            for (Map.Entry<String, List<Measurement>> variant : load.getValue().entrySet()) {
                List<Measurement> runs = variant.getValue();
                List<Measurement> references = load.getValue().get(reference);
                table.append("| ")
                        .append(load.getKey())
                        .append(" | ")
                        .append(variant.getKey())
                        .append(" |");
                for (String step : SmtpSteps.NAMES) {
                    medianAndAdded(
                            table,
                            runs,
                            references,
                            m -> m.result().stepP50Millis().getOrDefault(step, Double.NaN),
                            3);
                }
                table.append('\n');
            }
        }
        return table.toString();
    }

    /**
     * Where the CPU goes: James's CPU ms per message by thread group (a pool's threads as one), each variant's median
     * over rounds with, beside it, the median over rounds of its difference to the reference in the same round; then
     * of that CPU the kernel's, and how often per message the group's threads blocked and were woken (each hand-off
     * between threads is one such wake-up at least). Only the groups that spent at least {@value #THREAD_TABLE_FLOOR}
     * ms/msg in some load and variant, or differ from the reference by as much.
     */
    String threadTable() {
        Map<String, Map<String, List<Measurement>>> loads = grouped();
        SortedSet<String> groups = new TreeSet<>();
        for (Map<String, List<Measurement>> load : loads.values()) {
            for (List<Measurement> runs : load.values()) {
                List<Measurement> references = load.get(reference);
                for (String group : groupsOf(runs)) {
                    ToDoubleFunction<Measurement> time = m -> m.groupPerMessage(group, ThreadGroupCost::cpuMillis);
                    if (median(runs, time) >= THREAD_TABLE_FLOOR
                            || Math.abs(median(differences(runs, references, time))) >= THREAD_TABLE_FLOOR) {
                        groups.add(group);
                    }
                }
            }
        }
        StringBuilder table = new StringBuilder("| load | variant | threads | CPU ms/msg | added | of it system ms/msg "
                        + "| added | wake-ups/msg | added |\n")
                .append("|---|---|---|---:|---:|---:|---:|---:|---:|\n");
        for (Map.Entry<String, Map<String, List<Measurement>>> load : loads.entrySet()) {
            for (Map.Entry<String, List<Measurement>> variant : load.getValue().entrySet()) {
                List<Measurement> runs = variant.getValue();
                List<Measurement> references = load.getValue().get(reference);
                for (String group : groups) {
                    table.append("| ")
                            .append(load.getKey())
                            .append(" | ")
                            .append(variant.getKey())
                            .append(" | ")
                            .append(group)
                            .append(" |");
                    for (ToDoubleFunction<ThreadGroupCost> cost : List.<ToDoubleFunction<ThreadGroupCost>>of(
                            ThreadGroupCost::cpuMillis, ThreadGroupCost::systemMillis, ThreadGroupCost::sleeps)) {
                        medianAndAdded(table, runs, references, m -> m.groupPerMessage(group, cost), 2);
                    }
                    table.append('\n');
                }
            }
        }
        return table.toString();
    }

    /** Two cells: the median of a variant's values, and the median of their differences to the reference's. */
    private static void medianAndAdded(
            StringBuilder table,
            List<Measurement> runs,
            List<Measurement> references,
            ToDoubleFunction<Measurement> value,
            int decimals) {
        table.append(' ')
                .append(number(median(runs, value), decimals))
                .append(" | ")
                .append(number(median(differences(runs, references, value)), decimals))
                .append(" |");
    }

    private static Set<String> groupsOf(List<Measurement> runs) {
        Set<String> groups = new HashSet<>();
        runs.forEach(m -> groups.addAll(m.costs().threadGroups().keySet()));
        return groups;
    }

    private double medianAdded(String variant, ToDoubleFunction<Measurement> value) {
        List<Double> added = new ArrayList<>();
        for (Map<String, List<Measurement>> load : grouped().values()) {
            if (load.containsKey(variant) && load.containsKey(reference)) {
                added.addAll(differences(load.get(variant), load.get(reference), value));
            }
        }
        return median(added);
    }

    private Map<String, Map<String, List<Measurement>>> grouped() {
        Map<String, Map<String, List<Measurement>>> loads = new LinkedHashMap<>();
        for (Measurement m : measurements) {
            loads.computeIfAbsent(m.load(), l -> new LinkedHashMap<>())
                    .computeIfAbsent(m.variant(), v -> new ArrayList<>())
                    .add(m);
        }
        // the reference first in each load, the others in the order they were first measured
        for (Map.Entry<String, Map<String, List<Measurement>>> load : loads.entrySet()) {
            Map<String, List<Measurement>> ordered = new LinkedHashMap<>();
            if (load.getValue().containsKey(reference)) {
                ordered.put(reference, load.getValue().get(reference));
            }
            ordered.putAll(load.getValue());
            load.setValue(ordered);
        }
        return loads;
    }

    private static String ratio(
            List<Measurement> runs, List<Measurement> references, ToDoubleFunction<Measurement> value) {
        return range(ratios(runs, references, value), 2);
    }

    private static String difference(
            List<Measurement> runs, List<Measurement> references, ToDoubleFunction<Measurement> value) {
        return range(differences(runs, references, value), 2);
    }

    /** Each round's value over the reference's value in the same round. */
    private static List<Double> ratios(
            List<Measurement> runs, List<Measurement> references, ToDoubleFunction<Measurement> value) {
        return paired(runs, references, value, (a, b) -> a / b);
    }

    private static List<Double> differences(
            List<Measurement> runs, List<Measurement> references, ToDoubleFunction<Measurement> value) {
        return paired(runs, references, value, (a, b) -> a - b);
    }

    private static List<Double> paired(
            List<Measurement> runs,
            List<Measurement> references,
            ToDoubleFunction<Measurement> value,
            DoubleBinaryOperator combine) {
        List<Double> values = new ArrayList<>();
        if (references == null) {
            return values;
        }
        for (Measurement run : runs) {
            references.stream()
                    .filter(r -> r.round() == run.round())
                    .findFirst()
                    .ifPresent(
                            r -> values.add(combine.applyAsDouble(value.applyAsDouble(run), value.applyAsDouble(r))));
        }
        return values;
    }

    private static String range(List<Double> values, int decimals) {
        if (values.isEmpty()) {
            return "–";
        }
        String median = number(median(values), decimals);
        if (values.size() == 1) {
            return median;
        }
        double min = values.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        double max = values.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        return median + " (" + number(min, decimals) + " – " + number(max, decimals) + ")";
    }

    private static double median(List<Measurement> runs, ToDoubleFunction<Measurement> value) {
        return median(runs.stream().map(value::applyAsDouble).toList());
    }

    static double median(Collection<Double> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        double[] sorted =
                values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    static String number(double value, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", value);
    }
}
