package org.jameslua.engine.lib;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.jse.JseOsLib;

/**
 * The {@code os} library as VPOP3 changed it: {@code exit}, {@code setlocale}, {@code execute} and
 * {@code popen} disabled; file and environment functions refused in safety mode; {@code sleep},
 * {@code setsafety} and {@code clearsafety} added. Relative file names are taken from the scripts folder,
 * which was VPOP3's working directory.
 */
public final class OsLibrary implements LuaLibrary {
    private final LuaTable clockFunctions;

    public OsLibrary() {
        Globals template = new Globals();
        LuaTable packageTable = new LuaTable();
        packageTable.set("loaded", new LuaTable());
        template.set("package", packageTable);
        template.load(new JseOsLib());
        this.clockFunctions = (LuaTable) template.get("os");
    }

    @Override
    public void install(Globals globals, InstanceContext context) {
        LuaTable os = new LuaTable();
        for (String name : new String[] {"clock", "date", "difftime", "time"}) {
            os.set(name, clockFunctions.get(name));
        }
        for (String name : new String[] {"exit", "setlocale", "execute", "popen"}) {
            os.set(name, Functions.disabled("os." + name, context));
        }
        os.set("getenv", Functions.guarded("os.getenv", Functions.of("getenv", args -> {
            String value = System.getenv(args.checkjstring(1));
            return value == null ? LuaValue.NIL : LuaValue.valueOf(value);
        }), context));
        os.set("remove", Functions.guarded("os.remove", Functions.of("remove",
                args -> fileResult(() -> Files.delete(path(context, args.checkjstring(1))))), context));
        os.set("rename", Functions.guarded("os.rename", Functions.of("rename",
                args -> fileResult(() -> Files.move(path(context, args.checkjstring(1)),
                        path(context, args.checkjstring(2))))), context));
        os.set("tmpname", Functions.guarded("os.tmpname", Functions.of("tmpname", args -> {
            try {
                File file = File.createTempFile("lua", ".tmp");
                return LuaValue.valueOf(file.getAbsolutePath());
            } catch (IOException e) {
                return LuaValue.varargsOf(LuaValue.NIL, LuaValue.valueOf(e.getMessage()));
            }
        }), context));
        os.set("sleep", Functions.of("sleep", args -> sleep(context, args.checklong(1))));
        os.set("setsafety", Functions.of("setsafety", args -> {
            if (!context.safety().turnOn(args.checkjstring(1))) {
                throw context.refuse("os.setsafety: safety mode is already on with another key");
            }
            return LuaValue.TRUE;
        }));
        os.set("clearsafety", Functions.of("clearsafety", args -> {
            if (!context.safety().turnOff(args.checkjstring(1))) {
                throw context.refuse("os.clearsafety: wrong key, safety mode stays on");
            }
            return LuaValue.TRUE;
        }));
        globals.set("os", os);
        globals.get("package").get("loaded").set("os", os);
    }

    /** Sleeps no longer than the call's time budget allows, then fails the call if the budget ran out. */
    private static Varargs sleep(InstanceContext context, long millis) {
        long wanted = TimeUnit.MILLISECONDS.toNanos(Math.max(0, millis));
        long allowed = Math.max(0, Math.min(wanted, context.budget().remainingNanos() + 1_000_000));
        try {
            TimeUnit.NANOSECONDS.sleep(allowed);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new org.luaj.vm2.LuaError("os.sleep interrupted");
        }
        context.budget().checkTime();
        return LuaValue.NONE;
    }

    static Path path(InstanceContext context, String name) {
        return context.folder().root().resolve(name);
    }

    private interface FileAction {
        void run() throws IOException;
    }

    private static Varargs fileResult(FileAction action) {
        try {
            action.run();
            return LuaValue.TRUE;
        } catch (IOException e) {
            return LuaValue.varargsOf(LuaValue.NIL, LuaValue.valueOf(String.valueOf(e.getMessage())));
        }
    }
}
