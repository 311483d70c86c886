package org.jameslua.benchmarks.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import org.jameslua.benchmarks.smtp.SmtpLoad.LoadResult;
import org.jameslua.benchmarks.smtp.SmtpThroughput.Report;
import org.jameslua.benchmarks.smtp.SmtpThroughput.Settings;
import org.junit.jupiter.api.Test;

/** Runs the SMTP throughput benchmark for a moment: both servers must take and deliver mail, whatever the figures. */
class SmtpThroughputSmokeTest {

    @Test
    void bothServersTakeAndDeliverMailAndTheTableReportsIt() throws Exception {
        Report report = SmtpThroughput.run(
            Settings.parse("--warmup", "0.3", "--duration", "0.5", "--connections", "1,2"));

        for (SmtpThroughput.Run run : new SmtpThroughput.Run[] {report.stock(), report.pack()}) {
            assertThat(run.results()).extracting(LoadResult::connections).containsExactly(1, 2);
            assertThat(run.results()).allSatisfy(result -> {
                assertThat(result.messages()).isPositive();
                assertThat(result.failures()).isZero();
                assertThat(result.p99Micros()).isGreaterThanOrEqualTo(result.p50Micros()).isPositive();
            });
            assertThat(run.delivered()).isEqualTo(run.accepted());
        }
        assertThat(report.stock().scriptCalls()).isZero();
        assertThat(report.pack().scriptCalls()).isEqualTo(report.pack().accepted());
        assertThat(report.pack().scriptErrors()).isZero();
        assertThat(report.markdown()).contains("| connections |", "| 1 |", "| 2 |");
    }
}
