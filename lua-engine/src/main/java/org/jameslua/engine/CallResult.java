package org.jameslua.engine;

import org.luaj.vm2.Varargs;

/** What came of the host calling a script function. */
public sealed interface CallResult {

    /** The script does not define the function: the host does what it does without a script. */
    record NotDefined(String function) implements CallResult {
    }

    /** The function returned; its values are read positionally. */
    record Returned(Varargs values) implements CallResult {
    }

    /** The function failed; the error is already in {@code LUAERRORS.LOG}. */
    record Failed(ScriptError error) implements CallResult {
    }
}
