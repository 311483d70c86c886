package org.jameslua.james.script;

import java.util.Optional;
import java.util.function.Function;
import org.jameslua.engine.CallResult;
import org.jameslua.engine.ScriptInstance;
import org.jameslua.engine.message.MessageAccess;
import org.jameslua.james.ScriptMetrics;
import org.luaj.vm2.Varargs;

/**
 * How an adapter (an SMTP session, a mailet, a matcher) calls its script: the function runs under the engine's
 * bounds, counted in {@link ScriptMetrics} under the caller's scope, and its returns are read by the caller's
 * reader. The result is empty when the script has no opinion: the function is not defined, or the reader gives
 * {@code null} (nothing to act on). A failed call and an unusable return (a {@link BadReturn} from the reader) are
 * logged to {@code LUAERRORS.LOG} with script, function and line, then lead to what the {@link OnScriptError policy}
 * says: under {@link OnScriptError#PASS} an empty result, under {@link OnScriptError#ERROR} a
 * {@link ScriptFailedException}, which the adapter turns into its failure (a mailet hands the mail to the error
 * processor, SMTP answers a temporary failure). Made by {@link ScriptCallers}.
 */
public final class ScriptCaller {
    private static final AfterCall NOTHING_AFTER = (instance, function) -> {};

    private final ScriptMetrics metrics;
    private final String scope;
    private final OnScriptError policy;
    private final boolean neverCompiled;
    private final AfterCall afterCall;

    ScriptCaller(ScriptMetrics metrics, String scope, OnScriptError policy) {
        this(metrics, scope, policy, false, NOTHING_AFTER);
    }

    private ScriptCaller(
            ScriptMetrics metrics, String scope, OnScriptError policy, boolean neverCompiled, AfterCall afterCall) {
        this.metrics = metrics;
        this.scope = scope;
        this.policy = policy;
        this.neverCompiled = neverCompiled;
        this.afterCall = afterCall;
    }

    /** What a failure of a call through this caller leads to. */
    public OnScriptError policy() {
        return policy;
    }

    /** The metric scope, e.g. {@code mailet.LuaMailet-1}: metric names are {@code luapack.<scope>.<SCRIPT>.<Function>.*}. */
    public String scope() {
        return scope;
    }

    /**
     * This caller with the {@link OnScriptError#PASS} policy, under the same scope: for scripts whose failures are
     * never the mail's (a user's own script).
     */
    public ScriptCaller passing() {
        return new ScriptCaller(metrics, scope, OnScriptError.PASS, neverCompiled, afterCall);
    }

    /**
     * This caller for an instance of a script that has not compiled once since James started (see
     * {@link UncompiledScripts}): nothing of it is in force, so every call fails, as it would were the script running
     * and broken, instead of finding its function not defined.
     */
    public ScriptCaller neverCompiled() {
        return new ScriptCaller(metrics, scope, policy, true, afterCall);
    }

    /** This caller with {@code hook} run after each call of a function the script defines (see {@link AfterCall}). */
    public ScriptCaller afterEachCall(AfterCall hook) {
        return new ScriptCaller(metrics, scope, policy, neverCompiled, hook);
    }

    /**
     * Whether a call of {@code function} through this caller can do anything: not when the script has compiled and
     * does not define it (the call would find nothing and give the default), so its caller need not prepare it.
     */
    public boolean finds(ScriptInstance instance, String function) {
        return neverCompiled || instance.defines(function);
    }

    public <T> Optional<T> call(ScriptInstance instance, String function, Varargs args, Function<Varargs, T> reader) {
        return read(instance, function, metrics.call(scope, instance, function, args), reader);
    }

    /** As {@link #call}, with the message helpers bound to a message, as for ProcessMessage. */
    public <T> Optional<T> callWithMessage(
            ScriptInstance instance,
            MessageAccess message,
            String function,
            Varargs args,
            Function<Varargs, T> reader) {
        return read(instance, function, metrics.callWithMessage(scope, instance, message, function, args), reader);
    }

    /**
     * Reports something a function left outside its returns (a global the adapter reads afterwards) that cannot be
     * used: logged and counted as a bad return of {@code function}. The adapter goes on without that value whatever
     * the policy: the call it came from is over.
     */
    public void badReturn(ScriptInstance instance, String function, String problem) {
        metrics.badReturn(scope, instance, function, problem);
    }

    private <T> Optional<T> read(
            ScriptInstance instance, String function, CallResult result, Function<Varargs, T> reader) {
        if (result instanceof CallResult.NotDefined) {
            return neverCompiled
                    ? failed(instance.scriptName() + " does not compile and has not compiled since James started")
                    : Optional.empty();
        }
        afterCall.after(instance, function);
        if (result instanceof CallResult.Failed) {
            return failed(((CallResult.Failed) result).error().toLogLine());
        }
        try {
            return Optional.ofNullable(reader.apply(((CallResult.Returned) result).values()));
        } catch (BadReturn e) {
            return failed(
                    metrics.badReturn(scope, instance, function, e.getMessage()).toLogLine());
        }
    }

    private <T> Optional<T> failed(String logLine) {
        if (policy == OnScriptError.ERROR) {
            throw new ScriptFailedException(logLine);
        }
        return Optional.empty();
    }

    /**
     * Run after each call of a function the script defines, whether it returned or failed, before its returns are
     * read: SMTP reads back the IN/OUT globals the callback may have set.
     */
    @FunctionalInterface
    public interface AfterCall {
        void after(ScriptInstance instance, String function);
    }
}
