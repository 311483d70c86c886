package org.jameslua.engine.lib;

import org.luaj.vm2.LuaClosure;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.lib.VariableNames;

/**
 * The text of {@code debug.traceback} as Lua 5.2's {@code luaL_traceback} writes it, from the frames a coroutine's
 * {@link Budget} keeps: one line per level from {@code level} out, {@code source:line: in main chunk}, {@code in
 * function 'name'} where the caller's instruction called that very function by a name (Lua 5.2's
 * {@code getfuncname}), else {@code in function <source:linedefined>}; a {@code pcall} or {@code xpcall} frame as
 * {@code [C]: in function 'pcall'}. What the frames do not hold is left out: the other host functions (Lua 5.2
 * shows {@code [C]: in function 'error'}), the {@code (...tail calls...)} marks, and the C entry below the outermost
 * function.
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
        // a negative level, as one past the outermost, has no frame (lua_getstack fails)
        for (long at = level < 0 ? -1 : depth - level; at >= 0; at--) {
            int i = (int) at;
            LuaClosure closure = i < depth ? closures[i] : null;
            String name = i > 0 ? calledName(closures[i - 1], stacks[i - 1], pcs[i - 1], closure) : null;
            text.append("\n\t");
            if (closure == null) {
                text.append("[C]: in ").append(name == null ? "?" : "function '" + name + "'");
                continue;
            }
            String source = closure.p.source.tojstring();
            text.append(source).append(':').append(line(closure, pcs[i])).append(": in ");
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
        return text.toString();
    }

    /**
     * The name the caller's instruction called the callee by, when that instruction called it (a host function such
     * as {@code table.sort} may stand between them, unseen here, and then Lua 5.2 has no name for it either).
     */
    private static String calledName(LuaClosure caller, LuaValue[] registers, int pc, LuaClosure callee) {
        if (caller == null || registers == null) {
            return null;
        }
        int called = VariableNames.calledRegister(caller.p, pc);
        if (called < 0) {
            // a metamethod: Lua 5.2 names it after its event
            return callee == null ? null : VariableNames.metamethodName(caller.p, pc);
        }
        LuaValue function = called < registers.length ? registers[called] : null;
        boolean same = callee == null ? function != null && !(function instanceof LuaClosure) : function == callee;
        return same ? VariableNames.calledName(caller.p, pc) : null;
    }

    private static int line(LuaClosure closure, int pc) {
        int[] lines = closure.p.lineinfo;
        return lines != null && pc >= 0 && pc < lines.length ? lines[pc] : closure.p.linedefined;
    }
}
