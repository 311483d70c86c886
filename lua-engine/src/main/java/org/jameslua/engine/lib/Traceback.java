package org.jameslua.engine.lib;

import org.luaj.vm2.LuaClosure;
import org.luaj.vm2.LuaFunction;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.lib.VariableNames;

/**
 * The text of {@code debug.traceback} as Lua 5.2's {@code luaL_traceback} writes it, from the frames a coroutine's
 * {@link Budget} keeps: one line per level from {@code level} out, {@code source:line: in main chunk}, {@code in
 * function 'name'} where the caller's instruction called that very function by a name (Lua 5.2's
 * {@code getfuncname}), else {@code in function <source:linedefined>}; a {@code pcall} or {@code xpcall} frame as
 * {@code [C]: in function 'pcall'}. The budget keeps no frame for other host functions: one is written where the
 * caller's instruction called it ({@code [C]: in function 'sort'} between a comparison function and the caller of
 * {@code table.sort}), and a {@code (...tail calls...)} mark where the caller's instruction called a Lua function
 * that is no longer there. Not written: a host function that a host function called, and the C entry below the
 * outermost function.
 */
final class Traceback {
    private Traceback() {}

    /**
     * @param closures the frames' functions, outermost first, null for a host function's frame
     * @param stacks their registers
     * @param pcs the instruction each is at
     * @param depth how many frames there are
     * @param level the first level written: 1 is the innermost frame, 0 the host function asking (traceback
     *     itself), as Lua's levels count
     */
    static String of(LuaClosure[] closures, LuaValue[][] stacks, int[] pcs, int depth, long level) {
        StringBuilder text = new StringBuilder("stack traceback:");
        // a negative level, as one past the outermost, has no frame (lua_getstack fails); nor has level 0, the host
        // function the innermost frame calls, in a coroutine without frames (not started, or finished)
        for (long at = level < 0 || depth == 0 ? -1 : depth - level; at >= 0; at--) {
            int i = (int) at;
            LuaClosure closure = i < depth ? closures[i] : null;
            LuaValue called = i > 0 ? calledValue(closures[i - 1], stacks[i - 1], pcs[i - 1]) : null;
            if (closure == null) {
                boolean named = called != null && !(called instanceof LuaClosure) && called.isfunction();
                hostLine(text, named ? VariableNames.calledName(closures[i - 1].p, pcs[i - 1]) : null);
                continue;
            }
            String name = null;
            if (i > 0 && closures[i - 1] != null) {
                LuaClosure caller = closures[i - 1];
                if (called == null) {
                    // a metamethod: Lua 5.2 names it after its event
                    name = VariableNames.metamethodName(caller.p, pcs[i - 1]);
                } else if (called == closure || !called.isfunction()) {
                    // the function itself, or a value whose __call it is
                    name = VariableNames.calledName(caller.p, pcs[i - 1]);
                }
            }
            luaLine(text, closure, pcs[i], name);
            if (called instanceof LuaClosure && called != closure) {
                text.append("\n\t(...tail calls...)");
            } else if (called instanceof LuaFunction && !(called instanceof LuaClosure)) {
                hostLine(text, VariableNames.calledName(closures[i - 1].p, pcs[i - 1]));
            }
        }
        return text.toString();
    }

    /** What the caller's instruction calls, when it is a call; null for another instruction or no Lua caller. */
    static LuaValue calledValue(LuaClosure caller, LuaValue[] registers, int pc) {
        if (caller == null || registers == null) {
            return null;
        }
        int register = VariableNames.calledRegister(caller.p, pc);
        if (register < 0 || register >= registers.length || registers[register] == null) {
            return null;
        }
        return registers[register];
    }

    private static void hostLine(StringBuilder text, String name) {
        text.append("\n\t[C]: in ").append(name == null ? "?" : "function '" + name + "'");
    }

    private static void luaLine(StringBuilder text, LuaClosure closure, int pc, String name) {
        String source = closure.p.source.tojstring();
        text.append("\n\t")
                .append(source)
                .append(':')
                .append(Budget.lineOf(closure, pc))
                .append(": in ");
        if (name != null) {
            text.append("function '").append(name).append('\'');
        } else if (closure.p.linedefined == 0) {
            text.append("main chunk");
        } else {
            text.append("function <")
                    .append(source)
                    .append(':')
                    .append(closure.p.linedefined)
                    .append('>');
        }
    }
}
