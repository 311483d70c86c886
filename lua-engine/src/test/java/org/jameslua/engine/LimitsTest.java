package org.jameslua.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The default bounds are the ones docs/security.md's "Bounds" table promises. */
class LimitsTest {
    /** Allocation per call and string length are sized from the heap: a 16th and a 32nd, at most 512 and 64 MiB. */
    private static final long HEAP = Runtime.getRuntime().maxMemory();

    private static final long ALLOCATED = Math.min(512L * 1024 * 1024, HEAP / 16);
    private static final int STRING = (int) Math.min(64 * 1024 * 1024, HEAP / 32);
    private static final long WRITE = 64L * 1024 * 1024;

    @Test
    void theDefaultsAreTheDocumentedOnes() {
        Limits defaults = Limits.defaults();

        assertThat(defaults.instructions()).isEqualTo(200_000_000L);
        assertThat(defaults.wallTime()).isEqualTo(Duration.ofSeconds(10));
        assertThat(defaults.allocatedBytes()).isEqualTo(ALLOCATED);
        assertThat(defaults.callDepth()).isEqualTo(500);
        assertThat(defaults.stringLength()).isEqualTo(STRING);
        assertThat(defaults.coroutines()).isEqualTo(32);
        assertThat(defaults.outputBytes()).isEqualTo(1024 * 1024);
    }

    @Test
    void eachWitherChangesItsBoundAlone() {
        Limits defaults = Limits.defaults();

        assertThat(defaults.withInstructions(1))
                .isEqualTo(new Limits(1, Duration.ofSeconds(10), ALLOCATED, 500, STRING, 32, 1024 * 1024, WRITE));
        assertThat(defaults.withWallTime(Duration.ofMillis(1)))
                .isEqualTo(
                        new Limits(200_000_000L, Duration.ofMillis(1), ALLOCATED, 500, STRING, 32, 1024 * 1024, WRITE));
        assertThat(defaults.withAllocatedBytes(1))
                .isEqualTo(new Limits(200_000_000L, Duration.ofSeconds(10), 1, 500, STRING, 32, 1024 * 1024, WRITE));
        assertThat(defaults.withCallDepth(1))
                .isEqualTo(
                        new Limits(200_000_000L, Duration.ofSeconds(10), ALLOCATED, 1, STRING, 32, 1024 * 1024, WRITE));
        assertThat(defaults.withStringLength(1))
                .isEqualTo(new Limits(200_000_000L, Duration.ofSeconds(10), ALLOCATED, 500, 1, 32, 1024 * 1024, WRITE));
        assertThat(defaults.withCoroutines(1))
                .isEqualTo(new Limits(
                        200_000_000L, Duration.ofSeconds(10), ALLOCATED, 500, STRING, 1, 1024 * 1024, WRITE));
        assertThat(defaults.withOutputBytes(1))
                .isEqualTo(new Limits(200_000_000L, Duration.ofSeconds(10), ALLOCATED, 500, STRING, 32, 1, WRITE));
        assertThat(defaults.withWriteBytes(1))
                .isEqualTo(
                        new Limits(200_000_000L, Duration.ofSeconds(10), ALLOCATED, 500, STRING, 32, 1024 * 1024, 1));
    }
}
