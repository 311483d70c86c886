package org.jameslua.benchmarks.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The load benchmark's own arithmetic and parsing, without a James: what load.sh prints must be right. */
class LoadReportSmokeTest {
    private static final Map<String, Double> STEPS = steps(0.4, 0.2);

    @Test
    void aResultLineReadsBackAsPrinted() {
        LoadResult result = new LoadResult(1500, 9.5, 10.0, 4.25, 31.5, 0, STEPS, 12, 510.0, 1875, 2250.5);

        LoadResult parsed = LoadResult.parse("some log line\n" + result.line() + "\n");

        assertThat(parsed).isEqualTo(result);
        assertThat(parsed.throughput()).isEqualTo(150.0);
    }

    @Test
    void ratiosAreToTheReferenceOfTheSameRound() {
        LoadReport report = new LoadReport("stock");
        report.add(measurement(1, "stock", 100, 2000));
        report.add(measurement(1, "b", 95, 2200));
        report.add(measurement(2, "stock", 200, 2000));
        report.add(measurement(2, "b", 198, 2120));

        String table = report.table();

        // msg/s: b's median of 95 and 198, its ratios 0.95 and 0.99; CPU 2 ms/msg for stock, 2.2 and 2.12 for b
        assertThat(table)
                .contains("| 1 msg per connection, 8 connections | stock | 150.0 | 1.00 (1.00 – 1.00) |")
                .contains("| 1 msg per connection, 8 connections | b | 146.5 | 0.97 (0.95 – 0.99) |")
                .contains("| 2.16 | 1.08 (1.06 – 1.10) | 0.16 (0.12 – 0.20) |");
        assertThat(report.worstThroughputRatio("b")).isEqualTo(0.97);
        assertThat(report.medianAddedCpu("b")).isCloseTo(0.16, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void generatedMailIsTheSameForASeedAndLooksLikeMail() {
        MailGenerator generator = new MailGenerator(100, 3);
        int attachments = 0;
        for (int n = 0; n < 200; n++) {
            MailGenerator.Mail mail = generator.mail(n);
            String data = new String(mail.data(), StandardCharsets.US_ASCII);
            assertThat(data)
                    .startsWith("Message-ID: <3." + n + ".")
                    .contains("\r\nSubject: ")
                    .contains("Content-Type: text/plain")
                    .endsWith("\r\n")
                    .doesNotContain("\r\n.");
            assertThat(mail.recipients())
                    .isNotEmpty()
                    .doesNotContain(mail.sender())
                    .doesNotHaveDuplicates();
            attachments += data.contains("Content-Disposition: attachment") ? 1 : 0;
        }
        assertThat(attachments).isBetween(20, 60);
        assertThat(generator.mail(7).recipients())
                .isEqualTo(new MailGenerator(100, 3).mail(7).recipients());
    }

    @Test
    void theCostTableSetsTheJitAsideAndCountsBytes() {
        LoadReport report = new LoadReport("stock");
        // 1000 messages: stock 2000 ms of CPU of which JIT 500, GC 100, 100 MB allocated, 40 compilations
        report.add(measurement(1, "stock", 100, new JamesCosts(2000, 500, 100, 100L << 20, 40, Map.of())));
        report.add(measurement(1, "b", 95, new JamesCosts(2300, 600, 120, 110L << 20, 60, Map.of())));
        report.add(measurement(2, "stock", 100, new JamesCosts(2100, 700, 100, 100L << 20, 20, Map.of())));
        report.add(measurement(2, "b", 95, new JamesCosts(2000, 400, 120, 112L << 20, 10, Map.of())));

        String table = report.costTable();

        // without the JIT: stock 1.5 and 1.4 ms/msg, b 1.7 and 1.6, so b adds 0.2 in each round however the JIT
        // moved; 102.4 KB/msg for stock, b 112.64 and 114.688 (ratios 1.10, 1.12)
        assertThat(table)
                .contains(
                        "| 1 msg per connection, 8 connections | stock | 1.45 | 1.00 (1.00 – 1.00) | "
                                + "0.00 (0.00 – 0.00) | 0.60 | 0.10 | 102.4 | 1.00 (1.00 – 1.00) | 0.0 (0.0 – 0.0) | 30 (20 – 40) |")
                .contains("| 1 msg per connection, 8 connections | b | 1.65 | 1.14 (1.13 – 1.14) | "
                        + "0.20 (0.20 – 0.20) | 0.50 | 0.12 | 113.7 | 1.11 (1.10 – 1.12) | 11.3 (10.2 – 12.3) | "
                        + "35 (10 – 60) |");
        // with the JIT: b adds 0.3 in round 1 and -0.1 in round 2
        assertThat(report.medianAddedCpu("b")).isCloseTo(0.1, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(report.medianAddedCpuWithoutJit("b")).isCloseTo(0.2, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(report.medianAddedKilobytes("b")).isCloseTo(11.264, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void theStepTableSaysWhichCommandCarriesTheAddedLatency() {
        LoadReport report = new LoadReport("stock");
        report.add(measurement(1, "stock", steps(0.400, 0.200)));
        report.add(measurement(1, "b", steps(0.650, 0.200)));
        report.add(measurement(2, "stock", steps(0.500, 0.300)));
        report.add(measurement(2, "b", steps(0.700, 0.300)));

        String table = report.stepTable();

        // connect: b adds 0.25 and 0.20 (median 0.225); EHLO the same as stock in both rounds
        assertThat(table)
                .startsWith("| load | variant | connect ms | added | EHLO ms | added |")
                .contains("| 1 msg per connection, 8 connections | b | 0.675 | 0.225 | 0.250 | 0.000 |");
        assertThat(LoadResult.parse(
                                measurement(1, "b", steps(0.650, 0.2)).result().line())
                        .stepP50Millis())
                .containsEntry("end of data", 0.2)
                .containsEntry("connect", 0.65);
    }

    @Test
    void theThreadTableSaysWhichThreadsCarryTheAddedCpu() {
        LoadReport report = new LoadReport("stock");
        // 1000 messages; a group below 0.05 ms/msg everywhere (GC Thread#) is left out
        report.add(measurement(1, "stock", 100, costs(Map.of("io", io(1000), "GC Thread#", io(10)))));
        report.add(measurement(
                1,
                "b",
                95,
                costs(Map.of(
                        "io", io(1100), "luapack-smtp-#", new ThreadGroupCost(300, 100, 2000), "GC Thread#", io(20)))));
        report.add(measurement(2, "stock", 100, costs(Map.of("io", io(1200)))));
        report.add(measurement(
                2, "b", 95, costs(Map.of("io", io(1200), "luapack-smtp-#", new ThreadGroupCost(500, 300, 2000)))));

        String table = report.threadTable();

        // I/O threads: b adds 0.1 and 0 (median 0.05); the workers are all b's: 0.3 and 0.5 (median 0.4), of which
        // in the kernel 0.1 and 0.3; two wake-ups a message
        assertThat(table)
                .contains(
                        "| 1 msg per connection, 8 connections | stock | io | 1.10 | 0.00 | 0.55 | 0.00 | 1.00 | 0.00 |")
                .contains("| 1 msg per connection, 8 connections | b | io | 1.15 | 0.05 | 0.58 | 0.03 | 1.00 | 0.00 |")
                .contains(
                        "| 1 msg per connection, 8 connections | b | luapack-smtp-# | 0.40 | 0.40 | 0.20 | 0.20 | 2.00 | 2.00 |")
                .doesNotContain("GC Thread");
    }

    // half of it in the kernel, a wake-up a message
    private static ThreadGroupCost io(double cpuMillis) {
        return new ThreadGroupCost(cpuMillis, cpuMillis / 2, 1000);
    }

    private static JamesCosts costs(Map<String, ThreadGroupCost> threadGroups) {
        return new JamesCosts(2000, 0, 0, 0, 0, threadGroups);
    }

    /** Connect's time, then one time for every other step. */
    private static Map<String, Double> steps(double connect, double others) {
        Map<String, Double> steps = new LinkedHashMap<>();
        for (String step : SmtpSteps.NAMES) {
            steps.put(step, step.equals("connect") ? connect : others);
        }
        return steps;
    }

    private static LoadReport.Measurement measurement(int round, String variant, Map<String, Double> steps) {
        LoadResult result = new LoadResult(1000, 10, 10, 5, 50, 0, steps, 0, 0, 1000, 900);
        return new LoadReport.Measurement(
                round,
                "1 msg per connection, 8 connections",
                variant,
                result,
                new JamesCosts(1000, 0, 0, 0, 0, Map.of()));
    }

    private static LoadReport.Measurement measurement(int round, String variant, double perSecond, double cpuMillis) {
        return measurement(round, variant, perSecond, new JamesCosts(cpuMillis, 0, 0, 0, 0, Map.of()));
    }

    private static LoadReport.Measurement measurement(int round, String variant, double perSecond, JamesCosts costs) {
        LoadResult result = new LoadResult(1000, 1000 / perSecond, 1000 / perSecond, 5, 50, 0, STEPS, 0, 0, 1000, 900);
        return new LoadReport.Measurement(round, "1 msg per connection, 8 connections", variant, result, costs);
    }
}
