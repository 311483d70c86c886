package org.jameslua.engine.lib.patterns;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.jameslua.engine.Limits;
import org.jameslua.engine.lib.AllocationTogether;
import org.jameslua.engine.lib.Budget;
import org.jameslua.engine.lib.CallWatchdog;
import org.jameslua.engine.lib.CoreTurns;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.VarArgFunction;
import org.luaj.vm2.lib.jse.JsePlatform;

/**
 * Calls find, match, gmatch and gsub of one {@code string} table and describes each outcome as text, so that
 * two implementations can be compared call by call.
 */
final class PatternCalls {
    private final LuaTable string;
    /** LuaJ fails on some malformed patterns with Java exceptions where Lua gives an error; ours must not. */
    private final boolean javaExceptionsAreErrors;

    private PatternCalls(LuaTable string, boolean javaExceptionsAreErrors) {
        this.string = string;
        this.javaExceptionsAreErrors = javaExceptionsAreErrors;
    }

    /** Ours, with a budget that is never started: nothing in these tests runs long enough to need it. */
    static PatternCalls ours(CallWatchdog watchdog) {
        return ours(watchdog, Limits.defaults());
    }

    static PatternCalls ours(CallWatchdog watchdog, Limits limits) {
        LuaTable string = new LuaTable();
        StringPatterns.install(
                string,
                new Budget(limits, new Globals(), watchdog, new CoreTurns(1), new AllocationTogether(Long.MAX_VALUE)));
        return new PatternCalls(string, false);
    }

    /** LuaJ's own string library, as a plain LuaJ installation has it. */
    static PatternCalls luaj() {
        return new PatternCalls((LuaTable) JsePlatform.standardGlobals().get("string"), true);
    }

    Outcome call(String function, LuaValue... args) {
        return outcome(() -> string.get(function).invoke(LuaValue.varargsOf(args)));
    }

    /** Every value the iterator of {@code gmatch(subject, pattern)} gives, each match's in braces. */
    Outcome gmatch(LuaValue subject, LuaValue pattern) {
        return outcome(() -> {
            LuaValue iterator = string.get("gmatch").call(subject, pattern);
            List<LuaValue> values = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                Varargs next = iterator.invoke(LuaValue.NONE);
                if (next.arg1().isnil()) {
                    break;
                }
                bracket(values, next);
            }
            return LuaValue.varargsOf(values.toArray(new LuaValue[0]));
        });
    }

    /**
     * The captures gsub hands its function, in the form {@link #gmatch} gives them: gsub visits the subject's
     * matches exactly as gmatch does, as long as the pattern is not anchored.
     */
    Outcome gsubCaptures(LuaValue subject, LuaValue pattern) {
        return outcome(() -> {
            List<LuaValue> values = new ArrayList<>();
            string.get("gsub").call(subject, pattern, new VarArgFunction() {
                @Override
                public Varargs invoke(Varargs captures) {
                    bracket(values, captures);
                    return LuaValue.NIL;
                }
            });
            return LuaValue.varargsOf(values.toArray(new LuaValue[0]));
        });
    }

    private static void bracket(List<LuaValue> values, Varargs match) {
        values.add(LuaValue.valueOf("{"));
        for (int i = 1; i <= match.narg(); i++) {
            values.add(match.arg(i));
        }
        values.add(LuaValue.valueOf("}"));
    }

    private Outcome outcome(Supplier<Varargs> call) {
        try {
            return new Outcome(false, describe(call.get()));
        } catch (LuaError e) {
            return new Outcome(true, e.getMessage());
        } catch (RuntimeException e) {
            if (javaExceptionsAreErrors) {
                return new Outcome(true, e.toString());
            }
            throw e;
        }
    }

    /** Values as Lua would print them, strings in quotes: {@code "ab", 3, nil}. */
    static String describe(Varargs values) {
        StringBuilder text = new StringBuilder();
        for (int i = 1; i <= values.narg(); i++) {
            LuaValue value = values.arg(i);
            text.append(i > 1 ? ", " : "");
            switch (value.type()) {
                case LuaValue.TSTRING:
                    text.append('"').append(value.tojstring()).append('"');
                    break;
                case LuaValue.TNUMBER:
                case LuaValue.TNIL:
                case LuaValue.TBOOLEAN:
                    text.append(value.tojstring());
                    break;
                default:
                    text.append(value.typename());
            }
        }
        return text.toString();
    }

    /** What one call gave: its values as text, or its error message. */
    static final class Outcome {
        private final boolean failed;
        private final String text;

        Outcome(boolean failed, String text) {
            this.failed = failed;
            this.text = text;
        }

        boolean failed() {
            return failed;
        }

        String text() {
            return text;
        }

        /** The same values, or both an error: LuaJ's error messages are not Lua's. */
        boolean agreesWith(Outcome other) {
            return failed ? other.failed : !other.failed && text.equals(other.text);
        }

        @Override
        public String toString() {
            return failed ? "error: " + text : text;
        }
    }
}
