package org.jameslua.benchmarks.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The load benchmark's own arithmetic and parsing, without a James: what load.sh prints must be right. */
class LoadReportSmokeTest {
    @Test
    void aResultLineReadsBackAsPrinted() {
        LoadResult result = new LoadResult(1500, 9.5, 10.0, 4.25, 31.5, 0, 12, 510.0, 1875);

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

    private static LoadReport.Measurement measurement(int round, String variant, double perSecond, double cpuMillis) {
        LoadResult result = new LoadResult(1000, 1000 / perSecond, 1000 / perSecond, 5, 50, 0, 0, 0, 1000);
        return new LoadReport.Measurement(round, "1 msg per connection, 8 connections", variant, result, cpuMillis);
    }
}
