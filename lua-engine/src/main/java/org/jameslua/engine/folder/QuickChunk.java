package org.jameslua.engine.folder;

import org.luaj.vm2.Lua;
import org.luaj.vm2.LuaValue;
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
 *
 * <p>Bounded by its source is not quick enough: a script may be 16 MiB, millions of instructions (65 ms a
 * connection), and one instruction may read a whole string constant (comparing two long strings alike up to their
 * end, or arithmetic on a long numeric string), so that a straight line of them reads the square of the source
 * (64 KiB strings read 20000 times: 110 ms; at the size limit, minutes). An instruction may also read many of
 * them: storing a key in a table compares it with each key already there of the same hash, which LuaJ takes from 32
 * of a long string's bytes (250 keys of 16000 bytes alike but for two unsampled ones: 172 ms). So the chunk must
 * also be short, hold no long string constant, and its instructions times all its string constants' bytes, a bound
 * of what they may read, must be small.
 */
final class QuickChunk {
    /** About a tenth of a millisecond of straight-line code; a script's usual main chunk is a few hundred. */
    static final int MAX_INSTRUCTIONS = 4096;
    /**
     * A string constant as long as the chunk may hold: an error naming a global of 1 MiB (indexing it while nil)
     * took 70 ms to report, each time.
     */
    static final int MAX_STRING_BYTES = 16 * 1024;
    /** Instructions times string constants' bytes: at most a few million bytes read, about a millisecond. */
    static final long MAX_STRING_BYTES_READ = 1L << 23;

    private QuickChunk() {}

    static boolean isQuick(Prototype main) {
        if (main.code.length > MAX_INSTRUCTIONS
                || longestString(main) > MAX_STRING_BYTES
                || (long) main.code.length * stringBytes(main) > MAX_STRING_BYTES_READ) {
            return false;
        }
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

    private static int longestString(Prototype main) {
        int longest = 0;
        for (LuaValue constant : main.k) {
            if (constant.type() == LuaValue.TSTRING) {
                longest = Math.max(longest, constant.rawlen());
            }
        }
        return longest;
    }

    private static long stringBytes(Prototype main) {
        long bytes = 0;
        for (LuaValue constant : main.k) {
            if (constant.type() == LuaValue.TSTRING) {
                bytes += constant.rawlen();
            }
        }
        return bytes;
    }
}
