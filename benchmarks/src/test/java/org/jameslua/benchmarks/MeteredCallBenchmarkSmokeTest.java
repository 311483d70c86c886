package org.jameslua.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collection;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/** Runs the bare and the metered call for a moment: both must run and report. */
class MeteredCallBenchmarkSmokeTest {

    @Test
    void bothBenchmarksRunAndReport() throws Exception {
        Options options = new OptionsBuilder()
                .include(MeteredCallBenchmark.class.getSimpleName())
                .forks(0)
                .warmupIterations(0)
                .measurementIterations(1)
                .measurementTime(TimeValue.milliseconds(200))
                .build();

        Collection<RunResult> results = new Runner(options).run();

        assertThat(results).hasSize(2);
        assertThat(results)
                .allSatisfy(result ->
                        assertThat(result.getPrimaryResult().getScore()).isPositive());
    }
}
