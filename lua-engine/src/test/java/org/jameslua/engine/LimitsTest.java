package org.jameslua.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

/** The default bounds are the ones README's "Bounds" table promises. */
class LimitsTest {
    @Test
    void theDefaultsAreTheDocumentedOnes() {
        Limits defaults = Limits.defaults();

        assertThat(defaults.instructions()).isEqualTo(200_000_000L);
        assertThat(defaults.wallTime()).isEqualTo(Duration.ofSeconds(10));
        assertThat(defaults.allocatedBytes()).isEqualTo(512L * 1024 * 1024);
        assertThat(defaults.callDepth()).isEqualTo(500);
        assertThat(defaults.stringLength()).isEqualTo(64 * 1024 * 1024);
        assertThat(defaults.coroutines()).isEqualTo(32);
        assertThat(defaults.outputBytes()).isEqualTo(1024 * 1024);
    }

    @Test
    void eachWitherChangesItsBoundAlone() {
        Limits defaults = Limits.defaults();

        assertThat(defaults.withInstructions(1)).isEqualTo(new Limits(1, Duration.ofSeconds(10), 512L * 1024 * 1024,
                500, 64 * 1024 * 1024, 32, 1024 * 1024));
        assertThat(defaults.withWallTime(Duration.ofMillis(1))).isEqualTo(new Limits(200_000_000L, Duration.ofMillis(1),
                512L * 1024 * 1024, 500, 64 * 1024 * 1024, 32, 1024 * 1024));
        assertThat(defaults.withAllocatedBytes(1)).isEqualTo(new Limits(200_000_000L, Duration.ofSeconds(10), 1,
                500, 64 * 1024 * 1024, 32, 1024 * 1024));
        assertThat(defaults.withCallDepth(1)).isEqualTo(new Limits(200_000_000L, Duration.ofSeconds(10),
                512L * 1024 * 1024, 1, 64 * 1024 * 1024, 32, 1024 * 1024));
        assertThat(defaults.withStringLength(1)).isEqualTo(new Limits(200_000_000L, Duration.ofSeconds(10),
                512L * 1024 * 1024, 500, 1, 32, 1024 * 1024));
        assertThat(defaults.withCoroutines(1)).isEqualTo(new Limits(200_000_000L, Duration.ofSeconds(10),
                512L * 1024 * 1024, 500, 64 * 1024 * 1024, 1, 1024 * 1024));
        assertThat(defaults.withOutputBytes(1)).isEqualTo(new Limits(200_000_000L, Duration.ofSeconds(10),
                512L * 1024 * 1024, 500, 64 * 1024 * 1024, 32, 1));
    }
}
