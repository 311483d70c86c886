package org.jameslua.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collection;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs every step of the mailet path for a moment on the shipped scripts, on a mail as received and on one whose header
 * was changed: they must run and report.
 */
class MailetPathBenchmarkSmokeTest {

    @Test
    void everyBenchmarkRunsAndReports() throws Exception {
        // the tests run in the module's folder; the benchmark's default is the project's
        System.setProperty("jameslua.bench.scripts", "../conf-samples/scripts");
        Options options = new OptionsBuilder()
                .include(MailetPathBenchmark.class.getSimpleName())
                .forks(0)
                .warmupIterations(0)
                .measurementIterations(1)
                .measurementTime(TimeValue.milliseconds(200))
                .build();

        Collection<RunResult> results = new Runner(options).run();

        // seven steps, each with the header as received and changed
        assertThat(results).hasSize(14);
        assertThat(results)
                .allSatisfy(result ->
                        assertThat(result.getPrimaryResult().getScore()).isPositive());
    }
}
