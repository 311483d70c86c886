package org.jameslua.mailets.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SlowUserScriptsTest {
    private static final long BOUND = Duration.ofSeconds(10).toNanos();
    private static final long SLOW = BOUND / 10;
    private static final long FAST = SLOW - 1;

    private final SlowUserScripts slowUserScripts = new SlowUserScripts(Duration.ofNanos(BOUND));

    @Test
    void aCallThatRanToTheBoundHasTheScriptSkippedAtOnce() {
        assertThat(slowUserScripts.tookTooLong("bob", BOUND)).isTrue();
        assertThat(slowUserScripts.isSkipped("bob")).isTrue();
        assertThat(slowUserScripts.isSkipped("carol")).isFalse();
    }

    @Test
    void oneSlowCallIsForgivenTwoInARowAreNot() {
        assertThat(slowUserScripts.tookTooLong("bob", SLOW)).isFalse();
        assertThat(slowUserScripts.isSkipped("bob")).isFalse();
        assertThat(slowUserScripts.tookTooLong("bob", BOUND - 1)).isTrue();
        assertThat(slowUserScripts.isSkipped("bob")).isTrue();
    }

    @Test
    void aFastCallInBetweenStartsTheCountAgain() {
        assertThat(slowUserScripts.tookTooLong("bob", SLOW)).isFalse();
        assertThat(slowUserScripts.tookTooLong("bob", FAST)).isFalse();
        assertThat(slowUserScripts.tookTooLong("bob", SLOW)).isFalse();
        assertThat(slowUserScripts.isSkipped("bob")).isFalse();
    }

    @Test
    void eachUserIsCountedAlone() {
        assertThat(slowUserScripts.tookTooLong("bob", SLOW)).isFalse();
        assertThat(slowUserScripts.tookTooLong("carol", SLOW)).isFalse();
        assertThat(slowUserScripts.isSkipped("bob")).isFalse();
        assertThat(slowUserScripts.isSkipped("carol")).isFalse();
    }
}
