package org.jameslua.tools;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import javax.inject.Inject;
import org.apache.james.metrics.api.MetricFactory;
import org.jameslua.engine.CallResult;
import org.jameslua.engine.ScriptError;
import org.jameslua.engine.ScriptInstance;
import org.jameslua.engine.cli.LuaValueText;
import org.jameslua.engine.message.MessageAccess;
import org.jameslua.james.ScriptCallCounts;
import org.jameslua.james.ScriptMetrics;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

/**
 * The pack's one way of calling a script function from James ({@link ScriptMetrics}), bound in the offline
 * session's James in its place, so that every callback the handlers make is written to the {@link CallTrace}:
 * its arguments, what it returned (or how it failed), a table argument the function changed (ProcessMessage's
 * actions) as it was left, and a return the handlers refused.
 */
public final class TracingScriptMetrics extends ScriptMetrics {
    private final CallTrace trace;

    @Inject
    public TracingScriptMetrics(MetricFactory metricFactory, ScriptCallCounts counts, CallTrace trace) {
        super(metricFactory, counts);
        this.trace = trace;
    }

    @Override
    public CallResult call(String scope, ScriptInstance instance, String function, Varargs args) {
        return traced(instance, function, args, () -> super.call(scope, instance, function, args));
    }

    @Override
    public CallResult callWithMessage(
            String scope, ScriptInstance instance, MessageAccess message, String function, Varargs args) {
        return traced(instance, function, args, () -> super.callWithMessage(scope, instance, message, function, args));
    }

    @Override
    public ScriptError badReturn(String scope, ScriptInstance instance, String function, String problem) {
        ScriptError error = super.badReturn(scope, instance, function, problem);
        trace.told(error);
        trace.addFailure("  " + function + "'s return not used (" + problem + "): James's own behaviour applies");
        return error;
    }

    private CallResult traced(ScriptInstance instance, String function, Varargs args, Supplier<CallResult> call) {
        List<String> before = texts(args);
        CallResult result = call.get();
        if (result instanceof CallResult.NotDefined) {
            return result;
        }
        String line = "  " + function + "(" + String.join(", ", before) + ")" + outcome(result);
        if (result instanceof CallResult.Failed) {
            trace.told(((CallResult.Failed) result).error());
            trace.addFailure(line);
        } else {
            trace.add(line);
        }
        List<String> after = texts(args);
        for (int i = 0; i < after.size(); i++) {
            if (args.arg(i + 1).istable()
                    && !after.get(i).equals(before.get(i))
                    && !returned(result, args.arg(i + 1))) {
                trace.add("    argument " + (i + 1) + " as " + function + " left it: " + after.get(i));
            }
        }
        return result;
    }

    private static boolean returned(CallResult result, LuaValue table) {
        if (result instanceof CallResult.Returned) {
            Varargs values = ((CallResult.Returned) result).values();
            for (int i = 1; i <= values.narg(); i++) {
                if (values.arg(i) == table) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String outcome(CallResult result) {
        if (result instanceof CallResult.Failed) {
            return " failed: " + ((CallResult.Failed) result).error().toLogLine();
        }
        Varargs values = ((CallResult.Returned) result).values();
        List<String> texts = texts(values);
        return texts.isEmpty() ? " returned nothing" : " -> " + String.join(", ", texts);
    }

    private static List<String> texts(Varargs values) {
        List<String> texts = new ArrayList<>();
        for (int i = 1; i <= values.narg(); i++) {
            texts.add(LuaValueText.literal(values.arg(i)));
        }
        return texts;
    }
}
