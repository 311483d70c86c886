package org.jameslua.engine.lib;

import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.ArgumentError;

/**
 * {@code collectgarbage} with Lua 5.2's options, answers and errors, over a collector it does not drive: the JVM's
 * collects for every script at once, so no option forces, stops or tunes it (a script could otherwise stall the
 * server). {@code count} tells the whole JVM's memory; {@code stop} and {@code restart} change what
 * {@code isrunning} says, and the tuning options give back the value set before, as in 5.2; an unknown option is
 * Lua 5.2's argument error (it answered 0 to anything). A number in place of the option is Lua 5.0's threshold.
 */
final class CollectGarbage {
    /** Lua 5.2's LUAI_GCPAUSE, LUAI_GCMUL and LUAI_GCMAJOR: what the tuning options give back at first. */
    private static final int DEFAULT_TUNING = 200;

    private boolean running = true;
    private int pause = DEFAULT_TUNING;
    private int stepMultiplier = DEFAULT_TUNING;
    private int majorIncrement = DEFAULT_TUNING;

    static LuaValue function() {
        return Functions.of("collectgarbage", new CollectGarbage(), CollectGarbage::call);
    }

    private Varargs call(Varargs args) {
        if (args.type(1) == LuaValue.TNUMBER) {
            // Lua 5.0's collectgarbage(limit), in VPOP3 2.x scripts: a threshold in Kbytes for the collector, here the
            // JVM's, so nothing to set; 5.0 returned nothing (5.1 and 5.2 read the number as an unknown option)
            return LuaValue.NONE;
        }
        String option = ScriptText.argument(args, 1, "collect");
        // luaL_optint, checked for every option: the number as lua_Integer (CIntegers), then C's cast to an int
        int value = (int) CIntegers.of(args.optdouble(2, 0));
        int previous;
        switch (option) {
            case "count":
                Runtime runtime = Runtime.getRuntime();
                long bytes = runtime.totalMemory() - runtime.freeMemory();
                return LuaValue.varargsOf(LuaValue.valueOf(bytes / 1024.0), LuaValue.valueOf(bytes % 1024));
            case "step":
                // whether a cycle ended: true, so that a loop stepping until one ends does end
                return LuaValue.TRUE;
            case "isrunning":
                return LuaValue.valueOf(running);
            case "stop":
            case "restart":
                running = option.equals("restart");
                return LuaValue.ZERO;
            case "collect":
            case "generational":
            case "incremental":
                return LuaValue.ZERO;
            case "setpause":
                previous = pause;
                pause = value;
                return LuaValue.valueOf(previous);
            case "setstepmul":
                previous = stepMultiplier;
                stepMultiplier = value;
                return LuaValue.valueOf(previous);
            case "setmajorinc":
                previous = majorIncrement;
                majorIncrement = value;
                return LuaValue.valueOf(previous);
            default:
                throw ArgumentError.problem(1, "invalid option '" + option + "'");
        }
    }
}
