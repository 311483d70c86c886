package org.luaj.vm2.lib;

import org.luaj.vm2.Lua;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Prototype;
import org.luaj.vm2.UpValue;
import org.luaj.vm2.Varargs;

/**
 * Words a runtime error of LuaJ's VM as Lua 5.2's does, naming the variable that held the bad value
 * ({@code attempt to index local 'x' (a nil value)}); LuaJ wrote {@code attempt to index ? (a nil value)},
 * {@code index expected, got nil}, {@code attempt to call nil}. The patched {@code LuaClosure.processErrorHooks}
 * calls {@link #message} with the function's registers and upvalues when an error first leaves a Lua function; an
 * argument
 * error of a function it called is worded by {@link ArgumentError}. The value's
 * name comes from LuaJ's port of Lua's {@code getobjname} (symbolic execution of the bytecode up to the failing
 * instruction), which this class lives in LuaJ's package to call; which operand is blamed follows Lua 5.2's
 * {@code luaG_typeerror}, {@code luaG_aritherror}, {@code luaG_concaterror} and {@code luaG_ordererror}.
 */
public final class VariableNames {
    private static final LuaString UNKNOWN_KEY = LuaValue.valueOf("?");

    private VariableNames() {}

    /**
     * The error's message (with LuaJ's position prefix) as Lua 5.2 words it, or as LuaJ did when the failing
     * instruction and the message do not tell the same story (an error raised by a function the instruction
     * called, such as {@code error("attempt to call")}).
     */
    public static String message(
            LuaError error, Prototype p, int pc, LuaValue[] stack, int top, Varargs varargs, UpValue[] upvalues) {
        String message = error.getMessage();
        if (message == null || p.code == null || pc < 0 || pc >= p.code.length) {
            return message;
        }
        if (error instanceof ArgumentError) {
            CallArguments call = CallArguments.of(p, pc, stack, top, varargs);
            String worded = call == null ? null : ((ArgumentError) error).forCall(call);
            return worded != null ? worded : message;
        }
        int i = p.code[pc];
        int op = Lua.GET_OPCODE(i);
        int a = Lua.GETARG_A(i);
        int b = Lua.GETARG_B(i);
        int c = Lua.GETARG_C(i);
        switch (op) {
            case Lua.OP_GETTABLE:
            case Lua.OP_SELF:
                return index(message, p, pc, register(stack, b), b);
            case Lua.OP_SETTABLE:
                return register(stack, a).type() == LuaValue.TSTRING
                        ? assignedString(message, p, pc, register(stack, a), a)
                        : index(message, p, pc, register(stack, a), a);
            case Lua.OP_GETTABUP:
                return upvalueIndex(message, p, upvalues, b);
            case Lua.OP_SETTABUP:
                return upvalueIndex(message, p, upvalues, a);
            case Lua.OP_CALL:
            case Lua.OP_TAILCALL:
                return register(stack, a).isfunction()
                        ? message
                        : typeError(message, "attempt to call", "call", p, pc, register(stack, a), a);
            case Lua.OP_ADD:
            case Lua.OP_SUB:
            case Lua.OP_MUL:
            case Lua.OP_DIV:
            case Lua.OP_MOD:
            case Lua.OP_POW:
                return arithmetic(message, p, pc, stack, b, c);
            case Lua.OP_UNM:
                return arithmetic(message, p, pc, stack, b, b);
            case Lua.OP_LEN:
                return register(stack, b).istable() || register(stack, b).type() == LuaValue.TSTRING
                        ? message
                        : typeError(message, "attempt to get length", "get length of", p, pc, register(stack, b), b);
            case Lua.OP_CONCAT:
                return concatenation(message, p, pc, stack, b, c);
            case Lua.OP_LT:
            case Lua.OP_LE:
                return order(message, rk(p, stack, b), rk(p, stack, c));
            default:
                return message;
        }
    }

    private static String index(String message, Prototype p, int pc, LuaValue value, int register) {
        if (value.istable() || value.type() == LuaValue.TSTRING) {
            // a metatable's __index chain failed further on, on a value held in no variable
            return unnamedIndex(message);
        }
        String named = typeError(message, "attempt to index", "index", p, pc, value, register);
        return named == message ? typeError(message, "index expected", "index", p, pc, value, register) : named;
    }

    /**
     * Assigning to a field of a string: strings' metatable has no {@code __newindex}, so the string itself is what
     * cannot be indexed, as Lua 5.2 says ({@code attempt to index local 's' (a string value)}; LuaJ wrote
     * {@code index expected, got string}).
     */
    private static String assignedString(String message, Prototype p, int pc, LuaValue value, int register) {
        String named = typeError(message, "index expected", "index", p, pc, value, register);
        return named == message ? typeError(message, "attempt to index", "index", p, pc, value, register) : named;
    }

    /**
     * LuaJ's {@code attempt to index ? (a number value)}, and its {@code index expected, got number} of a
     * {@code __newindex} chain, as Lua's {@code attempt to index a number value}.
     */
    private static String unnamedIndex(String message) {
        int at = phrase(message, "index expected, got ");
        if (at >= 0) {
            return message.substring(0, at) + "attempt to index a " + typeIn(message.substring(at)) + " value";
        }
        return message.replace("attempt to index ? (a ", "attempt to index a ").replaceFirst(" value\\)$", " value");
    }

    /**
     * Indexing an upvalue itself ({@code _ENV.x} when _ENV is nil, {@code s.x = 1} of a string); when it holds a
     * table, its metatable's {@code __index} or {@code __newindex} chain failed further on, on a value held in no
     * variable ({@code attempt to index a boolean value}, as Lua 5.2, where LuaJ named the upvalue).
     */
    private static String upvalueIndex(String message, Prototype p, UpValue[] upvalues, int upvalue) {
        if (upvalue < upvalues.length
                && upvalues[upvalue] != null
                && upvalues[upvalue].getValue().istable()) {
            return unnamedIndex(message);
        }
        int at = phrase(message, "attempt to index");
        if (at < 0) {
            at = phrase(message, "index expected");
        }
        if (at < 0 || p.upvalues == null || upvalue >= p.upvalues.length || p.upvalues[upvalue].name == null) {
            return message;
        }
        String type = typeIn(message.substring(at));
        if (type == null) {
            return message;
        }
        return message.substring(0, at) + "attempt to index upvalue '" + p.upvalues[upvalue].name.tojstring() + "' (a "
                + type + " value)";
    }

    /** Lua blames the first operand unless it is a number (or a string that reads as one), then the second. */
    private static String arithmetic(String message, Prototype p, int pc, LuaValue[] stack, int b, int c) {
        int blamed = rk(p, stack, b).tonumber().isnil() ? b : c;
        LuaValue value = rk(p, stack, blamed);
        if (!value.tonumber().isnil()) {
            return message;
        }
        return typeError(message, "attempt to perform arithmetic", "perform arithmetic on", p, pc, value, blamed);
    }

    /**
     * Lua 5.2's {@code luaV_concat} over registers b..c: from the right, a pair of strings or numbers joins the run
     * of them on its left, and any other pair calls the {@code __concat} of its left value, else of its right one,
     * whose result takes the pair's left register. The first pair with neither fails, blaming its left value unless
     * that is a string or number, named by its register, of the type the value in it then had: a metamethod's
     * result, which LuaJ keeps in no register, is known only from LuaJ's {@code attempt to concatenate T1 and T2}
     * (and taken to be of that type on the way there). A {@code __concat} that cannot be called is called from the
     * register above the pair, which Lua names by what last set it ({@code attempt to call constant 'z'}).
     */
    private static String concatenation(String message, Prototype p, int pc, LuaValue[] stack, int b, int c) {
        String[] failed = concatenatedTypes(message);
        int top = c;
        // the pair's right value, null once it is a metamethod's result
        LuaValue right = register(stack, c);
        while (top > b) {
            LuaValue left = register(stack, top - 1);
            boolean rightText = right != null ? right.isstring() : failed != null && isText(failed[1]);
            if (left.isstring() && rightText) {
                top--;
                while (top > b && register(stack, top - 1).isstring()) {
                    top--;
                }
                right = register(stack, top).isstring() ? LuaValue.EMPTYSTRING : null;
                continue;
            }
            LuaValue handler = left.metatag(LuaValue.CONCAT);
            if (handler.isnil() && right != null) {
                handler = right.metatag(LuaValue.CONCAT);
            }
            if (handler.isnil()) {
                if (failed == null) {
                    return message;
                }
                boolean blameLeft = !left.isstring();
                return typeError(
                        message,
                        "attempt to concatenate",
                        "concatenate",
                        p,
                        pc,
                        register(stack, blameLeft ? top - 1 : top),
                        blameLeft ? failed[0] : failed[1],
                        blameLeft ? top - 1 : top);
            }
            if (!handler.isfunction() && phrase(message, "attempt to call") >= 0) {
                return top + 1 < p.maxstacksize
                        ? typeError(
                                message,
                                "attempt to call",
                                "call",
                                p,
                                pc,
                                register(stack, top + 1),
                                handler.typename(),
                                top + 1)
                        : message;
            }
            top--;
            right = null;
        }
        return message;
    }

    /** The types in LuaJ's {@code attempt to concatenate T1 and T2}, or null for another message. */
    private static String[] concatenatedTypes(String message) {
        int at = phrase(message, "attempt to concatenate ");
        if (at < 0) {
            return null;
        }
        String[] types =
                message.substring(at + "attempt to concatenate ".length()).split(" and ");
        return types.length == 2 ? types : null;
    }

    private static boolean isText(String type) {
        return type.equals("string") || type.equals("number");
    }

    private static String order(String message, LuaValue left, LuaValue right) {
        int at = phrase(message, "attempt to compare");
        if (at < 0) {
            return message;
        }
        String t1 = left.typename();
        String t2 = right.typename();
        return message.substring(0, at)
                + (t1.equals(t2)
                        ? "attempt to compare two " + t1 + " values"
                        : "attempt to compare " + t1 + " with " + t2);
    }

    /**
     * {@code attempt to <operation> <kind> '<name>' (a <type> value)}, or {@code attempt to <operation> a <type>
     * value} for a value no variable holds (a constant, a temporary), replacing LuaJ's message from
     * {@code luajPhrase} on; the message as it was when it holds no such phrase.
     */
    private static String typeError(
            String message, String luajPhrase, String operation, Prototype p, int pc, LuaValue value, int rk) {
        return typeError(message, luajPhrase, operation, p, pc, value, value.typename(), rk);
    }

    /**
     * As above, for a value of {@code type} in a register that LuaJ left holding {@code held}, what last set it (a
     * metamethod's result took its place in Lua's register): Lua names a constant when it is a string.
     */
    private static String typeError(
            String message,
            String luajPhrase,
            String operation,
            Prototype p,
            int pc,
            LuaValue held,
            String type,
            int rk) {
        int at = phrase(message, luajPhrase);
        if (at < 0) {
            return message;
        }
        DebugLib.NameWhat name = Lua.ISK(rk) ? null : DebugLib.getobjname(p, pc, rk);
        if (name != null && name.namewhat.equals("constant") && held.type() != LuaValue.TSTRING) {
            // Lua names only string constants; LuaJ's isstring() holds for numbers too
            name = null;
        }
        String words = name == null
                ? "attempt to " + operation + " a " + type + " value"
                : "attempt to " + operation + " " + name.namewhat + " '" + upToZero(name.name) + "' (a " + type
                        + " value)";
        return message.substring(0, at) + words;
    }

    /** Where LuaJ's message proper starts after its position prefix, or -1 when it is not {@code phrase}'s. */
    private static int phrase(String message, String phrase) {
        int at = message.indexOf(phrase);
        if (at < 0) {
            return -1;
        }
        return at == 0 || message.charAt(at - 1) == ' ' ? at : -1;
    }

    /** The type in LuaJ's {@code attempt to index ? (a nil value)} or {@code index expected, got nil}. */
    private static String typeIn(String luajMessage) {
        if (luajMessage.startsWith("index expected, got ")) {
            return luajMessage.substring("index expected, got ".length());
        }
        int open = luajMessage.indexOf("(a ");
        int close = luajMessage.indexOf(" value)");
        return open >= 0 && close > open ? luajMessage.substring(open + 3, close) : null;
    }

    /**
     * Lua's {@code kname}, behind the name of a field ({@code field 'x'}, {@code global 'f'}, {@code method 'm'}):
     * the key's text when it is a string constant, else {@code ?}. The patched {@code DebugLib.kname} calls it:
     * LuaJ's took a number constant for a name ({@code t[1]} named {@code field '1'}).
     */
    public static LuaString keyName(Prototype p, int rk) {
        return Lua.ISK(rk) && p.k[Lua.INDEXK(rk)].type() == LuaValue.TSTRING
                ? (LuaString) p.k[Lua.INDEXK(rk)]
                : UNKNOWN_KEY;
    }

    /**
     * As {@link #keyName(Prototype, int)}, and a key in a register is named by what set it when that was a string
     * constant, as Lua 5.2's {@code kname} does: past a function's 256th constant, {@code t.name} and a global
     * {@code name} load their key with {@code LOADK} (LuaJ named them {@code '?'}). {@code pc} is the instruction
     * that uses the key.
     */
    public static LuaString keyName(Prototype p, int rk, int pc) {
        if (Lua.ISK(rk)) {
            return keyName(p, rk);
        }
        if (p.getlocalname(rk + 1, pc) != null) {
            return UNKNOWN_KEY;
        }
        int setter = DebugLib.findsetreg(p, pc, rk);
        if (setter < 0) {
            return UNKNOWN_KEY;
        }
        int i = p.code[setter];
        int op = Lua.GET_OPCODE(i);
        int k = op == Lua.OP_LOADK ? Lua.GETARG_Bx(i) : op == Lua.OP_LOADKX ? Lua.GETARG_Ax(p.code[setter + 1]) : -1;
        return k >= 0 && p.k[k].type() == LuaValue.TSTRING ? (LuaString) p.k[k] : UNKNOWN_KEY;
    }

    /**
     * The register holding the function the instruction at {@code pc} calls (a call, a tail call, a generic
     * {@code for}'s iterator), or -1 for an instruction that calls none or only a metamethod.
     */
    public static int calledRegister(Prototype p, int pc) {
        if (p.code == null || pc < 0 || pc >= p.code.length) {
            return -1;
        }
        int op = Lua.GET_OPCODE(p.code[pc]);
        return op == Lua.OP_CALL || op == Lua.OP_TAILCALL || op == Lua.OP_TFORCALL ? Lua.GETARG_A(p.code[pc]) : -1;
    }

    /**
     * Lua 5.2's {@code getfuncname} for the function the instruction at {@code pc} calls: the name of the variable
     * that held it ({@code 'print'}, {@code 'm'} of {@code t:m()}), {@code for iterator}; null when none held it.
     */
    public static String calledName(Prototype p, int pc) {
        int register = calledRegister(p, pc);
        if (register < 0) {
            return null;
        }
        if (Lua.GET_OPCODE(p.code[pc]) == Lua.OP_TFORCALL) {
            return "for iterator";
        }
        DebugLib.NameWhat name = DebugLib.getobjname(p, pc, register);
        return name == null ? null : upToZero(name.name);
    }

    /** A name as Lua 5.2 writes it into a message, a C string: up to its first zero byte ({@code t["a\0b"]}). */
    private static String upToZero(String name) {
        int zero = name.indexOf('\0');
        return zero < 0 ? name : name.substring(0, zero);
    }

    /** The event of the metamethod the instruction at {@code pc} may call ({@code __index}), as Lua 5.2 names it. */
    public static String metamethodName(Prototype p, int pc) {
        if (p.code == null || pc < 0 || pc >= p.code.length) {
            return null;
        }
        switch (Lua.GET_OPCODE(p.code[pc])) {
            case Lua.OP_SELF:
            case Lua.OP_GETTABUP:
            case Lua.OP_GETTABLE:
                return "__index";
            case Lua.OP_SETTABUP:
            case Lua.OP_SETTABLE:
                return "__newindex";
            case Lua.OP_EQ:
                return "__eq";
            case Lua.OP_ADD:
                return "__add";
            case Lua.OP_SUB:
                return "__sub";
            case Lua.OP_MUL:
                return "__mul";
            case Lua.OP_DIV:
                return "__div";
            case Lua.OP_MOD:
                return "__mod";
            case Lua.OP_POW:
                return "__pow";
            case Lua.OP_UNM:
                return "__unm";
            case Lua.OP_LEN:
                return "__len";
            case Lua.OP_LT:
                return "__lt";
            case Lua.OP_LE:
                return "__le";
            case Lua.OP_CONCAT:
                return "__concat";
            default:
                return null;
        }
    }

    private static LuaValue rk(Prototype p, LuaValue[] stack, int rk) {
        return Lua.ISK(rk) ? p.k[rk & 0xff] : register(stack, rk);
    }

    /** A register's value; nil for one LuaJ has not filled, so wording an error never raises another. */
    private static LuaValue register(LuaValue[] stack, int register) {
        LuaValue value = register < stack.length ? stack[register] : null;
        return value == null ? LuaValue.NIL : value;
    }
}
