package org.jameslua.james;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.james.metrics.api.Metric;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.metrics.api.TimeMetric;
import org.jameslua.engine.CallResult;
import org.jameslua.engine.Limits;
import org.jameslua.engine.LuaEngine;
import org.jameslua.engine.ScriptInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.luaj.vm2.LuaValue;
import org.reactivestreams.Publisher;

class ScriptMetricsTest {
    @TempDir
    Path folder;

    private final CountingMetrics counts = new CountingMetrics();
    private final ScriptCallCounts callCounts = new ScriptCallCounts();
    private final ScriptMetrics metrics = new ScriptMetrics(counts, callCounts);
    private LuaEngine engine;

    @AfterEach
    void close() {
        if (engine != null) {
            engine.close();
        }
    }

    @Test
    void countsCallsErrorsTimeoutsAndTimesEachCall() throws IOException {
        ScriptInstance instance = instance("function Fine() return 1 end\n"
                + "function Broken() error(\"no\") end\n"
                + "function Endless() while true do end end\n");

        assertThat(metrics.call("", instance, "Fine", LuaValue.NONE)).isInstanceOf(CallResult.Returned.class);
        assertThat(metrics.call("", instance, "Broken", LuaValue.NONE)).isInstanceOf(CallResult.Failed.class);
        assertThat(metrics.call("", instance, "Endless", LuaValue.NONE)).isInstanceOf(CallResult.Failed.class);
        assertThat(metrics.call("", instance, "Missing", LuaValue.NONE)).isInstanceOf(CallResult.NotDefined.class);
        metrics.badReturn("", instance, "Fine", "a table was expected");

        assertThat(counts.counts)
                .containsOnly(
                        Map.entry("luapack.SMTPSVR.Fine.calls", 1L),
                        Map.entry("luapack.SMTPSVR.Fine.time", 1L),
                        Map.entry("luapack.SMTPSVR.Fine.errors", 1L),
                        Map.entry("luapack.SMTPSVR.Broken.calls", 1L),
                        Map.entry("luapack.SMTPSVR.Broken.time", 1L),
                        Map.entry("luapack.SMTPSVR.Broken.errors", 1L),
                        Map.entry("luapack.SMTPSVR.Endless.calls", 1L),
                        Map.entry("luapack.SMTPSVR.Endless.time", 1L),
                        Map.entry("luapack.SMTPSVR.Endless.errors", 1L),
                        Map.entry("luapack.SMTPSVR.Endless.timeouts", 1L));
        assertThat(callCounts.of("SMTPSVR")).containsOnlyKeys("Fine", "Broken", "Endless");
        assertThat(callCounts.of("SMTPSVR").get("Fine"))
                .extracting(c -> c.calls(), c -> c.errors(), c -> c.timeouts())
                .containsExactly(1L, 1L, 0L);
        assertThat(callCounts.of("SMTPSVR").get("Endless"))
                .extracting(c -> c.calls(), c -> c.errors(), c -> c.timeouts())
                .containsExactly(1L, 1L, 1L);
        assertThat(callCounts.of("SMTPSVR").get("Endless").meanMillis()).isPositive();
        assertThat(Files.readString(folder.resolve("LUAERRORS.LOG")))
                .contains("SMTPSVR.LUA Fine line 3 [BAD_RETURN]: a table was expected");
    }

    /**
     * A function's names and counter are kept from its first call on: every later call, from any instance of the
     * script, counts under them, and another scope or another function keeps its own.
     */
    @Test
    void everyCallCountsUnderItsScopeAndFunctionFromAnyInstance() throws IOException {
        ScriptInstance first = instance("function Fine() return 1 end\n" + "function Broken() error(\"no\") end\n");
        ScriptInstance second = engine.newInstance("SMTPSVR.LUA");

        for (ScriptInstance instance : new ScriptInstance[] {first, second, first}) {
            metrics.call("mailet.A", instance, "Fine", LuaValue.NONE);
            metrics.call("mailet.B", instance, "Fine", LuaValue.NONE);
            metrics.call("mailet.A", instance, "Broken", LuaValue.NONE);
        }
        second.close();

        assertThat(counts.counts)
                .containsOnly(
                        Map.entry("luapack.mailet.A.SMTPSVR.Fine.calls", 3L),
                        Map.entry("luapack.mailet.A.SMTPSVR.Fine.time", 3L),
                        Map.entry("luapack.mailet.B.SMTPSVR.Fine.calls", 3L),
                        Map.entry("luapack.mailet.B.SMTPSVR.Fine.time", 3L),
                        Map.entry("luapack.mailet.A.SMTPSVR.Broken.calls", 3L),
                        Map.entry("luapack.mailet.A.SMTPSVR.Broken.time", 3L),
                        Map.entry("luapack.mailet.A.SMTPSVR.Broken.errors", 3L));
        assertThat(callCounts.of("SMTPSVR").get("Fine").calls()).isEqualTo(6L);
        assertThat(callCounts.of("SMTPSVR").get("Broken").errors()).isEqualTo(3L);
    }

    private ScriptInstance instance(String source) throws IOException {
        Files.writeString(folder.resolve("SMTPSVR.LUA"), source);
        engine = LuaEngine.builder(folder)
                .limits(Limits.defaults().withWallTime(Duration.ofMillis(200)))
                .build();
        return engine.newInstance("SMTPSVR.LUA");
    }

    /** Meters and timers as plain counts: a timer counts the calls it timed. */
    private static final class CountingMetrics implements MetricFactory {
        final Map<String, Long> counts = new ConcurrentHashMap<>();

        @Override
        public Metric generate(String name) {
            return new Metric() {
                @Override
                public void increment() {
                    counts.merge(name, 1L, Long::sum);
                }

                @Override
                public void decrement() {
                    counts.merge(name, -1L, Long::sum);
                }

                @Override
                public void add(int value) {
                    counts.merge(name, (long) value, Long::sum);
                }

                @Override
                public void remove(int value) {
                    counts.merge(name, (long) -value, Long::sum);
                }

                @Override
                public long getCount() {
                    return counts.getOrDefault(name, 0L);
                }
            };
        }

        @Override
        public TimeMetric timer(String name) {
            AtomicLong start = new AtomicLong(System.nanoTime());
            return new TimeMetric() {
                @Override
                public String name() {
                    return name;
                }

                @Override
                public ExecutionResult stopAndPublish() {
                    counts.merge(name, 1L, Long::sum);
                    Duration elapsed = Duration.ofNanos(System.nanoTime() - start.get());
                    return new ExecutionResult() {
                        @Override
                        public Duration elasped() {
                            return elapsed;
                        }

                        @Override
                        public ExecutionResult logWhenExceedP99(Duration threshold) {
                            return this;
                        }
                    };
                }
            };
        }

        @Override
        public <T> Publisher<T> decoratePublisherWithTimerMetric(String name, Publisher<T> publisher) {
            return publisher;
        }

        @Override
        public <T> Publisher<T> decoratePublisherWithTimerMetricLogP99(String name, Publisher<T> publisher) {
            return publisher;
        }
    }
}
