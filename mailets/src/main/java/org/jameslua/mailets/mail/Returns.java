package org.jameslua.mailets.mail;

import java.util.Optional;
import java.util.function.Function;
import org.jameslua.engine.CallResult;
import org.jameslua.engine.ScriptInstance;
import org.jameslua.james.script.BadReturn;
import org.jameslua.james.script.OnScriptError;
import org.jameslua.james.script.ScriptFailedException;
import org.luaj.vm2.Varargs;

/**
 * Reads what a script function returned. Every way a call can go wrong (not defined, failed, returned
 * something unusable) is logged and ends as an empty result, so callers only choose their no-script
 * behaviour once; under {@link OnScriptError#ERROR} a failure or an unusable answer (not a missing function)
 * throws {@link ScriptFailedException} instead, for the mailet to hand the mail to the error processor.
 */
public final class Returns {
    private Returns() {}

    public static <T> Optional<T> read(
            ScriptInstance instance, String function, CallResult result, Function<Varargs, T> reader) {
        return read(instance, function, result, reader, OnScriptError.PASS);
    }

    public static <T> Optional<T> read(
            ScriptInstance instance,
            String function,
            CallResult result,
            Function<Varargs, T> reader,
            OnScriptError policy) {
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
        CallResult.Returned returned = (CallResult.Returned) result;
        try {
            return Optional.of(reader.apply(returned.values()));
        } catch (BadReturn e) {
            String logLine = instance.reportBadReturn(function, e.getMessage()).toLogLine();
            if (policy == OnScriptError.ERROR) {
                throw new ScriptFailedException(logLine);
            }
            return Optional.empty();
        }
    }
}
