package org.jameslua.mailets.mail;

import java.util.Optional;
import java.util.function.Function;

import org.jameslua.engine.CallResult;
import org.jameslua.engine.ScriptInstance;
import org.jameslua.james.script.BadReturn;
import org.luaj.vm2.Varargs;

/**
 * Reads what a script function returned. Every way a call can go wrong (not defined, failed, returned
 * something unusable) ends as an empty result, already logged, so callers only choose their no-script
 * behaviour once.
 */
public final class Returns {
    private Returns() {
    }

    public static <T> Optional<T> read(ScriptInstance instance, String function, CallResult result,
                                       Function<Varargs, T> reader) {
        if (!(result instanceof CallResult.Returned)) {
            return Optional.empty();
        }
        CallResult.Returned returned = (CallResult.Returned) result;
        try {
            return Optional.of(reader.apply(returned.values()));
        } catch (BadReturn e) {
            instance.reportBadReturn(function, e.getMessage());
            return Optional.empty();
        }
    }
}
