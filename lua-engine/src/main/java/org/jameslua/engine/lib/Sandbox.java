package org.jameslua.engine.lib;

import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;

/**
 * The sandbox as data: every name a script can reach, and the names it must never reach, each with its treatment.
 * Nothing else decides what a script sees. {@link LuaEnvironment} copies the {@link Treatment#SHARED} entries
 * of each library from the engine's templates and nothing else of LuaJ's libraries; the libraries install the
 * per-instance functions; {@link #enforce} then puts the refusals in place: the {@link Treatment#REFUSED} functions,
 * and the guard of safety mode around every {@link Treatment#REFUSED_IN_SAFETY_MODE} one. The escape catalogue
 * test checks this table against what scripts enumerate, so a name installed without an entry fails the build,
 * and {@code docs/security.md} lists it, checked by a test.
 */
public final class Sandbox {
    /** How a name is made, and what a script meets when it uses it. */
    public enum Treatment {
        /** One immutable value per engine: every instance's table holds the same object. */
        SHARED("shared"),
        /** Made for each instance, bound to its globals, budget or state. */
        INSTANCE("per instance"),
        /** Per instance; works, but in safety mode only on what belongs to the script's own user. */
        CONFINED_IN_SAFETY_MODE("confined in safety mode"),
        /** Per instance; raises "NAME is disabled in safety mode" (logged) while safety mode is on. */
        REFUSED_IN_SAFETY_MODE("refused in safety mode"),
        /** There so old scripts get a clear error: raises "NAME is disabled in VPOP3 Lua" (logged). */
        REFUSED("refused always"),
        /** Never installed: the name is nil (LuaJ or stock Lua has it; VPOP3 Lua does not). */
        ABSENT("absent");

        private final String text;

        Treatment(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }
    }

    /** What a function holds itself to, beyond the instruction, allocation and call-depth bounds of every call. */
    public enum Bound {
        /** The call's wall-time budget: checked in Java loops and after each wait. */
        TIME("time"),
        /** The longest string one operation may build, refused before it is allocated. */
        STRING_LENGTH("string length"),
        /** Lua 5.2's stack: no more than {@value LuaEnvironment#MAX_RESULTS} results at once. */
        RESULTS("results"),
        /** The bytes one call may print to {@code LUA.OUT}. */
        OUTPUT("output bytes"),
        /** The coroutines alive at once, per instance and server-wide. */
        COROUTINES("coroutines"),
        /** Counted as a call level, so the call-depth bound sees it. */
        CALL_DEPTH("call depth");

        private final String text;

        Bound(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }
    }

    /** The library of the names reached through the string metatable, never through a table a script holds. */
    public static final String STRING_METATABLE = "(\"\")";
    /** The library of a file handle's methods ({@code f:read()}), reached through a handle, not the globals. */
    public static final String FILE_METHODS = "file";

    private static final List<Entry> ENTRIES = List.of(
            // --- the base library
            instance("_G"),
            shared("_VERSION"),
            instance("assert"),
            instance(
                    "collectgarbage",
                    "\"count\" gives the JVM's memory in use; the other options are answered as in Lua 5.2 and drive no collector"),
            confined("dofile", "in safety mode: Lua files of its own user's folder only"),
            instance("error"),
            shared("gcinfo", "Lua 5.0"),
            instance("getfenv", "Lua 5.0, on 5.2's _ENV; host functions report the instance's globals"),
            shared("getmetatable"),
            shared("ipairs"),
            instance("load", "source text only: a binary chunk is refused (logged)", Bound.STRING_LENGTH),
            confined("loadfile", "in safety mode: Lua files of its own user's folder only"),
            refused("loadlib"),
            instance("loadstring", "source text only: a binary chunk is refused (logged)", Bound.STRING_LENGTH),
            shared("next"),
            shared("pairs"),
            instance("pcall", Bound.CALL_DEPTH),
            instance("print", "to LUA.OUT", Bound.TIME, Bound.OUTPUT),
            shared("rawequal", Bound.TIME),
            shared("rawget"),
            shared("rawlen"),
            shared("rawset"),
            confined("require", "in safety mode: Lua files of its own user's folder only; no C modules"),
            shared("select"),
            instance("setfenv", "Lua 5.0, on 5.2's _ENV; refused for host functions and the thread"),
            shared("setmetatable"),
            shared("tonumber", Bound.TIME),
            shared("tostring"),
            shared("type"),
            instance("unpack", "Lua 5.0", Bound.TIME, Bound.RESULTS),
            instance("xpcall", Bound.CALL_DEPTH),
            absent("luajava"),
            absent("module"),
            absent("newproxy"),
            // --- the library tables, each an instance's own
            instance("bit32"),
            instance("coroutine"),
            instance("debug"),
            instance("io"),
            instance("math"),
            instance("os"),
            instance("package"),
            instance("string"),
            instance("table"),
            instance("VPOP3"),
            instance("VPOP3Net"),
            // --- bit32
            shared("bit32.arshift"),
            shared("bit32.band"),
            shared("bit32.bnot"),
            shared("bit32.bor"),
            shared("bit32.btest"),
            shared("bit32.bxor"),
            shared("bit32.extract"),
            shared("bit32.lrotate"),
            shared("bit32.lshift"),
            shared("bit32.replace"),
            shared("bit32.rrotate"),
            shared("bit32.rshift"),
            // --- coroutine: each coroutine is a Java thread in LuaJ
            instance("coroutine.create", "its thread is taken at the first resume", Bound.COROUTINES),
            instance("coroutine.resume"),
            instance("coroutine.running"),
            shared("coroutine.status"),
            instance("coroutine.wrap", "its thread is taken at the first call", Bound.COROUTINES),
            instance("coroutine.yield"),
            // --- debug: traceback only
            instance("debug.traceback"),
            absent("debug.debug"),
            absent("debug.gethook"),
            absent("debug.getinfo"),
            absent("debug.getlocal"),
            absent("debug.getmetatable"),
            absent("debug.getregistry"),
            absent("debug.getupvalue"),
            absent("debug.getuservalue"),
            absent("debug.sethook"),
            absent("debug.setlocal"),
            absent("debug.setmetatable"),
            absent("debug.setupvalue"),
            absent("debug.setuservalue"),
            absent("debug.upvalueid"),
            absent("debug.upvaluejoin"),
            // --- io: files relative to the scripts folder; handles opened before safety mode keep working
            safety("io.close"),
            safety("io.flush"),
            safety("io.input"),
            safety("io.lines"),
            safety("io.open"),
            safety("io.output"),
            refused("io.popen"),
            safety("io.read"),
            safety("io.tmpfile"),
            instance("io.type"),
            safety("io.write"),
            absent("io.stderr"),
            absent("io.stdin"),
            absent("io.stdout"),
            // --- a file handle's methods: not refused in safety mode, so a handle opened before it keeps working
            instance(FILE_METHODS + ".close"),
            instance(FILE_METHODS + ".flush"),
            instance(FILE_METHODS + ".lines"),
            instance(FILE_METHODS + ".read", Bound.TIME),
            instance(FILE_METHODS + ".seek"),
            instance(FILE_METHODS + ".setvbuf"),
            instance(FILE_METHODS + ".write"),
            // --- math
            shared("math.abs"),
            shared("math.acos"),
            shared("math.asin"),
            shared("math.atan"),
            shared("math.atan2"),
            shared("math.ceil"),
            shared("math.cos"),
            shared("math.cosh"),
            shared("math.deg"),
            shared("math.exp"),
            shared("math.floor"),
            shared("math.fmod"),
            shared("math.frexp"),
            shared("math.huge"),
            shared("math.ldexp"),
            shared("math.log"),
            shared("math.log10", "Lua 5.0"),
            shared("math.max"),
            shared("math.min"),
            shared("math.mod", "Lua 5.0: math.fmod"),
            shared("math.modf"),
            shared("math.pi"),
            shared("math.pow"),
            shared("math.rad"),
            instance("math.random", "a generator of its own per instance"),
            instance("math.randomseed"),
            shared("math.sin"),
            shared("math.sinh"),
            shared("math.sqrt"),
            shared("math.tan"),
            shared("math.tanh"),
            // --- os: files relative to the scripts folder
            instance("os.clearsafety", "only with the key safety mode was turned on with"),
            shared("os.clock"),
            shared("os.date", Bound.TIME, Bound.STRING_LENGTH),
            shared("os.difftime"),
            refused("os.execute"),
            refused("os.exit"),
            safety("os.getdirectory", Bound.TIME),
            safety("os.getenv"),
            refused("os.popen"),
            safety("os.remove"),
            safety("os.rename"),
            refused("os.setlocale"),
            instance("os.setsafety", "a second call must give the same key"),
            instance("os.sleep", Bound.TIME),
            shared("os.time"),
            safety("os.timedexecute", Bound.TIME),
            safety("os.tmpname"),
            // --- package: modules are Lua files of the scripts folder
            shared("package.config"),
            instance("package.loaded"),
            refused("package.loadlib"),
            shared("package.path"),
            instance("package.preload"),
            absent("package.cpath"),
            absent("package.loaders"),
            absent("package.searchers"),
            absent("package.searchpath"),
            absent("package.seeall"),
            // --- string
            shared("string.byte", Bound.TIME, Bound.RESULTS),
            shared("string.char", Bound.STRING_LENGTH),
            instance("string.find", Bound.TIME),
            instance("string.format", Bound.TIME, Bound.STRING_LENGTH),
            instance("string.gfind", "Lua 5.0: string.gmatch", Bound.TIME),
            instance("string.gmatch", Bound.TIME),
            instance("string.gsub", Bound.TIME, Bound.STRING_LENGTH),
            shared("string.len"),
            shared("string.lower", Bound.STRING_LENGTH),
            instance("string.match", Bound.TIME),
            instance("string.rep", Bound.STRING_LENGTH),
            shared("string.reverse", Bound.STRING_LENGTH),
            shared("string.sub"),
            shared("string.upper", Bound.STRING_LENGTH),
            absent("string.dump"),
            // --- table
            instance("table.concat", Bound.TIME, Bound.STRING_LENGTH),
            instance("table.foreach", "Lua 5.0", Bound.TIME),
            instance("table.foreachi", "Lua 5.0", Bound.TIME),
            instance("table.getn", "Lua 5.0", Bound.TIME),
            shared("table.insert", Bound.TIME),
            shared("table.maxn", "Lua 5.0", Bound.TIME),
            shared("table.pack"),
            shared("table.remove", Bound.TIME),
            instance("table.setn", "Lua 5.0"),
            shared("table.sort", Bound.TIME),
            shared("table.unpack", Bound.TIME, Bound.RESULTS),
            // --- VPOP3: the host's settings, users and the message being processed
            // the user list and address expansion (aliases, lists, forwards) tell a user script of other users
            safety("VPOP3.ExpandAddress", Bound.TIME),
            instance("VPOP3.GetMessageLine", Bound.TIME, Bound.STRING_LENGTH),
            instance("VPOP3.GetMessagePart", Bound.TIME, Bound.STRING_LENGTH),
            safety("VPOP3.GetSetting", Bound.TIME),
            safety("VPOP3.GetUserList", Bound.TIME),
            confined("VPOP3.GetUserSetting", "in safety mode: its own user's settings only", Bound.TIME),
            instance("VPOP3.MessageReset"),
            instance("VPOP3.MessageSeek"),
            safety("VPOP3.SaveAttachment", Bound.TIME),
            safety("VPOP3.SetSetting", Bound.TIME),
            confined("VPOP3.SetUserSetting", "in safety mode: its own user's settings only", Bound.TIME),
            // --- VPOP3Net: refused in safety mode beyond the manual's list, so user scripts reach no network
            safety("VPOP3Net.GetDNSRecords", Bound.TIME),
            safety("VPOP3Net.GetHTTP", Bound.TIME),
            safety("VPOP3Net.GetWHOIS", Bound.TIME),
            // --- what Lua 5.0 source is rewritten to call, out of reach of any assignment
            shared(STRING_METATABLE + ".__vpop3_arg", "builds Lua 5.0's arg table of a vararg function"),
            shared(STRING_METATABLE + ".__vpop3_forin", "Lua 5.0's for k, v in t"));

    private static final Path[] REFUSED_PATHS = paths(Treatment.REFUSED);
    private static final Path[] GUARDED_PATHS = paths(Treatment.REFUSED_IN_SAFETY_MODE);

    private Sandbox() {}

    public static List<Entry> entries() {
        return ENTRIES;
    }

    /**
     * The names of a library ("" for the globals) that every instance shares with the engine's templates, in the
     * table's order, so that every run builds its tables alike.
     */
    static List<String> sharedNames(String library) {
        return ENTRIES.stream()
                .filter(entry -> entry.treatment == Treatment.SHARED && entry.library.equals(library))
                .map(Entry::name)
                .collect(Collectors.toUnmodifiableList());
    }

    /** How many names of a library a script can see: the size to give its table. */
    static int visible(String library) {
        return (int) ENTRIES.stream()
                .filter(entry -> entry.library.equals(library) && entry.isVisible())
                .count();
    }

    /**
     * Puts the refusals in place once the libraries have installed an instance's functions: the functions refused
     * always, and the safety-mode guard around those refused in safety mode.
     */
    static void enforce(Globals globals, InstanceContext context) {
        for (Path path : REFUSED_PATHS) {
            path.table(globals).rawset(path.key, Functions.disabled(path.name, context));
        }
        for (Path path : GUARDED_PATHS) {
            LuaTable table = path.table(globals);
            LuaValue function = table.rawget(path.key);
            if (!function.isfunction()) {
                throw new IllegalStateException(path.name + " is in the sandbox table but no library installed it");
            }
            table.rawset(path.key, Functions.guarded(path.name, function, context));
        }
    }

    private static Path[] paths(Treatment treatment) {
        return ENTRIES.stream()
                .filter(entry -> entry.treatment == treatment)
                .map(Path::new)
                .toArray(Path[]::new);
    }

    private static Entry shared(String name, Bound... bounds) {
        return shared(name, "", bounds);
    }

    private static Entry shared(String name, String note, Bound... bounds) {
        return new Entry(name, Treatment.SHARED, note, bounds);
    }

    private static Entry instance(String name, Bound... bounds) {
        return instance(name, "", bounds);
    }

    private static Entry instance(String name, String note, Bound... bounds) {
        return new Entry(name, Treatment.INSTANCE, note, bounds);
    }

    private static Entry confined(String name, String note, Bound... bounds) {
        return new Entry(name, Treatment.CONFINED_IN_SAFETY_MODE, note, bounds);
    }

    private static Entry safety(String name, Bound... bounds) {
        return new Entry(name, Treatment.REFUSED_IN_SAFETY_MODE, "", bounds);
    }

    private static Entry refused(String name) {
        return new Entry(name, Treatment.REFUSED, "");
    }

    private static Entry absent(String name) {
        return new Entry(name, Treatment.ABSENT, "");
    }

    /** One name, as a script writes it: {@code print}, {@code string.rep}, {@code ("").__vpop3_forin}. */
    public static final class Entry {
        private final String library;
        private final String name;
        private final Treatment treatment;
        private final Set<Bound> bounds;
        private final String note;

        private Entry(String qualifiedName, Treatment treatment, String note, Bound... bounds) {
            int dot = qualifiedName.lastIndexOf('.');
            this.library = dot < 0 ? "" : qualifiedName.substring(0, dot);
            this.name = qualifiedName.substring(dot + 1);
            this.treatment = treatment;
            EnumSet<Bound> all = EnumSet.noneOf(Bound.class);
            all.addAll(Arrays.asList(bounds));
            this.bounds = Collections.unmodifiableSet(all);
            this.note = note;
        }

        /** The table it is in: "" for the globals, {@value #STRING_METATABLE} for the string metatable. */
        public String library() {
            return library;
        }

        public String name() {
            return name;
        }

        public String qualifiedName() {
            return library.isEmpty() ? name : library + "." + name;
        }

        public Treatment treatment() {
            return treatment;
        }

        public Set<Bound> bounds() {
            return bounds;
        }

        public String note() {
            return note;
        }

        public boolean isVisible() {
            return treatment != Treatment.ABSENT;
        }

        /** Whether a script reaches it through its globals, not through a file handle or the string metatable. */
        public boolean isInGlobals() {
            return !library.equals(FILE_METHODS) && !library.equals(STRING_METATABLE);
        }
    }

    /** Where an entry lives in an instance's globals, its keys encoded once. */
    private static final class Path {
        private final LuaString library;
        private final LuaString key;
        private final String name;

        Path(Entry entry) {
            this.library = entry.library.isEmpty() ? null : LuaValue.valueOf(entry.library);
            this.key = LuaValue.valueOf(entry.name);
            this.name = entry.qualifiedName();
        }

        LuaTable table(Globals globals) {
            return library == null ? globals : globals.rawget(library).checktable();
        }
    }
}
