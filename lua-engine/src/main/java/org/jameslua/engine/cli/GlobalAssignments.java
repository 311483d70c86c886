package org.jameslua.engine.cli;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;
import org.luaj.vm2.Lua;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Prototype;

/**
 * The assignments to global names in a compiled script, read from its bytecode without running it: what
 * {@code function Name()} defines, and which literal {@code Name = "x"} assigns. In Lua 5.2 each is a store into
 * the {@code _ENV} upvalue ({@code SETTABUP}) of a constant name.
 */
final class GlobalAssignments {
    private GlobalAssignments() {}

    /** One store of a global: a function definition, a literal, or a value only running the script would show. */
    static final class Assignment {
        private final String name;
        private final int line;
        private final boolean function;
        private final Optional<LuaValue> literal;

        Assignment(String name, int line, boolean function, Optional<LuaValue> literal) {
            this.name = name;
            this.line = line;
            this.function = function;
            this.literal = literal;
        }

        String name() {
            return name;
        }

        int line() {
            return line;
        }

        boolean isFunction() {
            return function;
        }

        /** The value, when it is a literal number, string, boolean, nil or a new table. */
        Optional<LuaValue> literal() {
            return literal;
        }
    }

    /** Every global store in the chunk and the functions nested in it, in the order of the code. */
    static List<Assignment> of(Prototype chunk) {
        List<Assignment> assignments = new ArrayList<>();
        collect(chunk, assignments);
        return assignments;
    }

    private static void collect(Prototype prototype, List<Assignment> assignments) {
        BitSet jumpTargets = jumpTargets(prototype.code);
        for (int pc = 0; pc < prototype.code.length; pc++) {
            int instruction = prototype.code[pc];
            if (Lua.GET_OPCODE(instruction) != Lua.OP_SETTABUP || !isEnv(prototype, Lua.GETARG_A(instruction))) {
                continue;
            }
            int key = Lua.GETARG_B(instruction);
            if (!Lua.ISK(key) || !prototype.k[Lua.INDEXK(key)].isstring()) {
                continue;
            }
            String name = prototype.k[Lua.INDEXK(key)].tojstring();
            int line = prototype.lineinfo != null && pc < prototype.lineinfo.length ? prototype.lineinfo[pc] : 0;
            int value = Lua.GETARG_C(instruction);
            if (Lua.ISK(value)) {
                assignments.add(new Assignment(name, line, false, Optional.of(prototype.k[Lua.INDEXK(value)])));
                continue;
            }
            // a register's value is known only from the instruction just before, when no jump lands between them
            int writer = pc > 0 && !jumpTargets.get(pc) ? prototype.code[pc - 1] : -1;
            boolean written = writer != -1 && Lua.GETARG_A(writer) == value;
            int opcode = written ? Lua.GET_OPCODE(writer) : -1;
            assignments.add(new Assignment(name, line, opcode == Lua.OP_CLOSURE, literal(prototype, writer, opcode)));
        }
        for (Prototype nested : prototype.p) {
            collect(nested, assignments);
        }
    }

    private static Optional<LuaValue> literal(Prototype prototype, int writer, int opcode) {
        if (opcode == Lua.OP_LOADK) {
            return Optional.of(prototype.k[Lua.GETARG_Bx(writer)]);
        }
        if (opcode == Lua.OP_LOADBOOL && Lua.GETARG_C(writer) == 0) {
            return Optional.of(LuaValue.valueOf(Lua.GETARG_B(writer) != 0));
        }
        if (opcode == Lua.OP_LOADNIL) {
            return Optional.of(LuaValue.NIL);
        }
        if (opcode == Lua.OP_NEWTABLE) {
            return Optional.of(new LuaTable());
        }
        return Optional.empty();
    }

    private static boolean isEnv(Prototype prototype, int upvalue) {
        return upvalue < prototype.upvalues.length
                && prototype.upvalues[upvalue].name != null
                && prototype.upvalues[upvalue].name.tojstring().equals("_ENV");
    }

    /** Instructions reached other than from the one before: jump targets and the ones a test or LOADBOOL skips to. */
    private static BitSet jumpTargets(int[] code) {
        BitSet targets = new BitSet(code.length + 2);
        for (int pc = 0; pc < code.length; pc++) {
            int instruction = code[pc];
            switch (Lua.GET_OPCODE(instruction)) {
                case Lua.OP_JMP:
                case Lua.OP_FORLOOP:
                case Lua.OP_FORPREP:
                case Lua.OP_TFORLOOP:
                    targets.set(Math.max(0, pc + 1 + Lua.GETARG_sBx(instruction)));
                    break;
                case Lua.OP_LOADBOOL:
                    if (Lua.GETARG_C(instruction) != 0) {
                        targets.set(pc + 2);
                    }
                    break;
                case Lua.OP_EQ:
                case Lua.OP_LT:
                case Lua.OP_LE:
                case Lua.OP_TEST:
                case Lua.OP_TESTSET:
                    targets.set(pc + 2);
                    break;
                default:
                    break;
            }
        }
        return targets;
    }
}
