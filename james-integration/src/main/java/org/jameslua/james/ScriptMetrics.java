package org.jameslua.james;

import java.util.Locale;
import java.util.function.Supplier;
import javax.inject.Inject;
import javax.inject.Singleton;
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
        String name = name(scope, instance, function);
        metricFactory.generate(name + ".calls").increment();
        TimeMetric timer = metricFactory.timer(name + ".time");
        CallResult result;
        try {
            result = call.get();
        } finally {
            counts.called(
                    script(instance.scriptName()),
                    function,
                    timer.stopAndPublish().elasped());
        }
        count(scope, instance, function, result);
        return result;
    }

    private void count(String scope, ScriptInstance instance, String function, CallResult result) {
        if (result instanceof CallResult.Failed) {
            CallResult.Failed failed = (CallResult.Failed) result;
            String name = name(scope, instance, function);
            boolean timeout = failed.error().kind() == ScriptError.Kind.TIMEOUT;
            metricFactory.generate(name + ".errors").increment();
            if (timeout) {
                metricFactory.generate(name + ".timeouts").increment();
            }
            counts.failed(script(instance.scriptName()), function, timeout);
            LOGGER.warn("Lua script error: {}", failed.error().toLogLine());
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
