package org.jameslua.engine;

import org.luaj.vm2.Varargs;

/** What came of the host calling a script function. */
public interface CallResult {

    /** The script does not define the function: the host does what it does without a script. */
    final class NotDefined implements CallResult {
        private final String function;

        public NotDefined(String function) {
            this.function = function;
        }

        public String function() {
            return function;
        }

        @Override
        public String toString() {
            return "NotDefined[function=" + function + "]";
        }
    }

    /** The function returned; its values are read positionally. */
    final class Returned implements CallResult {
        private final Varargs values;

        public Returned(Varargs values) {
            this.values = values;
        }

        public Varargs values() {
            return values;
        }
    }

    /** The function failed; the error is already in {@code LUAERRORS.LOG}. */
    final class Failed implements CallResult {
        private final ScriptError error;

        public Failed(ScriptError error) {
            this.error = error;
        }

        public ScriptError error() {
            return error;
        }

        @Override
        public String toString() {
            return "Failed[error=" + error + "]";
        }
    }
}
