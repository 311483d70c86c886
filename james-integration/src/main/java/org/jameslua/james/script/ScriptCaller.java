package org.jameslua.james.script;

import java.util.Optional;
import java.util.function.Function;
import org.jameslua.engine.CallResult;
import org.jameslua.engine.ScriptInstance;
import org.jameslua.engine.message.MessageAccess;
import org.jameslua.james.ScriptMetrics;
import org.luaj.vm2.Varargs;

/**
 * How one mailet or matcher calls its script: the function runs under the engine's bounds, counted in
 * {@link ScriptMetrics} under the caller's scope, and its returns are read by the caller's reader. Every way a call
 * can go wrong (not defined, failed, returned something unusable) ends as an empty result, failures and unusable
 * returns logged to {@code LUAERRORS.LOG} with script, function and line; under {@link OnScriptError#ERROR} a failure
 * or an unusable return (not a missing function) throws {@link ScriptFailedException} instead, for the mailet to
 * hand the mail to the error processor. Made by {@link ScriptCallers}.
 */
public final class ScriptCaller {
    private final ScriptMetrics metrics;
    private final String scope;
    private final OnScriptError policy;

    ScriptCaller(ScriptMetrics metrics, String scope, OnScriptError policy) {
        this.metrics = metrics;
        this.scope = scope;
        this.policy = policy;
    }

    /** The metric scope, e.g. {@code mailet.LuaMailet-1}: metric names are {@code luapack.<scope>.<SCRIPT>.<Function>.*}. */
    /** What a failure of a call through this caller leads to. */
    public OnScriptError policy() {
        return policy;
    }

    public String scope() {
        return scope;
    }

    /**
     * This caller with the {@link OnScriptError#PASS} policy, under the same scope: for scripts whose failures are
     * never the mail's (a user's own script).
     */
    public ScriptCaller passing() {
        return new ScriptCaller(metrics, scope, OnScriptError.PASS);
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

    private <T> Optional<T> read(
            ScriptInstance instance, String function, CallResult result, Function<Varargs, T> reader) {
        if (result instanceof CallResult.Failed) {
            if (policy == OnScriptError.ERROR) {
                throw new ScriptFailedException(
                        ((CallResult.Failed) result).error().toLogLine());
            }
            return Optional.empty();
        }
        if (!(result instanceof CallResult.Returned)) {
            return Optional.empty();
        }
        try {
            return Optional.of(reader.apply(((CallResult.Returned) result).values()));
        } catch (BadReturn e) {
            String logLine =
                    metrics.badReturn(scope, instance, function, e.getMessage()).toLogLine();
            if (policy == OnScriptError.ERROR) {
                throw new ScriptFailedException(logLine);
            }
            return Optional.empty();
        }
    }
}
