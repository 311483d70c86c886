package org.jameslua.benchmarks.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Runs the big-message benchmark on a 1 MB message received into James: it must run ProcessMessage and report,
 * whatever the figures.
 */
class BigMessageSmokeTest {

    @Test
    void runsProcessMessageAndReports() throws Exception {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        PrintStream console = System.out;
        System.setOut(new PrintStream(output, true, StandardCharsets.UTF_8));
        try {
            BigMessage.main(new String[] {"--size-mb", "1", "--runs", "1", "--james"});
        } finally {
            System.setOut(console);
        }

        assertThat(output.toString(StandardCharsets.UTF_8))
                .contains("message: 1,0")
                .containsPattern("  1 .* Returned, 3 MIME parts, 2 attachments");
    }
}
