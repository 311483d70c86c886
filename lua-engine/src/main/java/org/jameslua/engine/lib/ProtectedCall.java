package org.jameslua.engine.lib;

import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.ArgumentError;
import org.luaj.vm2.lib.VarArgFunction;

/**
 * {@code pcall} and {@code xpcall} of one instance, with Lua 5.2's results. They count as a call level in the
 * instance's budget, as LuaJ's own do (so {@code getfenv} levels and the call-depth limit see them); made
 * here rather than taken from LuaJ's base library, whose other functions are shared between instances.
 * {@link BudgetExceeded} is an {@link Error}, so no script catches the end of its budget with them; a Java
 * {@link StackOverflowError} is caught, as Lua's own "stack overflow" error would be.
 */
final class ProtectedCall extends VarArgFunction {
    static final LuaValue STACK_OVERFLOW = LuaValue.valueOf("stack overflow");

    private final Globals globals;
    private final boolean withHandler;

    ProtectedCall(Globals globals, boolean withHandler) {
        this.globals = globals;
        this.withHandler = withHandler;
        this.name = withHandler ? "xpcall" : "pcall";
    }

    @Override
    public Varargs invoke(Varargs args) {
        if (!withHandler) {
            if (args.narg() == 0) {
                throw ArgumentError.problem(1, "value expected");
            }
            return protectedCall(args.arg1(), args.subargs(2), null);
        }
        if (args.narg() < 2) {
            throw ArgumentError.problem(2, "value expected");
        }
        return protectedCall(args.arg1(), args.subargs(3), args.arg(2));
    }

    /**
     * Calls the function; on an error, returns false and the error value, or what the handler made of it. The
     * handler is called here, after the error has left the function, with the error value whatever its type (LuaJ's
     * own hook would give it only the text of a string error).
     */
    private Varargs protectedCall(LuaValue function, Varargs args, LuaValue handler) {
        globals.debuglib.onCall(this);
        Budget budget = handler != null && globals.debuglib instanceof Budget ? (Budget) globals.debuglib : null;
        if (budget != null) {
            budget.handlerExpected();
        }
        try {
            return LuaValue.varargsOf(LuaValue.TRUE, function.invoke(args));
        } catch (ArgumentError e) {
            e.calledBy(globalName(function), args);
            return failed(errorValue(e), e, handler, budget);
        } catch (LuaError e) {
            return failed(errorValue(e), e, handler, budget);
        } catch (Exception e) {
            String message = e.getMessage();
            return failed(LuaValue.valueOf(message != null ? message : e.toString()), null, handler, budget);
        } catch (StackOverflowError e) {
            // recursion through host functions (__tostring = tostring, a __call cycle) that the call depth
            // bound does not see; the Java stack has unwound to here, so the script may go on as after an error
            return failed(STACK_OVERFLOW, null, handler, budget);
        } finally {
            if (budget != null) {
                budget.handlerNoLongerExpected();
            }
            globals.debuglib.onReturn();
        }
    }

    /**
     * What Lua 5.2's {@code luaL_argerror} calls a function no Lua instruction named: the global holding it, or
     * the field of a global table ({@code string.rep}), else {@code ?}.
     */
    private String globalName(LuaValue function) {
        String field = null;
        LuaValue key = LuaValue.NIL;
        for (Varargs entry = globals.next(key); !(key = entry.arg1()).isnil(); entry = globals.next(key)) {
            LuaValue value = entry.arg(2);
            if (value == function && key.isstring()) {
                return key.tojstring();
            }
            if (field == null && value.istable() && value != globals && key.isstring()) {
                LuaValue inner = LuaValue.NIL;
                for (Varargs e = value.next(inner); !(inner = e.arg1()).isnil(); e = value.next(inner)) {
                    if (e.arg(2) == function && inner.isstring()) {
                        field = key.tojstring() + "." + inner.tojstring();
                        break;
                    }
                }
            }
        }
        return field != null ? field : "?";
    }

    /** {@code raised} is the error as LuaJ raised it, by which the budget finds the frames it was raised in. */
    private static Varargs failed(LuaValue error, LuaError raised, LuaValue handler, Budget budget) {
        if (handler == null) {
            return LuaValue.varargsOf(LuaValue.FALSE, error);
        }
        FailurePoint before = budget != null ? budget.handlingStarts(raised) : null;
        try {
            return LuaValue.varargsOf(LuaValue.FALSE, handler.call(error));
        } catch (LuaError e) {
            return LuaValue.varargsOf(LuaValue.FALSE, LuaValue.valueOf("error in error handling"));
        } finally {
            if (budget != null) {
                budget.handled(before);
            }
        }
    }

    /** The value an error carries to Lua: what {@code error} raised, or the positioned text of any other. */
    static LuaValue errorValue(LuaError e) {
        LuaValue message = e.getMessageObject();
        return message != null ? message : LuaValue.NIL;
    }
}
