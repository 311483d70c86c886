package org.jameslua.engine.lib;

import java.util.List;
import java.util.Random;
import java.util.Set;

import org.jameslua.engine.Limits;
import org.jameslua.engine.lib.patterns.StringPatterns;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.compiler.LuaC;
import org.luaj.vm2.lib.BaseLib;
import org.luaj.vm2.lib.Bit32Lib;
import org.luaj.vm2.lib.CoroutineLib;
import org.luaj.vm2.lib.OneArgFunction;
import org.luaj.vm2.lib.StringLib;
import org.luaj.vm2.lib.TableLib;
import org.luaj.vm2.lib.jse.JseMathLib;

/**
 * Builds the globals of a new script instance: Lua's standard library as VPOP3 changed it, plus the helpers.
 *
 * <p>Stateless library functions (string, table, math, bit32) are created once and shared; every instance
 * gets its own tables holding them, so what one script changes no other sees. Everything that holds state
 * or reaches outside the VM is made per instance. LuaJ's {@code luajava}, {@code package} searchers,
 * {@code debug} library and binary chunk loader are never installed.
 */
public final class LuaEnvironment {
    /** Makes LuaJ report errors as plain Lua does, without appending a traceback to every message. */
    static final LuaValue PLAIN_ERRORS = new OneArgFunction() {
        @Override
        public LuaValue call(LuaValue message) {
            return message;
        }
    };

    /** Unbounded in time or size: each instance gets versions held to its budget, the shared fallback none. */
    private static final Set<String> UNSAFE_STRING_FUNCTIONS = Set.of("dump", "rep", "find", "match", "gmatch",
            "gsub");
    private static final Set<String> STATEFUL_MATH_FUNCTIONS = Set.of("random", "randomseed");
    /**
     * As Lua 5.2, which cannot return more values than its stack holds (LUAI_MAXSTACK): LuaJ would otherwise
     * build an array of that many values in one allocation, before any budget could see it.
     */
    public static final int MAX_RESULTS = 1_000_000;

    private final LuaTable stringTemplate;
    private final LuaTable tableTemplate;
    private final LuaTable mathTemplate;
    private final LuaTable bit32Template;
    private final List<LuaLibrary> libraries;

    public LuaEnvironment(List<LuaLibrary> libraries) {
        this.libraries = List.copyOf(libraries);
        Globals template = new Globals();
        LuaTable packageTable = new LuaTable();
        packageTable.set("loaded", new LuaTable());
        template.set("package", packageTable);
        template.load(new StringLib());
        template.load(new TableLib());
        template.load(new JseMathLib());
        template.load(new Bit32Lib());
        this.stringTemplate = (LuaTable) template.get("string");
        this.tableTemplate = (LuaTable) template.get("table");
        this.mathTemplate = (LuaTable) template.get("math");
        this.bit32Template = (LuaTable) template.get("bit32");
        StringMethods.install(copyOf(stringTemplate, UNSAFE_STRING_FUNCTIONS));
    }

    /** The globals of a new instance, metered by a new budget and bound to the given context. */
    public Globals create(InstanceContext context, Limits limits, CallWatchdog watchdog) {
        Globals globals = new Globals();
        Budget budget = new Budget(limits, globals, watchdog);
        context.budget(budget);
        globals.debuglib = budget;
        globals.running.errorfunc = PLAIN_ERRORS;
        LuaC.install(globals);
        globals.undumper = null;
        globals.finder = name -> null;

        globals.load(new BaseLib());
        globals.set("_VERSION", "Lua 5.2");
        LuaTable loaded = new LuaTable();
        LuaTable packageTable = new LuaTable();
        packageTable.set("loaded", loaded);
        packageTable.set("preload", new LuaTable());
        packageTable.set("path", "?.lua");
        packageTable.set("config", "/\n;\n?\n!\n-\n");
        globals.set("package", packageTable);
        loaded.set("_G", globals);

        LuaTable string = copyOf(stringTemplate, UNSAFE_STRING_FUNCTIONS);
        string.set("rep", boundedRep(budget));
        string.set("byte", boundedByte(stringTemplate.get("byte")));
        StringPatterns.install(string, budget);
        install(globals, loaded, "string", string);
        LuaTable table = copyOf(tableTemplate, Set.of("concat", "unpack"));
        table.set("concat", boundedConcat(tableTemplate.get("concat"), budget));
        table.set("unpack", boundedUnpack(tableTemplate.get("unpack")));
        install(globals, loaded, "table", table);
        LuaTable math = copyOf(mathTemplate, STATEFUL_MATH_FUNCTIONS);
        installRandom(math);
        install(globals, loaded, "math", math);
        LuaTable bit32 = copyOf(bit32Template, Set.of("lrotate", "rrotate"));
        bit32.set("lrotate", rotationModulo32("lrotate", bit32Template.get("lrotate")));
        bit32.set("rrotate", rotationModulo32("rrotate", bit32Template.get("rrotate")));
        install(globals, loaded, "bit32", bit32);

        globals.load(new CoroutineLib());
        LuaTable coroutine = (LuaTable) globals.get("coroutine");
        coroutine.set("create", Functions.of("create",
                args -> context.coroutines().create(globals, args.arg1(), context, string)));
        coroutine.set("wrap", Functions.of("wrap",
                args -> context.coroutines().wrap(globals, args.arg1(), context, string)));
        coroutine.set("resume", Functions.of("resume",
                args -> Coroutines.resume(args.checkthread(1), args.subargs(2), context)));
        coroutine.set("yield", Coroutines.yield(coroutine.get("yield"), context));
        loaded.set("coroutine", coroutine);

        for (LuaLibrary library : libraries) {
            library.install(globals, context);
        }
        return globals;
    }

    private static void install(Globals globals, LuaTable loaded, String name, LuaTable library) {
        globals.set(name, library);
        loaded.set(name, library);
    }

    private static LuaTable copyOf(LuaTable template, Set<String> except) {
        LuaTable copy = new LuaTable();
        LuaValue key = LuaValue.NIL;
        while (true) {
            Varargs next = template.next(key);
            key = next.arg1();
            if (key.isnil()) {
                return copy;
            }
            if (!except.contains(key.tojstring())) {
                copy.rawset(key, next.arg(2));
            }
        }
    }

    private static LuaValue boundedRep(Budget budget) {
        return Functions.of("rep", args -> {
            var s = args.checkstring(1);
            long n = Math.max(0, args.checklong(2));
            var sep = args.optstring(3, LuaValue.EMPTYSTRING);
            long length = n == 0 ? 0 : n * s.length() + (n - 1) * sep.length();
            budget.checkStringLength(length);
            // repeating nothing 2^53 times would still loop 2^53 times, in Java, out of reach of the bounds
            if (length == 0) {
                return LuaValue.EMPTYSTRING;
            }
            byte[] result = new byte[(int) (n * s.length() + (n - 1) * sep.length())];
            int at = 0;
            for (long i = 0; i < n; i++) {
                if (i > 0) {
                    sep.copyInto(0, result, at, sep.length());
                    at += sep.length();
                }
                s.copyInto(0, result, at, s.length());
                at += s.length();
            }
            return LuaValue.valueOf(result);
        });
    }

    private static LuaValue boundedConcat(LuaValue concat, Budget budget) {
        return Functions.of("concat", args -> {
            LuaTable list = args.checktable(1);
            var sep = args.optstring(2, LuaValue.EMPTYSTRING);
            int from = args.optint(3, 1);
            int to = args.isnoneornil(4) ? list.length() : args.checkint(4);
            long total = 0;
            for (int i = from; i <= to; i++) {
                LuaValue item = list.get(i);
                // as LuaJ's concat would, but at once: 2^31 missing items would otherwise be counted in Java,
                // out of reach of the bounds
                if (!item.isstring()) {
                    throw new org.luaj.vm2.LuaError("invalid value (at index " + i + ") in table for 'concat'");
                }
                total += item.checkstring().length();
                total += i < to ? sep.length() : 0;
                budget.checkStringLength(total);
            }
            return concat.invoke(args);
        });
    }

    private static LuaValue boundedUnpack(LuaValue unpack) {
        return Functions.of("unpack", args -> {
            LuaTable list = args.checktable(1);
            long from = args.optlong(2, 1);
            long to = args.isnoneornil(3) ? list.length() : args.checklong(3);
            if (to - from + 1 >= MAX_RESULTS) {
                throw new org.luaj.vm2.LuaError("too many results to unpack");
            }
            return unpack.invoke(args);
        });
    }

    /**
     * A rotation by its displacement modulo 32, as Lua 5.2 computes it. LuaJ turns a negative displacement into
     * the opposite rotation by the negated one, and -2^31 negated is itself: the two called each other until the
     * Java stack overflowed.
     */
    private static LuaValue rotationModulo32(String name, LuaValue rotate) {
        return Functions.of(name, args -> rotate.invoke(LuaValue.varargsOf(args.arg1(),
                LuaValue.valueOf(Math.floorMod(args.checklong(2), 32)))));
    }

    /** {@code string.byte(s, i, j)}, with Lua 5.2's bound on how many values it may return. */
    private static LuaValue boundedByte(LuaValue stringByte) {
        return Functions.of("byte", args -> {
            long length = args.checkstring(1).length();
            long from = position(args.optlong(2, 1), length);
            long to = position(args.optlong(3, from), length);
            if (Math.min(to, length) - Math.max(from, 1) + 1 >= MAX_RESULTS) {
                throw new org.luaj.vm2.LuaError("string slice too long");
            }
            return stringByte.invoke(args);
        });
    }

    /** A string position as Lua reads it: negative counts from the end. */
    private static long position(long position, long length) {
        return position >= 0 ? position : Math.max(0, length + position + 1);
    }

    private static void installRandom(LuaTable math) {
        Random random = new Random();
        math.set("random", Functions.of("random", args -> {
            switch (args.narg()) {
                case 0:
                    return LuaValue.valueOf(random.nextDouble());
                case 1: {
                    int m = args.checkint(1);
                    if (m < 1) {
                        throw new org.luaj.vm2.LuaError("bad argument #1 to 'random' (interval is empty)");
                    }
                    return LuaValue.valueOf(1 + random.nextInt(m));
                }
                default: {
                    int m = args.checkint(1);
                    int n = args.checkint(2);
                    if (m > n) {
                        throw new org.luaj.vm2.LuaError("bad argument #2 to 'random' (interval is empty)");
                    }
                    return LuaValue.valueOf(m + (int) (random.nextDouble() * ((long) n - m + 1)));
                }
            }
        }));
        math.set("randomseed", Functions.of("randomseed", args -> {
            random.setSeed(args.checklong(1));
            return LuaValue.NONE;
        }));
    }
}
