package org.jameslua.engine.folder;

import org.luaj.vm2.Lua;
import org.luaj.vm2.Prototype;

/**
 * Whether a script's main chunk is certain to finish at once, so that a host may run it where a slow one would
 * stall others (James's I/O thread). Judged on the compiled code of the chunk itself, not of the functions it
 * defines: it must run each instruction at most once (no loop of any kind, no backward jump) and call nothing.
 *
 * <p>Without a call nothing the chunk does can run Lua code it did not write either: a metamethod written in Lua
 * needs a metatable set by a call ({@code setmetatable}), the instance's globals and library tables are its own and
 * have none, and the metatable strings share is the host's, protected and written in Java. Concatenation is refused
 * too, as a straight line of {@code s = s .. s} doubles a string at each step; without it every value the chunk makes
 * is bounded by its source.
 */
final class QuickChunk {
    private QuickChunk() {}

    static boolean isQuick(Prototype main) {
        for (int instruction : main.code) {
            switch (Lua.GET_OPCODE(instruction)) {
                case Lua.OP_CALL:
                case Lua.OP_TAILCALL:
                case Lua.OP_FORPREP:
                case Lua.OP_FORLOOP:
                case Lua.OP_TFORCALL:
                case Lua.OP_TFORLOOP:
                case Lua.OP_CONCAT:
                    return false;
                case Lua.OP_JMP:
                    if (Lua.GETARG_sBx(instruction) < 0) {
                        return false;
                    }
                    break;
                default:
                    break;
            }
        }
        return true;
    }
}
