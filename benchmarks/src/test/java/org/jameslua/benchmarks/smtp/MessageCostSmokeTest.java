package org.jameslua.benchmarks.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import org.jameslua.benchmarks.smtp.MessageCost.Figures;
import org.jameslua.benchmarks.smtp.MessageCost.Report;
import org.junit.jupiter.api.Test;

/** Runs the per-message cost benchmark for a moment: every counter it reports must count something real. */
class MessageCostSmokeTest {

    @Test
    void stockJamesAndTheSampleScriptAreMeasuredAndOnlyThePackHandsOff() throws Exception {
        Report report = MessageCost.run("--messages", "10", "--warmup", "5", "--rounds", "1", "--only", "a,b");

        Figures stock = report.figures().get("a").get(0);
        Figures sample = report.figures().get("b").get(0);
        assertThat(stock.handOffs()).isZero();
        // DoHELO and ProcessMessage run on a worker, the connect work not once the sample's main chunk is known to be
        // quick; a line may queue behind a worker's work not yet finished (fewer), the end of a connection race the
        // end of that work (more)
        assertThat(sample.handOffs()).isGreaterThan(1.0).isLessThan(3.0);
        for (Figures figures : new Figures[] {stock, sample}) {
            // the heap figure of so short a measure may miss a collection whose notification comes late: the threads'
            // counters are exact
            assertThat(figures.threadAllocatedKiB()).isPositive();
            assertThat(figures.groupAllocatedKiB(ThreadCounters.Group.SMTP)).isPositive();
            assertThat(figures.groupSwitches(ThreadCounters.Group.SMTP)).isPositive();
        }
        assertThat(sample.groupAllocatedKiB(ThreadCounters.Group.WORKERS)).isPositive();
        assertThat(stock.groupAllocatedKiB(ThreadCounters.Group.WORKERS)).isZero();
        assertThat(report.markdown()).contains("| (a) |", "| (b) |", "hand-offs");
    }
}
