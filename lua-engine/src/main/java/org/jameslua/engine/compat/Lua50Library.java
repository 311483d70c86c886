package org.jameslua.engine.compat;

import org.jameslua.engine.lib.Budget;
import org.jameslua.engine.lib.CIntegers;
import org.jameslua.engine.lib.Functions;
import org.jameslua.engine.lib.InstanceContext;
import org.jameslua.engine.lib.LuaEnvironment;
import org.jameslua.engine.lib.LuaLibrary;
import org.jameslua.engine.lib.MathFunctions;
import org.jameslua.engine.lib.StringBound;
import org.jameslua.engine.lib.StringMethods;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

/**
 * The Lua 5.0 (and 5.1) names that old VPOP3 scripts use and Lua 5.2 dropped: {@code table.getn},
 * {@code table.setn}, {@code table.foreach}, {@code table.foreachi}, {@code table.maxn},
 * {@code string.gfind}, {@code math.mod}, {@code math.log10}, {@code unpack}, {@code gcinfo},
 * {@code getfenv} and {@code setfenv}; and the functions that {@link Lua50Rewriter}'s rewritten source calls.
 * What 5.2 kept ({@code math.random}, {@code string.len}, {@code table.unpack}, ...) is left as it is.
 */
public final class Lua50Library implements LuaLibrary {
    /**
     * Called on a generic {@code for}'s expression list: a table becomes {@code next, t, nil}, as in 5.0. It and
     * {@link #PACK_ARG} are no globals, which a script could overwrite, but reached through the string metatable
     * (see {@link StringMethods#hide}).
     */
    public static final String FOR_IN = "__vpop3_forin";
    /** Called with a vararg function's {@code ...} to build 5.0's {@code arg} table. */
    public static final String PACK_ARG = "__vpop3_arg";
    /**
     * What rewritten source puts before their names: they are reached through the string metatable at each use,
     * never through a global or a local a script could assign to (see {@link StringMethods#hide}).
     */
    public static final String HIDDEN = "(\"\").";

    private static final LuaString GETN = LuaValue.valueOf("getn");
    private static final LuaString SETN = LuaValue.valueOf("setn");
    private static final LuaString FOREACH = LuaValue.valueOf("foreach");
    private static final LuaString FOREACHI = LuaValue.valueOf("foreachi");
    private static final LuaString MAXN = LuaValue.valueOf("maxn");
    private static final LuaString UNPACK = LuaValue.valueOf("unpack");
    private static final LuaString GFIND = LuaValue.valueOf("gfind");
    private static final LuaString MOD = LuaValue.valueOf("mod");
    private static final LuaString LOG10 = LuaValue.valueOf("log10");
    private static final LuaString GCINFO = LuaValue.valueOf("gcinfo");
    private static final LuaString GETFENV = LuaValue.valueOf("getfenv");
    private static final LuaString SETFENV = LuaValue.valueOf("setfenv");
    private static final LuaString TABLE = LuaValue.valueOf("table");
    private static final LuaString STRING = LuaValue.valueOf("string");
    private static final LuaString GMATCH = LuaValue.valueOf("gmatch");
    private static final LuaString MATH = LuaValue.valueOf("math");
    private static final LuaValue NEXT_FUNCTION =
            Functions.of("next", args -> args.checktable(1).next(args.arg(2)));
    // stateless, so one per server: a script cannot tell (Lua 5.2's C functions have one address per process too)
    private static final LuaValue MAXN_FUNCTION = Functions.of("maxn", args -> maxn(args.checktable(1)));
    private static final LuaValue GCINFO_FUNCTION = Functions.of("gcinfo", args -> {
        Runtime runtime = Runtime.getRuntime();
        long usedKb = (runtime.totalMemory() - runtime.freeMemory()) / 1024;
        return LuaValue.varargsOf(LuaValue.valueOf(usedKb), LuaValue.valueOf(runtime.totalMemory() / 1024));
    });
    private static final LuaString FOR_IN_KEY = LuaValue.valueOf(FOR_IN);
    private static final LuaString PACK_ARG_KEY = LuaValue.valueOf(PACK_ARG);

    static {
        StringMethods.hide(
                FOR_IN_KEY,
                Functions.of(
                        FOR_IN,
                        args -> isPlainTable(args.arg1())
                                ? LuaValue.varargsOf(NEXT_FUNCTION, args.arg1(), LuaValue.NIL)
                                : args));
        // LuaJ's tableOf(varargs, 1) sets n to the count as well, as 5.0's arg table has it
        StringMethods.hide(PACK_ARG_KEY, Functions.of(PACK_ARG, args -> LuaValue.tableOf(args, 1)));
    }

    @Override
    public void install(Globals globals, InstanceContext context) {
        TableSizes sizes = new TableSizes();
        Budget budget = context.budget();

        LuaTable table = globals.rawget(TABLE).checktable();
        table.rawset(GETN, Functions.of("getn", sizes, (z, args) -> LuaValue.valueOf(z.getn(args.checktable(1)))));
        table.rawset(SETN, Functions.of("setn", sizes, (z, args) -> {
            z.setn(args.checktable(1), args.checkint(2));
            return LuaValue.NONE;
        }));
        table.rawset(
                FOREACH,
                Functions.of("foreach", budget, (b, args) -> foreach(args.checktable(1), args.checkfunction(2), b)));
        table.rawset(
                FOREACHI,
                Functions.of("foreachi", args -> foreachi(args.checktable(1), args.checkfunction(2), sizes, budget)));
        table.rawset(MAXN, MAXN_FUNCTION);
        globals.rawset(UNPACK, Functions.of("unpack", sizes, (z, args) -> unpack(args, z)));

        LuaTable string = globals.rawget(STRING).checktable();
        // a function of its own, not gmatch under a second name: an argument error raised through pcall names the
        // function by the first name found holding it, and pcall(string.gmatch) must say gmatch
        string.rawset(GFIND, Functions.of("gfind", string.rawget(GMATCH), LuaValue::invoke));

        LuaTable math = globals.rawget(MATH).checktable();
        math.rawset(MOD, MathFunctions.MOD);
        math.rawset(LOG10, MathFunctions.LOG10);

        globals.rawset(GCINFO, GCINFO_FUNCTION);
        FunctionEnvironments environments = new FunctionEnvironments(globals, budget);
        globals.rawset(GETFENV, Functions.of("getfenv", environments, FunctionEnvironments::getfenv));
        globals.rawset(SETFENV, Functions.of("setfenv", environments, FunctionEnvironments::setfenv));
    }

    /** A table 5.2 would call as an iterator (one with {@code __call}) keeps 5.2's meaning. */
    private static boolean isPlainTable(LuaValue value) {
        if (!value.istable()) {
            return false;
        }
        LuaValue metatable = value.getmetatable();
        return metatable == null || metatable.rawget(LuaValue.CALL).isnil();
    }

    private static Varargs foreach(LuaTable table, LuaValue function, Budget budget) {
        LuaValue key = LuaValue.NIL;
        while (true) {
            Varargs entry = table.next(key);
            key = entry.arg1();
            if (key.isnil()) {
                return LuaValue.NONE;
            }
            LuaValue result = function.call(key, entry.arg(2));
            if (!result.isnil()) {
                return result;
            }
            budget.checkTime();
        }
    }

    private static Varargs foreachi(LuaTable table, LuaValue function, TableSizes sizes, Budget budget) {
        int n = sizes.getn(table);
        for (int i = 1; i <= n; i++) {
            LuaValue result = function.call(LuaValue.valueOf(i), table.rawget(i));
            if (!result.isnil()) {
                return result;
            }
            budget.checkTime();
        }
        return LuaValue.NONE;
    }

    private static Varargs maxn(LuaTable table) {
        double max = 0;
        LuaValue key = LuaValue.NIL;
        for (long keys = 1; ; keys++) {
            StringBound.lookEvery(keys);
            key = table.next(key).arg1();
            if (key.isnil()) {
                return LuaValue.valueOf(max);
            }
            if (key.type() == LuaValue.TNUMBER) {
                max = Math.max(max, key.todouble());
            }
        }
    }

    /** 5.0's unpack stops at {@code table.getn}, so {@code unpack(arg)} keeps nil arguments. */
    private static Varargs unpack(Varargs args, TableSizes sizes) {
        LuaTable table = args.checktable(1);
        // C ints, as Lua 5.0's luaL_optint casts them: 1e100 is 0
        int from = CIntegers.optionalInt(args, 2, 1);
        int to = args.isnoneornil(3) ? sizes.unpackEnd(table) : CIntegers.checkInt(args, 3);
        return LuaEnvironment.unpacked(table, from, to);
    }
}
