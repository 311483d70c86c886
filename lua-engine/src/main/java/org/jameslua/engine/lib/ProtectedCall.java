package org.jameslua.engine.lib;

import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaThread;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
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
            LuaValue function = args.checkvalue(1);
            return protectedCall(function, args.subargs(2));
        }
        LuaThread thread = globals.running;
        LuaValue previousHandler = thread.errorfunc;
        thread.errorfunc = args.checkvalue(2);
        try {
            return protectedCall(args.arg1(), args.subargs(3));
        } finally {
            thread.errorfunc = previousHandler;
        }
    }

    private Varargs protectedCall(LuaValue function, Varargs args) {
        globals.debuglib.onCall(this);
        try {
            return LuaValue.varargsOf(LuaValue.TRUE, function.invoke(args));
        } catch (LuaError e) {
            LuaValue message = e.getMessageObject();
            return LuaValue.varargsOf(LuaValue.FALSE, message != null ? message : LuaValue.NIL);
        } catch (Exception e) {
            String message = e.getMessage();
            return LuaValue.varargsOf(LuaValue.FALSE, LuaValue.valueOf(message != null ? message : e.toString()));
        } catch (StackOverflowError e) {
            // recursion through host functions (__tostring = tostring, a __call cycle) that the call depth
            // bound does not see; the Java stack has unwound to here, so the script may go on as after an error
            return LuaValue.varargsOf(LuaValue.FALSE, STACK_OVERFLOW);
        } finally {
            globals.debuglib.onReturn();
        }
    }
}
