package org.jameslua.benchmarks.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What load.sh reads from a James's JVM, read from another JVM (a one-file program standing in for James): the
 * bytes its threads allocated, its compilations, its CPU by kind of thread. A reader that read nothing, or read
 * the wrong counter, would print a cost table of zeros.
 */
class JvmCountersSmokeTest {
    private static final String PROGRAM = """
            public class Allocator {
                static volatile byte[] sink;

                public static void main(String[] args) throws Exception {
                    var in = new java.io.BufferedReader(new java.io.InputStreamReader(System.in));
                    System.out.println("ready");
                    for (String line; (line = in.readLine()) != null; ) {
                        // 64 arrays of 1 MB on this thread: 64 MB and a few bytes of headers
                        for (int i = 0; i < 64; i++) {
                            sink = new byte[1 << 20];
                        }
                        System.out.println("allocated");
                    }
                }
            }
            """;

    @Test
    void countsWhatAnotherJvmAllocatedCompiledAndSpent(@TempDir Path folder) throws Exception {
        Path program = Files.writeString(folder.resolve("Allocator.java"), PROGRAM);
        Process jvm = new ProcessBuilder(DeployedJames.java().toString(), "-Xmx256m", program.toString())
                .redirectErrorStream(true)
                .start();
        try (BufferedReader out =
                        new BufferedReader(new InputStreamReader(jvm.getInputStream(), StandardCharsets.UTF_8));
                Writer in = new java.io.OutputStreamWriter(jvm.getOutputStream(), StandardCharsets.UTF_8)) {
            // attached while the JVM is still starting, its management agent failed to start now and then
            // (AttachOperationFailedException: NullPointerException), as load.sh's James, long started, never does
            assertThat(out.readLine()).isEqualTo("ready");
            try (HeapAllocation allocation = HeapAllocation.attach(jvm.pid())) {
                long compiled = PerfCounters.read(PerfCounters.file(jvm.pid()), "sun.ci.totalCompiles");
                ThreadCpu cpu = ThreadCpu.start(jvm.pid());
                HeapAllocation.Snapshot before = allocation.snapshot();

                in.write("go\n");
                in.flush();
                assertThat(out.readLine()).isEqualTo("allocated");

                HeapAllocation.Snapshot after = allocation.snapshot();
                ThreadCpu.Ticks ticks = cpu.stop();
                assertThat(after.since(before)).isBetween(64L << 20, (64L << 20) + (4L << 20));
                assertThat(after.ended(before)).isZero();
                // the source launcher compiled the program in this JVM: its JIT has been at work
                assertThat(compiled).isPositive();
                assertThat(ticks.total()).isGreaterThanOrEqualTo(ticks.jit() + ticks.gc());
                assertThat(ticks.jit()).isNotNegative();
                assertThat(ticks.gc()).isNotNegative();
            }
        } finally {
            jvm.destroy();
            jvm.waitFor();
        }
    }
}
