package org.luaj.vm2.lib;

import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

/**
 * A library function's argument check that failed, worded as Lua 5.2's {@code luaL_argerror} words it:
 * {@code bad argument #2 to 'sub' (number expected, got no value)}. LuaJ's checks throw it (the patched
 * {@code LuaValue.argerror}), and so do the engine's library functions ({@link #problem}); LuaJ wrote {@code bad argument: number expected, got nil}, without the argument's
 * number or the function's name, and said nil for a missing argument.
 *
 * <p>A check on a value ({@code x.checkint()}) knows neither which argument it is nor whether it was passed;
 * a check through the arguments ({@code args.checkint(2)}, the patched {@code Varargs}) knows the number. The
 * rest comes from the call: when the error leaves the Lua function that made it, {@link #forCall} reads the
 * call instruction (the function's name, as Lua's {@code getfuncname}) and its arguments (the argument that
 * holds the failing value, how many were passed). An error raised for another call's arguments (a callback of
 * the called function) is left as it is.
 */
public final class ArgumentError extends LuaError {
    private static final long serialVersionUID = 1L;

    /** The value that failed a type check, or null for a check of another kind ({@link #problem}). */
    private final transient LuaValue value;

    /** For a type check, the type Lua names ({@code number}); else the problem, in Lua's words. */
    private final String detail;

    /** The argument's number from 1, or 0 while not known. */
    private int index;

    private ArgumentError(LuaValue value, String detail, int index) {
        super(detail);
        this.value = value;
        this.detail = detail;
        this.index = index;
    }

    /** LuaJ's {@code value.argerror(type)}: {@code value} is not of {@code luajType} (LuaJ's name of it). */
    public static LuaError expected(LuaValue value, String luajType) {
        return new ArgumentError(value, luaType(luajType), 0);
    }

    /**
     * A check other than the argument's type failed ({@code interval is empty}): LuaJ's {@code
     * LuaValue.argerror(index, message)}, and the engine's own checks.
     */
    public static LuaError problem(int index, String luajMessage) {
        return new ArgumentError(null, luaProblem(luajMessage), index);
    }

    /** Set by the patched {@code Varargs.checkint(index)} and its like: the check was for that argument. */
    public ArgumentError at(int argument) {
        if (index == 0) {
            index = argument;
        }
        return this;
    }

    /** Without a call to name it by: Lua 5.2's wording for a function it cannot name. */
    @Override
    public String getMessage() {
        if (traceback != null) {
            return traceback;
        }
        String text =
                (index > 0 ? "bad argument #" + index + " to '?' (" : "bad argument to '?' (") + detail(null) + ")";
        return fileline != null ? fileline + " " + text : text;
    }

    /**
     * The message (after LuaJ's position, {@code "chunk:line "}) as Lua 5.2 gives it for the call {@code call},
     * or null when the error is not about that call's arguments.
     */
    String forCall(CallArguments call) {
        String position = fileline != null ? fileline + " " : "";
        int argument = index;
        if (argument == 0) {
            argument = call.indexOf(value);
            if (argument == 0 && value.isnil()) {
                // a missing argument reads as nil
                argument = call.count() + 1;
            }
            if (argument == 0) {
                return null;
            }
        } else if (value != null && argument <= call.count() && call.get(argument) != value) {
            return null;
        }
        String got = argument > call.count() ? "no value" : null;
        String name = call.name.name;
        if (call.name.namewhat.equals("method")) {
            argument--;
            if (argument == 0) {
                return position + "calling '" + name + "' on bad self (" + detail(got) + ")";
            }
        }
        return position + "bad argument #" + argument + " to '" + name + "' (" + detail(got) + ")";
    }

    /**
     * Words the error, if it is about these arguments, for a host function that called {@code name} with
     * {@code args} itself ({@code pcall(string.rep)}): Lua 5.2 then names the function by where the globals hold
     * it ({@code 'string.rep'}) and gives no position, as the caller is no Lua function.
     */
    public void calledBy(String name, Varargs args) {
        if (traceback == null) {
            traceback = forCall(CallArguments.of(args, name));
        }
    }

    /** {@code got} names the value where its type's name does not ({@code no value}); null otherwise. */
    private String detail(String got) {
        if (value == null) {
            return detail;
        }
        if (detail.equals("coroutine")) {
            // Lua 5.2's coroutine functions check with luaL_argcheck, which names no type
            return "coroutine expected";
        }
        return detail + " expected, got " + (got != null ? got : value.typename());
    }

    private static String luaType(String luajType) {
        switch (luajType) {
            case "double":
            case "int":
            case "integer":
            case "long":
                return "number";
            case "String":
                return "string";
            case "closure":
                return "function";
            case "globals":
                return "table";
            case "thread":
                return "coroutine";
            case "object":
                return "userdata";
            default:
                return luajType;
        }
    }

    private static String luaProblem(String luajMessage) {
        switch (luajMessage) {
            case "value":
                return "value expected";
            case "invalid value":
                return "value out of range";
            default:
                return luajMessage;
        }
    }
}
