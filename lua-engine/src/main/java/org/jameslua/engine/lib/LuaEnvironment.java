package org.jameslua.engine.lib;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.jameslua.engine.Limits;
import org.jameslua.engine.lib.patterns.StringPatterns;
import org.jameslua.luaj.RunningInstance;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.compiler.LuaC;
import org.luaj.vm2.lib.ArgumentError;
import org.luaj.vm2.lib.BaseLib;
import org.luaj.vm2.lib.CoroutineLib;
import org.luaj.vm2.lib.OneArgFunction;
import org.luaj.vm2.lib.StringLib;
import org.luaj.vm2.lib.TableLib;
import org.luaj.vm2.lib.jse.JseMathLib;

/**
 * Builds the globals of a new script instance: Lua's standard library as VPOP3 changed it, plus the helpers,
 * as the {@link Sandbox} table lists them.
 *
 * <p>Every SMTP connection makes an instance, so this runs often and is kept cheap. The stateless library
 * functions (most of the base library, string, table, math, bit32, {@code coroutine.status}) are created
 * once per engine, with their names already encoded as Lua strings; each instance gets its own tables,
 * sized up front, holding them, so what one script changes no other sees. Function values cannot be changed
 * from Lua ({@code setfenv} refuses host functions), so sharing them is safe. Everything that holds state or
 * reaches outside the VM is made per instance. Only the names the table shares are copied from LuaJ's libraries,
 * so LuaJ's {@code luajava}, {@code package} searchers, {@code debug} library and binary chunk loader are never
 * installed; the table's refusals are put in place last.
 */
public final class LuaEnvironment {
    /**
     * Makes LuaJ report errors as plain Lua does: {@code chunk:line: message}, without a traceback appended.
     * Installed as each of the instance's threads' error function, which LuaJ calls with the text of every error it
     * positions.
     */
    static LuaValue plainErrors(Budget budget) {
        return new OneArgFunction() {
            @Override
            public LuaValue call(LuaValue message) {
                return LuaValue.valueOf(budget.withColon(message.tojstring()));
            }
        };
    }

    /** Room for the standard names and the helpers' (about 45) before a script adds its own functions. */
    private static final int GLOBALS_SIZE = 64;

    private static final LuaString G = LuaValue.valueOf("_G");
    private static final LuaString VERSION = LuaValue.valueOf("_VERSION");
    private static final LuaString LUA_VERSION = LuaValue.valueOf("Lua 5.2");
    private static final LuaString PCALL = LuaValue.valueOf("pcall");
    private static final LuaString XPCALL = LuaValue.valueOf("xpcall");
    private static final LuaString ERROR = LuaValue.valueOf("error");
    private static final LuaString ASSERT = LuaValue.valueOf("assert");
    private static final LuaString ASSERTION_FAILED = LuaValue.valueOf("assertion failed!");
    private static final LuaString TONUMBER = LuaValue.valueOf("tonumber");
    private static final LuaValue TONUMBER_FUNCTION = Functions.of("tonumber", Numerals::tonumber);
    private static final LuaString IPAIRS = LuaValue.valueOf("ipairs");
    private static final LuaString PAIRS = LuaValue.valueOf("pairs");
    private static final LuaString SETMETATABLE = LuaValue.valueOf("setmetatable");
    private static final LuaString RAWLEN = LuaValue.valueOf("rawlen");
    private static final LuaString RAWGET = LuaValue.valueOf("rawget");
    private static final LuaString RAWSET = LuaValue.valueOf("rawset");
    private static final LuaString SELECT = LuaValue.valueOf("select");
    private static final LuaString TOSTRING = LuaValue.valueOf("tostring");
    private static final LuaString TOSTRING_METAMETHOD = LuaValue.valueOf("__tostring");
    private static final LuaValue PAIRS_METAMETHOD = LuaValue.valueOf("__pairs");
    private static final LuaValue IPAIRS_METAMETHOD = LuaValue.valueOf("__ipairs");
    private static final LuaString PACKAGE = LuaValue.valueOf("package");
    private static final LuaString LOADED = LuaValue.valueOf("loaded");
    private static final LuaString PRELOAD = LuaValue.valueOf("preload");
    private static final LuaString PATH = LuaValue.valueOf("path");
    private static final LuaString PATH_VALUE = LuaValue.valueOf("./?.lua");
    private static final LuaString CONFIG = LuaValue.valueOf("config");
    private static final LuaString CONFIG_VALUE = LuaValue.valueOf("/\n;\n?\n!\n-\n");
    private static final LuaString STRING = LuaValue.valueOf("string");
    private static final LuaString TABLE = LuaValue.valueOf("table");
    private static final LuaString MATH = LuaValue.valueOf("math");
    private static final LuaString BIT32 = LuaValue.valueOf("bit32");
    private static final LuaString COROUTINE = LuaValue.valueOf("coroutine");
    private static final LuaString REP = LuaValue.valueOf("rep");
    private static final LuaString FORMAT = LuaValue.valueOf("format");
    private static final LuaString CONCAT = LuaValue.valueOf("concat");
    private static final LuaString RANDOM = LuaValue.valueOf("random");
    private static final LuaString RANDOMSEED = LuaValue.valueOf("randomseed");
    private static final LuaString CREATE = LuaValue.valueOf("create");
    private static final LuaString WRAP = LuaValue.valueOf("wrap");
    private static final LuaString RESUME = LuaValue.valueOf("resume");
    private static final LuaString RUNNING = LuaValue.valueOf("running");
    private static final LuaString STATUS = LuaValue.valueOf("status");
    private static final LuaString YIELD = LuaValue.valueOf("yield");

    /**
     * As Lua 5.2, which cannot return more values than its stack holds (LUAI_MAXSTACK): LuaJ would otherwise
     * build an array of that many values in one allocation, before any budget could see it.
     */
    public static final int MAX_RESULTS = 1_000_000;

    /**
     * What one value of a function's results takes at most, its reference in the array of results and its box: the
     * size {@link StringBound#checkLargeAllocation} is told before up to {@link #MAX_RESULTS} of them are made.
     */
    private static final long VALUE_BYTES = 24;

    private final Template baseTemplate;
    private final Template stringTemplate;
    private final Template tableTemplate;
    private final Template mathTemplate;
    private final Template bit32Template;
    private final LuaValue status;
    private final List<LuaLibrary> libraries;

    public LuaEnvironment(List<LuaLibrary> libraries) {
        this.libraries = List.copyOf(libraries);
        Globals template = new Globals();
        LuaTable packageTable = new LuaTable();
        packageTable.set("loaded", new LuaTable());
        template.set("package", packageTable);
        template.load(new BaseLib());
        template.load(new StringLib());
        template.load(new TableLib());
        template.load(new JseMathLib());
        template.load(new CoroutineLib());
        template.rawset(VERSION, LUA_VERSION);
        template.rawset(TONUMBER, TONUMBER_FUNCTION);
        template.rawset(IPAIRS, iteration("ipairs", IPAIRS_METAMETHOD, template.get("ipairs")));
        template.rawset(PAIRS, iteration("pairs", PAIRS_METAMETHOD, template.get("pairs")));
        template.rawset(SETMETATABLE, checkedMetatable(template.get("setmetatable")));
        template.rawset(RAWLEN, Functions.of("rawlen", LuaEnvironment::rawlen));
        template.rawset(RAWGET, tableFirst("rawget", template.get("rawget")));
        template.rawset(RAWSET, tableFirst("rawset", template.get("rawset")));
        template.rawset(SELECT, Functions.of("select", LuaEnvironment::select));
        template.rawset(TOSTRING, numberAsText(template.get("tostring")));
        this.baseTemplate = new Template(template, "");
        // the bounded versions of LuaJ's functions that need no budget go into the templates themselves
        LuaTable string = (LuaTable) template.get("string");
        string.rawset("byte", Functions.of("byte", LuaEnvironment::bytes));
        string.rawset("upper", Functions.of("upper", args -> asciiCase(args.checkstring(1), true)));
        string.rawset("lower", Functions.of("lower", args -> asciiCase(args.checkstring(1), false)));
        string.rawset("sub", Functions.of("sub", LuaEnvironment::sub));
        string.rawset("reverse", boundedByFirstArgument("reverse", string.rawget("reverse")));
        string.rawset("char", bytesAsChars());
        this.stringTemplate = new Template(string, "string");
        LuaTable table = (LuaTable) template.get("table");
        table.rawset("unpack", boundedUnpack());
        TableFunctions.install(table);
        this.tableTemplate = new Template(table, "table");
        LuaTable math = (LuaTable) template.get("math");
        MathFunctions.install(math);
        this.mathTemplate = new Template(math, "math");
        LuaTable bit32 = Bit32Functions.create();
        this.bit32Template = new Template(bit32, "bit32");
        this.status = template.get("coroutine").get("status");
        StringMethods.install(stringTemplate.copy());
    }

    /** LuaJ's rawget or rawset, its table checked first, as Lua 5.2's (LuaJ looked at the key first). */
    private static LuaValue tableFirst(String name, LuaValue luajFunction) {
        return Functions.of(name, args -> {
            args.checktable(1);
            return luajFunction.invoke(args);
        });
    }

    /** LuaJ's setmetatable, with Lua 5.2's check of the metatable (LuaJ: "table expected, got number"). */
    private static LuaValue checkedMetatable(LuaValue luajSetmetatable) {
        return Functions.of("setmetatable", args -> {
            args.checktable(1);
            LuaValue metatable = args.arg(2);
            if (args.narg() < 2 || !metatable.isnil() && !metatable.istable()) {
                throw ArgumentError.problem(2, "nil or table expected");
            }
            return luajSetmetatable.invoke(args);
        });
    }

    /** Lua 5.2's rawlen, whose error names the argument (LuaJ's: "table or string expected, got number"). */
    private static Varargs rawlen(Varargs args) {
        LuaValue value = args.arg1();
        if (value.type() != LuaValue.TTABLE && value.type() != LuaValue.TSTRING) {
            throw ArgumentError.problem(1, "table or string expected");
        }
        return LuaValue.valueOf(value.rawlen());
    }

    /**
     * Lua 5.2's select: any string starting with {@code #} counts (LuaJ wanted {@code "#"} itself), and the index is
     * a C int, read as {@link CIntegers} reads it.
     */
    private static Varargs select(Varargs args) {
        int n = args.narg();
        LuaValue first = args.arg1();
        if (first.type() == LuaValue.TSTRING
                && first.checkstring().length() > 0
                && first.checkstring().luaByte(0) == '#') {
            return LuaValue.valueOf(n - 1);
        }
        int i = (int) CIntegers.check(args, 1);
        if (i < 0) {
            i = n + i;
        } else if (i > n) {
            i = n;
        }
        if (i < 1) {
            throw ArgumentError.problem(1, "index out of range");
        }
        return args.subargs(i + 1);
    }

    /**
     * LuaJ's tostring, but a number that {@code __tostring} returned comes back as text, as Lua 5.2's
     * {@code luaL_tolstring} converts it in place (anything else it returned is returned as it is, in 5.2 too).
     */
    private static LuaValue numberAsText(LuaValue luajTostring) {
        return Functions.of("tostring", args -> {
            if (args.narg() == 0) {
                return luajTostring.invoke(args);
            }
            LuaValue handler = args.arg1().metatag(TOSTRING_METAMETHOD);
            LuaValue text;
            if (!handler.isnil()) {
                MetamethodCalls.callable(handler);
                text = CallBoundary.call(luajTostring, args.arg1());
            } else {
                text = luajTostring.call(args.arg1());
            }
            return text.type() == LuaValue.TNUMBER ? text.tostring() : text;
        });
    }

    private static LuaValue iteration(String name, LuaValue metamethodName, LuaValue luajIteration) {
        return Functions.of(name, args -> {
            LuaValue metamethod = args.arg1().metatag(metamethodName);
            if (!metamethod.isnil()) {
                Varargs three = CallBoundary.invoke(MetamethodCalls.callable(metamethod), args.arg1());
                return LuaValue.varargsOf(three.arg(1), three.arg(2), three.arg(3));
            }
            return luajIteration.invoke(args);
        });
    }

    /**
     * The globals of a new instance, metered by a new budget and bound to the given context; {@code turns} and
     * {@code together} are what the engine's calls under way share: the turns at the cores, and what they may allocate.
     */
    public Globals create(
            InstanceContext context,
            Limits limits,
            CallWatchdog watchdog,
            CoreTurns turns,
            AllocationTogether together) {
        Globals globals = new Globals();
        globals.presize(0, GLOBALS_SIZE);
        Budget budget = new Budget(limits, globals, watchdog, turns, together);
        context.budget(budget);
        globals.debuglib = budget;
        globals.running.errorfunc = plainErrors(budget);
        LuaC.install(globals);
        globals.undumper = null;
        globals.finder = name -> null;

        baseTemplate.copyInto(globals);
        globals.rawset(G, globals);
        globals.rawset(PCALL, new ProtectedCall(globals, false));
        globals.rawset(XPCALL, new ProtectedCall(globals, true));
        globals.rawset(ERROR, Functions.of("error", budget, (b, args) -> {
            LuaValue value = args.arg1();
            int level = args.optint(2, 1);
            boolean positioned = level > 0 && (value.type() == LuaValue.TSTRING || value.type() == LuaValue.TNUMBER);
            throw new RaisedError(
                    positioned ? ScriptText.joined(LuaValue.valueOf(b.where(level)), value.strvalue()) : value);
        }));
        // as error, the position is put in front of the message without copying the message into Java (LuaJ's
        // assert copied it there and back five times)
        globals.rawset(ASSERT, Functions.of("assert", budget, (b, args) -> {
            if (args.arg1().toboolean()) {
                return args;
            }
            LuaString message = args.isnoneornil(2) ? ASSERTION_FAILED : args.checkstring(2);
            // Lua 5.2 formats the message with "%s", as a C string: a zero byte ends it
            int zero = message.indexOf((byte) 0, 0);
            if (zero >= 0) {
                message = message.substring(0, zero);
            }
            throw new RaisedError(ScriptText.joined(LuaValue.valueOf(b.where(1)), message));
        }));
        LuaTable loaded = new LuaTable(0, 16);
        LuaTable packageTable = new LuaTable(0, 8);
        packageTable.rawset(LOADED, loaded);
        packageTable.rawset(PRELOAD, new LuaTable());
        packageTable.rawset(PATH, PATH_VALUE);
        packageTable.rawset(CONFIG, CONFIG_VALUE);
        globals.rawset(PACKAGE, packageTable);
        loaded.rawset(G, globals);
        loaded.rawset(PACKAGE, packageTable);

        LuaTable string = stringTemplate.copy();
        string.rawset(REP, boundedRep(budget));
        string.rawset(FORMAT, new StringFormat(budget).function());
        StringPatterns.install(string, budget);
        install(globals, loaded, STRING, string);
        context.running(new RunningInstance(budget, string));
        LuaTable table = tableTemplate.copy();
        table.rawset(CONCAT, boundedConcat(budget));
        install(globals, loaded, TABLE, table);
        LuaTable math = mathTemplate.copy();
        installRandom(math);
        install(globals, loaded, MATH, math);
        install(globals, loaded, BIT32, bit32Template.copy());

        LuaTable coroutine = new LuaTable(0, 8);
        coroutine.rawset(
                CREATE, Functions.of("create", args -> context.coroutines().create(globals, args.arg1(), context)));
        coroutine.rawset(WRAP, Functions.of("wrap", args -> context.coroutines().wrap(globals, args.arg1(), context)));
        coroutine.rawset(
                RESUME,
                Functions.of(
                        "resume", context, (c, args) -> Coroutines.resume(args.checkthread(1), args.subargs(2), c)));
        coroutine.rawset(
                RUNNING,
                Functions.of(
                        "running",
                        globals,
                        (g, args) -> LuaValue.varargsOf(g.running, LuaValue.valueOf(g.running.isMainThread()))));
        coroutine.rawset(STATUS, status);
        coroutine.rawset(YIELD, Coroutines.yield(globals, context));
        install(globals, loaded, COROUTINE, coroutine);

        for (LuaLibrary library : libraries) {
            library.install(globals, context);
        }
        Sandbox.enforce(globals, context);
        return globals;
    }

    private static void install(Globals globals, LuaTable loaded, LuaString name, LuaTable library) {
        globals.rawset(name, library);
        loaded.rawset(name, library);
    }

    private static LuaValue boundedRep(Budget budget) {
        return Functions.of("rep", budget, (b, args) -> {
            var s = args.checkstring(1);
            // a C int in Lua 5.2: 2^31 wraps to a negative count, which repeats nothing
            long n = Math.max(0, (int) args.checklong(2));
            var sep = args.optstring(3, LuaValue.EMPTYSTRING);
            long length = n == 0 ? 0 : n * s.length() + (n - 1) * sep.length();
            b.checkStringLength(length);
            b.checkLargeAllocation(length);
            // repeating nothing 2^53 times would still loop 2^53 times, in Java, out of reach of the bounds
            if (length == 0) {
                return LuaValue.EMPTYSTRING;
            }
            byte[] result = new byte[(int) length];
            int first = s.length();
            s.copyInto(0, result, 0, first);
            int filled = first;
            if (n > 1) {
                sep.copyInto(0, result, filled, sep.length());
                s.copyInto(0, result, filled + sep.length(), first);
                filled += sep.length() + first;
            }
            // what follows the first copy is whole separator-and-copy units: double them until full
            while (filled < result.length) {
                int chunk = Math.min(filled - first, result.length - filled);
                System.arraycopy(result, first, result, filled, chunk);
                filled += chunk;
            }
            return LuaString.valueUsing(result);
        });
    }

    /**
     * Lua 5.2's {@code table.concat}, its length checked against the string bound before anything is copied.
     * Indices are Lua 5.2's C ints; the loop counts in longs, so a range ending at 2^31-1 ends.
     */
    private static LuaValue boundedConcat(Budget budget) {
        return Functions.of("concat", budget, (b, args) -> {
            // Lua 5.2 reads the separator before it checks the table
            LuaString sep = args.optstring(2, LuaValue.EMPTYSTRING);
            LuaTable list = args.checktable(1);
            long from = CIntegers.optionalInt(args, 3, 1);
            long to = args.isnoneornil(4) ? TableFunctions.length(list) : CIntegers.checkInt(args, 4);
            long total = 0;
            for (long i = from; i <= to; i++) {
                LuaValue item = list.rawget((int) i);
                if (!item.isstring()) {
                    throw new org.luaj.vm2.LuaError(
                            "invalid value (" + item.typename() + ") at index " + i + " in table for 'concat'");
                }
                total += item.strvalue().length() + (i < to ? sep.length() : 0);
                b.checkStringLength(total);
                // each number item becomes a new string here: a million of them in one call
                StringBound.lookEvery(i);
            }
            b.checkLargeAllocation(total);
            byte[] result = new byte[(int) total];
            int at = 0;
            for (long i = from; i <= to; i++) {
                LuaString item = list.rawget((int) i).strvalue();
                StringBound.lookEvery(i);
                item.copyInto(0, result, at, item.length());
                at += item.length();
                if (i < to) {
                    sep.copyInto(0, result, at, sep.length());
                    at += sep.length();
                }
            }
            return LuaString.valueUsing(result);
        });
    }

    /**
     * Lua 5.2's {@code table.unpack}: its range in C ints, a nil {@code i} or {@code j} its default (so
     * {@code table.unpack(t, 1, t.n)} of a table without {@code n} works), at most {@link #MAX_RESULTS} values.
     */
    private static LuaValue boundedUnpack() {
        return Functions.of("unpack", args -> {
            LuaTable list = args.checktable(1);
            int from = CIntegers.optionalInt(args, 2, 1);
            int to = args.isnoneornil(3) ? TableFunctions.length(list) : CIntegers.checkInt(args, 3);
            return unpacked(list, from, to);
        });
    }

    /**
     * {@code t[from], ..., t[to]}, what {@code unpack} gives (the global one of Lua 5.0 too): read raw, as Lua 5.2's
     * {@code lua_rawgeti} (no {@code __index}), at most {@link #MAX_RESULTS}, their array checked against the call's
     * allocation bound before it is made. The count is taken in longs: from 2^31 (-2^31 as an int) to -4 is too
     * many, not a loop over them.
     */
    public static Varargs unpacked(LuaTable table, int from, int to) {
        long count = (long) to - from + 1;
        if (count <= 0) {
            return LuaValue.NONE;
        }
        if (count >= MAX_RESULTS) {
            throw new org.luaj.vm2.LuaError("too many results to unpack");
        }
        StringBound.checkLargeAllocation(VALUE_BYTES * count);
        LuaValue[] values = new LuaValue[(int) count];
        for (int i = 0; i < values.length; i++) {
            values[i] = table.rawget(from + i);
        }
        return LuaValue.varargsOf(values);
    }

    /**
     * {@code string.byte(s, i, j)} with Lua 5.2's 64-bit positions (2^31 is past the end, not a negative int) and
     * its bound on how many values it may return.
     */
    private static Varargs bytes(Varargs args) {
        LuaString s = args.checkstring(1);
        long length = s.length();
        long from = position(CIntegers.optional(args, 2, 1), length);
        long to = Math.min(position(CIntegers.optional(args, 3, from), length), length);
        from = Math.max(from, 1);
        if (from > to) {
            return LuaValue.NONE;
        }
        if (to - from + 1 >= MAX_RESULTS) {
            throw new org.luaj.vm2.LuaError("string slice too long");
        }
        if (from == to) {
            return LuaValue.valueOf(s.luaByte((int) from - 1));
        }
        StringBound.checkLargeAllocation(VALUE_BYTES * (to - from + 1));
        LuaValue[] values = new LuaValue[(int) (to - from + 1)];
        for (int i = 0; i < values.length; i++) {
            values[i] = LuaValue.valueOf(s.luaByte((int) from - 1 + i));
        }
        return LuaValue.varargsOf(values);
    }

    /** {@code string.upper} and {@code lower} in the C locale, as Lua 5.2 runs: only ASCII letters change. */
    private static LuaValue asciiCase(LuaString s, boolean upper) {
        // one more copy of a string that may be over the bound (a message the host passed in)
        StringBound.check(s.length());
        StringBound.checkLargeAllocation(s.length());
        byte[] bytes = new byte[s.length()];
        s.copyInto(0, bytes, 0, bytes.length);
        for (int i = 0; i < bytes.length; i++) {
            byte b = bytes[i];
            if (upper && b >= 'a' && b <= 'z' || !upper && b >= 'A' && b <= 'Z') {
                bytes[i] = (byte) (b ^ 0x20);
            }
        }
        return LuaString.valueUsing(bytes);
    }

    /** {@code string.sub} with Lua 5.2's 64-bit positions ({@link CIntegers}), so that 2^31 is past the end. */
    private static LuaValue sub(Varargs args) {
        LuaString s = args.checkstring(1);
        long length = s.length();
        long from = position(CIntegers.check(args, 2), length);
        long to = CIntegers.optional(args, 3, -1);
        to = to >= 0 ? to : Math.max(0, length + to + 1);
        from = Math.max(from, 1);
        to = Math.min(to, length);
        return from > to ? LuaValue.EMPTYSTRING : s.substring((int) from - 1, (int) to);
    }

    /**
     * A function whose result is as long as its first argument. That argument may be over the bound (a
     * message the host passed in), and one more copy of it is refused like any other string.
     */
    private static LuaValue boundedByFirstArgument(String name, LuaValue function) {
        return Functions.of(name, args -> {
            int length = args.checkstring(1).length();
            StringBound.check(length);
            StringBound.checkLargeAllocation(length);
            return function.invoke(args);
        });
    }

    /** {@code string.char} with Lua 5.2's C ints: {@code string.char(2^32 + 65)} is "A", {@code 1e100} a zero byte. */
    private static LuaValue bytesAsChars() {
        return Functions.of("char", args -> {
            int n = args.narg();
            StringBound.check(n);
            StringBound.checkLargeAllocation(n);
            byte[] bytes = new byte[n];
            for (int i = 1; i <= n; i++) {
                int c = CIntegers.checkInt(args, i);
                if ((c & 0xFF) != c) {
                    throw ArgumentError.problem(i, "value out of range");
                }
                bytes[i - 1] = (byte) c;
            }
            return LuaString.valueUsing(bytes);
        });
    }

    /** A string position as Lua reads it: negative counts from the end. */
    private static long position(long position, long length) {
        return position >= 0 ? position : Math.max(0, length + position + 1);
    }

    private static void installRandom(LuaTable math) {
        Random random = new Random();
        math.rawset(RANDOM, Functions.of("random", random, (r, args) -> {
            switch (args.narg()) {
                case 0:
                    return LuaValue.valueOf(r.nextDouble());
                case 1: {
                    int m = args.checkint(1);
                    if (m < 1) {
                        throw ArgumentError.problem(1, "interval is empty");
                    }
                    return LuaValue.valueOf(1 + r.nextInt(m));
                }
                case 2: {
                    int m = args.checkint(1);
                    int n = args.checkint(2);
                    if (m > n) {
                        throw ArgumentError.problem(2, "interval is empty");
                    }
                    return LuaValue.valueOf(m + (int) (r.nextDouble() * ((long) n - m + 1)));
                }
                default:
                    throw new org.luaj.vm2.LuaError("wrong number of arguments");
            }
        }));
        math.rawset(RANDOMSEED, Functions.of("randomseed", random, (r, args) -> {
            r.setSeed(args.checklong(1));
            return LuaValue.NONE;
        }));
    }

    /**
     * The entries of a library that the sandbox table shares, taken from the engine's template of it (LuaJ's library
     * with the engine's replacements), to copy into each instance's own table. Nothing else of LuaJ's library is
     * copied, so a function LuaJ adds never reaches a script unless the table names it.
     */
    private static final class Template {
        private final LuaValue[] keys;
        private final LuaValue[] values;
        private final int size;

        Template(LuaTable library, String name) {
            this.keys = Sandbox.sharedNames(name).stream()
                    .map(LuaValue::valueOf)
                    .filter(key -> !library.rawget(key).isnil())
                    .toArray(LuaValue[]::new);
            this.values = Arrays.stream(keys).map(library::rawget).toArray(LuaValue[]::new);
            this.size = Sandbox.visible(name);
        }

        /** A new table with the entries, sized for all the names the library shows a script. */
        LuaTable copy() {
            LuaTable copy = new LuaTable(0, size);
            copyInto(copy);
            return copy;
        }

        void copyInto(LuaTable target) {
            for (int i = 0; i < keys.length; i++) {
                target.rawset(keys[i], values[i]);
            }
        }
    }
}
