package org.luaj.vm2.lib;

import org.luaj.vm2.Lua;
import org.luaj.vm2.Prototype;

/**
 * Lua 5.2.4's {@code findsetreg}, behind the name an error gives a value ({@code local 'x'}, {@code constant 'x'}):
 * the last instruction before {@code lastpc} that wrote a register, or -1 when a forward jump may have skipped it,
 * so that the value of {@code (b and f or "x")()} is named by nothing ({@code attempt to call a string value}).
 * LuaJ's {@code DebugLib.findsetreg} is 5.2.0's, which followed the jump over the code it skips and so took the
 * last branch's {@code "x"} for the value ({@code constant 'x'}); the patched one calls this.
 */
public final class RegisterWrites {
    private RegisterWrites() {}

    public static int last(Prototype p, int lastpc, int reg) {
        int setreg = -1;
        // any code before this address is conditional: a forward jump that does not pass lastpc lands here
        int jumpTarget = 0;
        for (int pc = 0; pc < lastpc; pc++) {
            int i = p.code[pc];
            int op = Lua.GET_OPCODE(i);
            int a = Lua.GETARG_A(i);
            boolean writes;
            switch (op) {
                case Lua.OP_LOADNIL:
                    writes = a <= reg && reg <= a + Lua.GETARG_B(i);
                    break;
                case Lua.OP_TFORCALL:
                    writes = reg >= a + 2;
                    break;
                case Lua.OP_CALL:
                case Lua.OP_TAILCALL:
                    writes = reg >= a;
                    break;
                case Lua.OP_JMP:
                    int destination = pc + 1 + Lua.GETARG_sBx(i);
                    if (pc < destination && destination <= lastpc && destination > jumpTarget) {
                        jumpTarget = destination;
                    }
                    writes = false;
                    break;
                case Lua.OP_TEST:
                    writes = reg == a;
                    break;
                default:
                    writes = Lua.testAMode(op) && reg == a;
                    break;
            }
            if (writes) {
                setreg = pc < jumpTarget ? -1 : pc;
            }
        }
        return setreg;
    }
}
