package org.jameslua.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A pattern search runs in Java, where no instruction hook sees it: it must look at the time bound itself as often
 * when each of its steps reads a long set or replacement template as when it reads one byte. Each search here took
 * 20 s to minutes on a 1 MB subject before it did, past a 300 ms bound.
 */
class PatternWorkBoundsTest {
    private static final Duration BOUND = Duration.ofMillis(300);
    /** Ten times the bound: a loaded machine may be late by that much, a search that reads on unchecked is later. */
    private static final Duration LATE = Duration.ofSeconds(3);

    @RegisterExtension
    final ScriptFixture scripts = new ScriptFixture();

    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aRepeatedLargeSetEndsAtTheTimeBound() {
        assertEndsInTime("return string.find(string.rep('a', 1e6), '[' .. string.rep('b', 1e5) .. 'a]*$')");
    }

    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aFrontierOfALargeSetEndsAtTheTimeBound() {
        assertEndsInTime("return string.find(string.rep('a', 1e6), '%f[' .. string.rep('b', 1e6) .. ']')");
    }

    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aLongTemplateForManyEmptyMatchesEndsAtTheTimeBound() {
        assertEndsInTime("return string.gsub(string.rep('a', 1e6), '(x?)', string.rep('%1', 5e5))");
    }

    private void assertEndsInTime(String body) {
        scripts.write("S.LUA", "function Go() " + body + " end");
        ScriptInstance instance =
                scripts.engine(Limits.defaults().withWallTime(BOUND)).newInstance("S.LUA");
        long started = System.nanoTime();

        CallResult result = instance.call("Go");

        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertThat(((CallResult.Failed) result).error().message()).isEqualTo("the call ran longer than 300 ms");
        assertThat(took).isLessThan(LATE);
        instance.close();
    }
}
