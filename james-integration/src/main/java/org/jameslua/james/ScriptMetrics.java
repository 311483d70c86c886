package org.jameslua.james;

import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.apache.james.metrics.api.Metric;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.metrics.api.TimeMetric;
import org.jameslua.engine.CallResult;
import org.jameslua.engine.ScriptError;
import org.jameslua.engine.ScriptInstance;
import org.jameslua.engine.message.MessageAccess;
import org.luaj.vm2.Varargs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls script functions for the James adapters and publishes, per script and callback, through James's
 * metrics (JMX, and whatever reporter the operator configured):
 *
 * <ul>
 *   <li>{@code luapack.<SCRIPT>.<Callback>.calls}: calls of a function the script defines,</li>
 *   <li>{@code luapack.<SCRIPT>.<Callback>.errors}: calls that failed or returned something unusable,</li>
 *   <li>{@code luapack.<SCRIPT>.<Callback>.timeouts}: calls stopped by the time or instruction limit,</li>
 *   <li>{@code luapack.<SCRIPT>.<Callback>.time}: a timer of each call,</li>
 * </ul>
 *
 * where {@code <SCRIPT>} is the script's file name without {@code .LUA}, upper case. A mailet's or matcher's calls
 * carry its instance's scope in front, {@code luapack.<scope>.<SCRIPT>.<Function>.*} (see
 * {@link org.jameslua.james.script.ScriptCallers}), so that two mailets running one script keep apart. Failures are also logged
 * as warnings, besides {@code LUAERRORS.LOG}, so that a failing script shows in James's own log. The same
 * counts go to {@link ScriptCallCounts} for webadmin.
 */
@Singleton
public class ScriptMetrics {
    private static final Logger LOGGER = LoggerFactory.getLogger(ScriptMetrics.class);
    private static final String PREFIX = "luapack.";

    private final MetricFactory metricFactory;
    private final ScriptCallCounts counts;
    /**
     * Each function's metric names and call counter, made on its first call: building the names and looking the counter
     * up in James's registry on every call cost about 490 bytes a call. As many entries as functions called under a
     * scope: the host's callbacks and the configured mailet functions, of the folder's scripts and the users' own.
     */
    private final ConcurrentMap<CallKey, Published> published = new ConcurrentHashMap<>();

    @Inject
    public ScriptMetrics(MetricFactory metricFactory, ScriptCallCounts counts) {
        this.metricFactory = metricFactory;
        this.counts = counts;
    }

    /**
     * Calls a function the script defines, counted under {@code scope} ({@code ""}: none); a function it does not
     * define is {@link CallResult.NotDefined}, not counted.
     */
    public CallResult call(String scope, ScriptInstance instance, String function, Varargs args) {
        return measured(scope, instance, function, () -> instance.call(function, args));
    }

    /** As {@link #call}, with the message helpers bound to a message, as for ProcessMessage. */
    public CallResult callWithMessage(
            String scope, ScriptInstance instance, MessageAccess message, String function, Varargs args) {
        return measured(scope, instance, function, () -> instance.callWithMessage(message, function, args));
    }

    /**
     * A function returned values the host cannot use: logged to LUAERRORS.LOG and counted as an error under
     * {@code scope}; returns what went to LUAERRORS.LOG.
     */
    public ScriptError badReturn(String scope, ScriptInstance instance, String function, String problem) {
        ScriptError error = instance.reportBadReturn(function, problem);
        metricFactory.generate(name(scope, instance, function) + ".errors").increment();
        counts.failed(script(instance.scriptName()), function, false);
        LOGGER.warn("Lua script returned something unusable: {}", error.toLogLine());
        return error;
    }

    private CallResult measured(String scope, ScriptInstance instance, String function, Supplier<CallResult> call) {
        if (!instance.defines(function)) {
            return new CallResult.NotDefined(function);
        }
        Published metrics = published(scope, instance, function);
        metrics.calls.increment();
        TimeMetric timer = metricFactory.timer(metrics.timer);
        CallResult result;
        try {
            result = call.get();
        } finally {
            counts.called(metrics.script, function, timer.stopAndPublish().elasped());
        }
        count(metrics, function, result);
        return result;
    }

    private Published published(String scope, ScriptInstance instance, String function) {
        CallKey key = new CallKey(scope, instance.scriptName(), function);
        Published known = published.get(key);
        // every call but a function's first: no capturing lambda made for computeIfAbsent
        return known != null
                ? known
                : published.computeIfAbsent(key, k -> {
                    String name = name(scope, instance, function);
                    return new Published(name, script(instance.scriptName()), metricFactory.generate(name + ".calls"));
                });
    }

    private void count(Published metrics, String function, CallResult result) {
        if (result instanceof CallResult.Failed) {
            CallResult.Failed failed = (CallResult.Failed) result;
            boolean timeout = failed.error().kind() == ScriptError.Kind.TIMEOUT;
            metricFactory.generate(metrics.name + ".errors").increment();
            if (timeout) {
                metricFactory.generate(metrics.name + ".timeouts").increment();
            }
            counts.failed(metrics.script, function, timeout);
            LOGGER.warn("Lua script error: {}", failed.error().toLogLine());
        }
    }

    /** Which function of which script under which scope a call is. */
    private static final class CallKey {
        private final String scope;
        private final String scriptName;
        private final String function;

        CallKey(String scope, String scriptName, String function) {
            this.scope = scope;
            this.scriptName = scriptName;
            this.function = function;
        }

        @Override
        public boolean equals(Object other) {
            if (!(other instanceof CallKey)) {
                return false;
            }
            CallKey that = (CallKey) other;
            return scope.equals(that.scope) && scriptName.equals(that.scriptName) && function.equals(that.function);
        }

        @Override
        public int hashCode() {
            return (scope.hashCode() * 31 + scriptName.hashCode()) * 31 + function.hashCode();
        }
    }

    /** A function's metric name prefix, its script as the metrics name it, and its call counter. */
    private static final class Published {
        private final String name;
        private final String script;
        private final String timer;
        private final Metric calls;

        Published(String name, String script, Metric calls) {
            this.name = name;
            this.script = script;
            this.timer = name + ".time";
            this.calls = calls;
        }
    }

    /**
     * The metric name prefix of a script's function under a scope, e.g. {@code luapack.SMTPSVR.DoHELO} (no scope)
     * or {@code luapack.mailet.LuaMailet-1.ROUTING.Route}.
     */
    public static String name(String scope, ScriptInstance instance, String function) {
        return PREFIX + (scope.isEmpty() ? "" : scope + ".") + script(instance.scriptName()) + "." + function;
    }

    /** A script as metric names call it: the file name without {@code .LUA}, upper case ({@code SMTPSVR}). */
    public static String script(String scriptName) {
        int slash = scriptName.lastIndexOf('/');
        String file = scriptName.substring(slash + 1);
        int dot = file.lastIndexOf('.');
        String base = dot > 0 ? file.substring(0, dot) : file;
        return base.toUpperCase(Locale.ROOT);
    }
}
