package org.jameslua.engine.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.luaj.vm2.Lua;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Prototype;

/**
 * The {@code gsub} calls of a compiled script whose replacement is a literal string that Lua 5.2 refuses as it
 * runs: a '%' before anything but a digit or another '%' ({@code string.gsub(s, "%s", "%_")}). Lua 5.0 and 5.1
 * wrote the character after the '%', so VPOP3 2.x scripts may hold such replacements, and the pack's gsub, which
 * is Lua 5.2's, fails there with "invalid use of '%' in replacement string" only when the line runs. Found in the
 * bytecode: a call of three or more fixed arguments ({@code string.gsub(s, p, r)} or {@code s:gsub(p, r)}) whose
 * function was read as a table's {@code gsub} field and whose third argument register was last loaded from a
 * constant.
 */
final class GsubReplacements {
    private static final int FIRST_ARGUMENTS = 4; // B of CALL: the function's arguments plus one

    private GsubReplacements() {}

    /** A literal replacement Lua 5.2 refuses, and the line of its call. */
    static final class BadReplacement {
        private final int line;
        private final String replacement;
        private final char escaped;

        BadReplacement(int line, String replacement, char escaped) {
            this.line = line;
            this.replacement = replacement;
            this.escaped = escaped;
        }

        int line() {
            return line;
        }

        /** The replacement as the script wrote it (after escapes in the string literal). */
        String replacement() {
            return replacement;
        }

        /** The first character after a '%' that Lua 5.2 refuses there; 0 for a '%' ending the replacement. */
        char escaped() {
            return escaped;
        }
    }

    /** Every such call in the chunk and the functions nested in it, in the order of the code. */
    static List<BadReplacement> of(Prototype chunk) {
        List<BadReplacement> found = new ArrayList<>();
        collect(chunk, found);
        return found;
    }

    private static void collect(Prototype prototype, List<BadReplacement> found) {
        int[] code = prototype.code;
        for (int pc = 0; pc < code.length; pc++) {
            int opcode = Lua.GET_OPCODE(code[pc]);
            if ((opcode != Lua.OP_CALL && opcode != Lua.OP_TAILCALL) || Lua.GETARG_B(code[pc]) < FIRST_ARGUMENTS) {
                continue;
            }
            int base = Lua.GETARG_A(code[pc]);
            int loader = functionLoader(prototype, pc, base);
            if (loader < 0) {
                continue;
            }
            int writer = lastWriter(code, loader + 1, pc, base + 3);
            if (writer < 0 || Lua.GET_OPCODE(code[writer]) != Lua.OP_LOADK) {
                continue;
            }
            LuaValue replacement = prototype.k[Lua.GETARG_Bx(code[writer])];
            if (replacement.type() != LuaValue.TSTRING) {
                continue;
            }
            int line = prototype.lineinfo != null && pc < prototype.lineinfo.length ? prototype.lineinfo[pc] : 0;
            refused(replacement.tojstring())
                    .ifPresent(escaped -> found.add(new BadReplacement(line, replacement.tojstring(), escaped)));
        }
        for (Prototype nested : prototype.p) {
            collect(nested, found);
        }
    }

    /** The instruction that read {@code gsub} into the call's function register, or -1. */
    private static int functionLoader(Prototype prototype, int call, int base) {
        for (int pc = call - 1; pc >= 0; pc--) {
            int instruction = prototype.code[pc];
            int opcode = Lua.GET_OPCODE(instruction);
            if (!writesA(opcode) || Lua.GETARG_A(instruction) != base) {
                continue;
            }
            if (opcode != Lua.OP_GETTABLE && opcode != Lua.OP_SELF) {
                return -1;
            }
            int key = Lua.GETARG_C(instruction);
            boolean gsub = Lua.ISK(key)
                    && prototype.k[Lua.INDEXK(key)].type() == LuaValue.TSTRING
                    && prototype.k[Lua.INDEXK(key)].tojstring().equals("gsub");
            return gsub ? pc : -1;
        }
        return -1;
    }

    /** The last instruction in [from, to) that sets the register, or -1. */
    private static int lastWriter(int[] code, int from, int to, int register) {
        for (int pc = to - 1; pc >= from; pc--) {
            if (writesA(Lua.GET_OPCODE(code[pc])) && Lua.GETARG_A(code[pc]) == register) {
                return pc;
            }
        }
        return -1;
    }

    /** Whether an instruction's A names a register it sets (not a flag, as in EQ, or a jump's, as in JMP). */
    private static boolean writesA(int opcode) {
        switch (opcode) {
            case Lua.OP_JMP:
            case Lua.OP_EQ:
            case Lua.OP_LT:
            case Lua.OP_LE:
            case Lua.OP_TEST:
            case Lua.OP_RETURN:
            case Lua.OP_SETTABUP:
            case Lua.OP_SETUPVAL:
                return false;
            default:
                return true;
        }
    }

    /** The character after the first '%' Lua 5.2's gsub refuses in a replacement (0 at the end), if any. */
    static Optional<Character> refused(String replacement) {
        for (int i = 0; i < replacement.length(); i++) {
            if (replacement.charAt(i) != '%') {
                continue;
            }
            if (i + 1 == replacement.length()) {
                return Optional.of('\0');
            }
            char next = replacement.charAt(++i);
            if (next != '%' && (next < '0' || next > '9')) {
                return Optional.of(next);
            }
        }
        return Optional.empty();
    }
}
