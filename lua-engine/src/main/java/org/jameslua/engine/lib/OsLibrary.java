package org.jameslua.engine.lib;

import java.io.File;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.concurrent.TimeUnit;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.jse.JseOsLib;

/**
 * The {@code os} library as VPOP3 changed it: {@code sleep}, {@code setsafety} and {@code clearsafety} added;
 * what is refused always ({@code exit}, {@code setlocale}, {@code execute}, {@code popen}) or in safety mode (the
 * file and environment functions) is {@link Sandbox}'s to say. Relative file names are taken from the scripts folder,
 * which was VPOP3's working directory.
 */
public final class OsLibrary implements LuaLibrary {
    /** Its own functions, and room for those other libraries add ({@code timedexecute}, {@code getdirectory}). */
    private static final int SIZE = 20;

    private static final LuaString CLOCK = LuaValue.valueOf("clock");
    private static final LuaValue DATE = boundedDate(Functions.of("date", OsDate::date));
    private static final LuaValue TIME = Functions.of("time", OsDate::time);
    private static final LuaValue DIFFTIME = Functions.of("difftime", OsDate::difftime);
    private static final LuaString GETENV = LuaValue.valueOf("getenv");
    /** Stateless, so one per server; {@link Sandbox} wraps it per instance, to refuse it in safety mode. */
    private static final LuaValue GETENV_FUNCTION = Functions.of("getenv", args -> {
        String value = System.getenv(ScriptText.name(args, 1));
        return value == null ? LuaValue.NIL : LuaValue.valueOf(value);
    });

    private static final LuaString REMOVE = LuaValue.valueOf("remove");
    private static final LuaString RENAME = LuaValue.valueOf("rename");
    private static final LuaString TMPNAME = LuaValue.valueOf("tmpname");
    /** As {@link #GETENV_FUNCTION}. */
    private static final LuaValue TMPNAME_FUNCTION = Functions.of("tmpname", args -> {
        try {
            File file = File.createTempFile("lua", ".tmp");
            return LuaValue.valueOf(file.getAbsolutePath());
        } catch (IOException e) {
            return LuaValue.varargsOf(LuaValue.NIL, LuaValue.valueOf(e.getMessage()));
        }
    });

    private static final LuaString SLEEP = LuaValue.valueOf("sleep");
    private static final LuaString SETSAFETY = LuaValue.valueOf("setsafety");
    private static final LuaString CLEARSAFETY = LuaValue.valueOf("clearsafety");
    private static final LuaString OS = LuaValue.valueOf("os");
    private static final LuaString PACKAGE = LuaValue.valueOf("package");
    private static final LuaString LOADED = LuaValue.valueOf("loaded");

    /** {@code %c}: "Sat Dec  5 19:11:48 2026". */
    private static final int LONGEST_CONVERSION = 24;

    private final LuaTable clockFunctions;

    public OsLibrary() {
        Globals template = new Globals();
        LuaTable packageTable = new LuaTable();
        packageTable.set("loaded", new LuaTable());
        template.set("package", packageTable);
        template.load(new JseOsLib());
        this.clockFunctions = (LuaTable) template.get("os");
    }

    /**
     * {@code os.date}, refused when its result could be over the bound (no conversion is longer than {@code %c}'s),
     * or when making it could take the call past its allocation bound: the format is copied into Java (three times
     * its length) and the result built, copied and made a Lua string (four times its length), in Java code that
     * runs no instruction at which a bound could stop it.
     */
    private static LuaValue boundedDate(LuaValue date) {
        return Functions.of("date", args -> {
            if (args.isstring(1)) {
                LuaString format = args.checkstring(1);
                long conversions = 0;
                for (int i = 0; i < format.length(); i++) {
                    conversions += format.luaByte(i) == '%' ? 1 : 0;
                }
                long longest = format.length() + conversions * LONGEST_CONVERSION;
                StringBound.check(longest);
                StringBound.checkLargeAllocation(3L * format.length() + 4L * longest);
            }
            return date.invoke(args);
        });
    }

    @Override
    public void install(Globals globals, InstanceContext context) {
        LuaTable os = new LuaTable(0, SIZE);
        os.rawset(CLOCK, clockFunctions.get(CLOCK));
        os.rawset("date", DATE);
        os.rawset("time", TIME);
        os.rawset("difftime", DIFFTIME);
        os.rawset(GETENV, GETENV_FUNCTION);
        os.rawset(REMOVE, Functions.of("remove", context, (c, args) -> {
            String name = ScriptText.name(args, 1);
            return fileResult(() -> Files.delete(cFile(c, name)), name);
        }));
        os.rawset(
                RENAME,
                Functions.of(
                        "rename",
                        context,
                        (c, args) ->
                                fileResult(() -> rename(c, ScriptText.name(args, 1), ScriptText.name(args, 2)), null)));
        os.rawset(TMPNAME, TMPNAME_FUNCTION);
        os.rawset(SLEEP, Functions.of("sleep", context, (c, args) -> sleep(c, args.checklong(1))));
        os.rawset(SETSAFETY, Functions.of("setsafety", context, (c, args) -> {
            if (!c.safety().turnOn(ScriptText.argument(args, 1))) {
                throw c.refuse("os.setsafety: safety mode is already on with another key");
            }
            return LuaValue.TRUE;
        }));
        os.rawset(CLEARSAFETY, Functions.of("clearsafety", context, (c, args) -> {
            if (!c.safety().turnOff(ScriptText.argument(args, 1))) {
                throw c.refuse("os.clearsafety: wrong key, safety mode stays on");
            }
            return LuaValue.TRUE;
        }));
        globals.rawset(OS, os);
        globals.rawget(PACKAGE).get(LOADED).set(OS, os);
    }

    /** Sleeps no longer than the call's time budget allows, then fails the call if the budget ran out. */
    private static Varargs sleep(InstanceContext context, long millis) {
        long wanted = TimeUnit.MILLISECONDS.toNanos(Math.max(0, millis));
        long allowed = Math.max(0, Math.min(wanted, context.budget().beforeWait() + 1_000_000));
        try {
            TimeUnit.NANOSECONDS.sleep(allowed);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new org.luaj.vm2.LuaError("os.sleep interrupted");
        }
        context.budget().checkTime();
        return LuaValue.NONE;
    }

    /**
     * The file a script names, in the scripts folder. A name with a zero byte names no file: Java refuses such a path
     * with an exception of its own, and C reads the name only up to the zero byte, which a name is not cut to here
     * (a check of its end, {@code x.properties\0.lua}, would pass for another file).
     */
    static Path path(InstanceContext context, String name) throws NoSuchFileException {
        if (name.indexOf('\0') >= 0) {
            throw new NoSuchFileException(name);
        }
        return context.folder().root().resolve(name);
    }

    /**
     * The file a C library function ({@code fopen}, {@code remove}, {@code rename}) names, as {@link #path}, for the
     * names C reads otherwise than Java's paths: an empty name is no file (Java's is the scripts folder itself, which
     * {@code os.remove("")} tried to remove), and a name ending in {@code /} asks for a folder (Java drops the slash,
     * and {@code os.remove("log.txt/")} removed log.txt).
     */
    static Path cFile(InstanceContext context, String name) throws IOException {
        if (name.isEmpty()) {
            throw new NoSuchFileException(name);
        }
        Path path = path(context, name);
        if (name.endsWith("/") && !Files.isDirectory(path)) {
            throw Files.exists(path) ? new NotDirectoryException(name) : new NoSuchFileException(name);
        }
        return path;
    }

    /**
     * Linux's {@code rename}, its failures in its order: the source's name (empty) and folder, then the target's, then
     * a name ending in {@code .} or {@code ..} ({@code Device or resource busy}), then the source (missing, or a file
     * named with a {@code /} at its end or the target's: {@code Not a directory}). An existing file is replaced, a
     * folder is not, nothing is copied across devices.
     */
    private static void rename(InstanceContext context, String from, String to) throws IOException {
        lookUpFolder(context, from);
        lookUpFolder(context, to);
        if (isDots(from) || isDots(to)) {
            throw new FileSystemException(from, to, "Device or resource busy");
        }
        Path source = path(context, from);
        // the source's attributes fail as its lookup does: No such file or directory, Not a directory
        BasicFileAttributes attributes =
                Files.readAttributes(source, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (!attributes.isDirectory() && (from.endsWith("/") || to.endsWith("/"))) {
            throw new NotDirectoryException(from);
        }
        // a folder onto a file, even one named with a '/' at its end, fails in the system's rename: Not a directory
        Files.move(source, path(context, to), StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * Looks up the folder a name's last part is in, as the kernel's rename does first (the source's, then the
     * target's): an empty name or a missing folder fails with No such file or directory, a file with Not a directory.
     */
    private static void lookUpFolder(InstanceContext context, String name) throws IOException {
        if (name.isEmpty()) {
            throw new NoSuchFileException(name);
        }
        int slash = withoutEndSlashes(name).lastIndexOf('/');
        if (slash >= 0) {
            // "dir/.": the folder itself as the system looks it up (Java would drop a '/' at its end)
            Files.readAttributes(path(context, name.substring(0, slash + 1) + "."), BasicFileAttributes.class);
        }
    }

    /** A name whose last part is {@code .} or {@code ..}: the kernel's rename refuses it after looking up its folder. */
    private static boolean isDots(String name) {
        String trimmed = withoutEndSlashes(name);
        String last = trimmed.substring(trimmed.lastIndexOf('/') + 1);
        return last.equals(".") || last.equals("..");
    }

    /**
     * The name without the slashes at its end. A loop, not the regular expression {@code /+$}, which backtracks over
     * every run of slashes: a 64 KiB name of slashes took it 6 s, in Java, where no bound of the call looks.
     */
    private static String withoutEndSlashes(String name) {
        int end = name.length();
        while (end > 0 && name.charAt(end - 1) == '/') {
            end--;
        }
        return name.substring(0, end);
    }

    private interface FileAction {
        void run() throws IOException;
    }

    /** {@code true}, or Lua 5.2's {@code luaL_fileresult} failure: os.remove names the file, os.rename does not. */
    private static Varargs fileResult(FileAction action, String name) {
        try {
            action.run();
            return LuaValue.TRUE;
        } catch (IOException e) {
            return FileFailure.result(e, name);
        }
    }
}
