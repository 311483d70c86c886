package org.jameslua.engine.compat;

import java.util.Optional;
import org.jameslua.engine.lib.Budget;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaClosure;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.UpValue;
import org.luaj.vm2.Varargs;

/**
 * Lua 5.0's {@code getfenv} and {@code setfenv} on Lua 5.2's {@code _ENV}. In 5.2 a function's
 * environment is the upvalue its prototype names {@code _ENV}; {@code setfenv} gives that one closure a
 * cell of its own holding the new table, so (as in 5.0) other functions sharing the old environment keep it,
 * and functions the closure creates afterwards inherit the new one.
 *
 * <p>Where 5.2 cannot express 5.0's meaning: a function that reads no global has no {@code _ENV}, so
 * {@code getfenv} reports the instance's globals for it and {@code setfenv} changes nothing observable; host
 * functions have no environment ({@code getfenv} gives the globals, {@code setfenv} refuses, as 5.0 did);
 * level 0, the thread's environment, reads as the instance's globals and cannot be replaced.
 */
final class FunctionEnvironments {
    private static final LuaString ENV = LuaValue.valueOf("_ENV");

    private final Globals globals;
    private final Budget budget;

    FunctionEnvironments(Globals globals, Budget budget) {
        this.globals = globals;
        this.budget = budget;
    }

    Varargs getfenv(Varargs args) {
        if (args.arg1().isfunction()) {
            return environmentOf(args.arg1());
        }
        int level = args.isnoneornil(1) ? 1 : level(args, "getfenv");
        if (level == 0) {
            return globals;
        }
        return closureAt(level, "getfenv").map(this::environmentOf).orElse(globals);
    }

    Varargs setfenv(Varargs args) {
        LuaTable environment = args.checktable(2);
        LuaValue target = args.arg1();
        Optional<LuaClosure> closure;
        if (target.isfunction()) {
            closure = target instanceof LuaClosure ? Optional.of((LuaClosure) target) : Optional.empty();
        } else {
            int level = level(args, "setfenv");
            if (level == 0) {
                throw new LuaError("setfenv: the thread's environment (level 0) cannot be replaced in VPOP3 Lua;"
                        + " give a function or level 1");
            }
            closure = closureAt(level, "setfenv");
        }
        LuaClosure function =
                closure.orElseThrow(() -> new LuaError("'setfenv' cannot change environment of given object"));
        int index = environmentIndex(function);
        if (index >= 0) {
            function.upValues[index] = new UpValue(new LuaValue[] {environment}, 0);
        }
        return function;
    }

    private LuaValue environmentOf(LuaValue function) {
        if (function instanceof LuaClosure) {
            LuaClosure closure = (LuaClosure) function;
            int index = environmentIndex(closure);
            if (index >= 0) {
                return closure.upValues[index].getValue();
            }
        }
        return globals;
    }

    private static int environmentIndex(LuaClosure closure) {
        for (int i = 0; i < closure.p.upvalues.length; i++) {
            if (ENV.equals(closure.p.upvalues[i].name)) {
                return i;
            }
        }
        return -1;
    }

    private static int level(Varargs args, String function) {
        int level = args.checkint(1);
        if (level < 0) {
            throw new LuaError("bad argument #1 to '" + function + "' (level must be non-negative)");
        }
        return level;
    }

    private Optional<LuaClosure> closureAt(int level, String function) {
        if (level > budget.callDepth()) {
            throw new LuaError("bad argument #1 to '" + function + "' (invalid level)");
        }
        return budget.closureAt(level);
    }
}
