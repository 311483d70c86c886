package org.jameslua.james;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.LongAdder;
import javax.inject.Singleton;

/**
 * The counts {@link ScriptMetrics} publishes to James's metrics, kept here as well so that webadmin can show
 * them ({@code GET /james-lua/scripts}): James's {@code MetricFactory} can be written to, not read from.
 * Scripts are named as in the metric names ({@code SMTPSVR}), counts run from the start of James.
 */
@Singleton
public class ScriptCallCounts {
    private final ConcurrentMap<String, ConcurrentMap<String, Counts>> byScript = new ConcurrentHashMap<>();

    void called(String script, String function, Duration time) {
        Counts counts = counts(script, function);
        counts.calls.increment();
        counts.nanos.add(time.toNanos());
    }

    void failed(String script, String function, boolean timeout) {
        Counts counts = counts(script, function);
        counts.errors.increment();
        if (timeout) {
            counts.timeouts.increment();
        }
    }

    /** Each function of the script that was called or failed since the start, by name. */
    public Map<String, FunctionCounts> of(String script) {
        Map<String, FunctionCounts> result = new TreeMap<>();
        byScript.getOrDefault(script, new ConcurrentHashMap<>())
                .forEach((function, counts) -> result.put(
                        function,
                        new FunctionCounts(
                                counts.calls.sum(), counts.errors.sum(), counts.timeouts.sum(), counts.nanos.sum())));
        return result;
    }

    private Counts counts(String script, String function) {
        return byScript.computeIfAbsent(script, name -> new ConcurrentHashMap<>())
                .computeIfAbsent(function, name -> new Counts());
    }

    private static final class Counts {
        private final LongAdder calls = new LongAdder();
        private final LongAdder errors = new LongAdder();
        private final LongAdder timeouts = new LongAdder();
        private final LongAdder nanos = new LongAdder();
    }

    /** One function's counts; errors include timeouts and values the host could not use. */
    public static final class FunctionCounts {
        private final long calls;
        private final long errors;
        private final long timeouts;
        private final long totalNanos;

        FunctionCounts(long calls, long errors, long timeouts, long totalNanos) {
            this.calls = calls;
            this.errors = errors;
            this.timeouts = timeouts;
            this.totalNanos = totalNanos;
        }

        public long calls() {
            return calls;
        }

        public long errors() {
            return errors;
        }

        public long timeouts() {
            return timeouts;
        }

        /** The mean time of a call in milliseconds; 0 before the first call. */
        public double meanMillis() {
            return calls == 0 ? 0 : totalNanos / 1e6 / calls;
        }
    }
}
