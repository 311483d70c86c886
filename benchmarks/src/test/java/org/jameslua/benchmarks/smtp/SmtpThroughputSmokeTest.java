package org.jameslua.benchmarks.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import org.jameslua.benchmarks.smtp.SmtpLoad.LoadResult;
import org.jameslua.benchmarks.smtp.SmtpThroughput.Report;
import org.jameslua.benchmarks.smtp.SmtpThroughput.Settings;
import org.junit.jupiter.api.Test;

/** Runs the SMTP throughput benchmark for a moment: the three servers must take and deliver mail, whatever the figures. */
class SmtpThroughputSmokeTest {

    @Test
    void theThreeServersTakeAndDeliverMailAndTheTablesReportIt() throws Exception {
        Report report = SmtpThroughput.run(
                Settings.parse("--warmup", "0.3", "--duration", "0.5", "--connections", "1,2", "--rounds", "1"));

        for (SmtpThroughput.Run run :
                new SmtpThroughput.Run[] {report.stock(), report.smtpScript(), report.shipped()}) {
            assertThat(run.results()).extracting(LoadResult::connections).containsExactly(1, 2);
            assertThat(run.results()).allSatisfy(result -> {
                assertThat(result.messages()).isPositive();
                assertThat(result.failures()).isZero();
                assertThat(result.p99Micros())
                        .isGreaterThanOrEqualTo(result.p50Micros())
                        .isPositive();
            });
            assertThat(run.delivered()).isEqualTo(run.accepted());
        }
        assertThat(report.stock().scriptCalls()).isZero();
        // each run counts its own calls, though the meters of the servers run one after another are shared
        for (SmtpThroughput.Run run : new SmtpThroughput.Run[] {report.smtpScript(), report.shipped()}) {
            assertThat(run.scriptCalls()).isEqualTo(run.accepted());
            assertThat(run.scriptErrors()).isZero();
        }
        assertThat(report.markdown()).contains("| connections |", "| 1 |", "| 2 |", "c/a");
    }
}
