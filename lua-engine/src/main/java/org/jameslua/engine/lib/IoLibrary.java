package org.jameslua.engine.lib;

import java.io.IOException;
import org.jameslua.engine.folder.Fifos;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.ArgumentError;
import org.luaj.vm2.lib.jse.JseIoLib;

/**
 * The {@code io} library as VPOP3 changed it: no {@code stdin}, {@code stdout} or {@code stderr}, file names taken
 * from the scripts folder. {@link Sandbox} refuses {@code popen}, and the functions of the manual's list in safety
 * mode; file handles opened before safety mode keep working, as the manual says: an administrator script may hand
 * one to user code.
 *
 * <p>Few scripts touch files, while every SMTP connection makes an instance: LuaJ's file library (with its
 * file methods and metatables) is made for an instance only when its script first calls an {@code io} function.
 */
public final class IoLibrary implements LuaLibrary {
    private static final String[] FILE_FUNCTIONS = {
        "close", "open", "input", "output", "lines", "read", "write", "flush", "tmpfile", "type"
    };
    private static final LuaString[] FILE_KEYS = Functions.keys(FILE_FUNCTIONS);
    private static final LuaString IO = LuaValue.valueOf("io");
    /** The modes Lua 5.2's io.open accepts, as C's fopen takes them. */
    private static final java.util.regex.Pattern OPEN_MODE = java.util.regex.Pattern.compile("[rwa]\\+?b*");

    private static final LuaString PACKAGE = LuaValue.valueOf("package");
    private static final LuaString LOADED = LuaValue.valueOf("loaded");

    @Override
    public void install(Globals globals, InstanceContext context) {
        FileFunctions files = new FileFunctions(context);
        LuaTable io = new LuaTable(0, FILE_FUNCTIONS.length + 1);
        for (int i = 0; i < FILE_FUNCTIONS.length; i++) {
            io.rawset(FILE_KEYS[i], files.function(FILE_FUNCTIONS[i], FILE_KEYS[i]));
        }
        globals.rawset(IO, io);
        globals.rawget(PACKAGE).get(LOADED).set(IO, io);
    }

    /** C's errno for the reasons Java gives for a file that cannot be opened. */
    private static final java.util.Map<String, Integer> ERRNO =
            java.util.Map.of("No such file or directory", 2, "Permission denied", 13, "Is a directory", 21);

    private static final String LUAJ_PREFIX = "io error: ";

    /** io.open's failure as Lua 5.2 gives it: {@code nil, "name: reason", errno}. */
    private static Varargs asLua52(Varargs result) {
        if (!result.arg1().isnil() || !result.arg(2).isstring()) {
            return result;
        }
        String message = result.arg(2).tojstring();
        message = message.startsWith(LUAJ_PREFIX) ? message.substring(LUAJ_PREFIX.length()) : message;
        int colon = message.lastIndexOf(": ");
        Integer errno = colon < 0 ? null : ERRNO.get(message.substring(colon + 2));
        return LuaValue.varargsOf(
                LuaValue.NIL, LuaValue.valueOf(message), errno == null ? LuaValue.NIL : LuaValue.valueOf(errno));
    }

    /** An instance's LuaJ file library, made at its first use; it keeps the current input and output files. */
    private static final class FileFunctions {
        private final InstanceContext context;
        private LuaTable functions;

        FileFunctions(InstanceContext context) {
            this.context = context;
        }

        LuaValue function(String name, LuaString key) {
            if (name.equals("open")) {
                return Functions.of(name, args -> {
                    if (!OPEN_MODE.matcher(args.optjstring(2, "r")).matches()) {
                        throw ArgumentError.problem(2, "invalid mode");
                    }
                    return asLua52(functions().get(key).invoke(args));
                });
            }
            return Functions.of(name, args -> functions().get(key).invoke(args));
        }

        /** Loaded into globals of its own: LuaJ's library installs itself as {@code io}, which the script's is. */
        private synchronized LuaTable functions() {
            if (functions == null) {
                Globals own = new Globals();
                LuaTable packageTable = new LuaTable();
                packageTable.rawset(LOADED, new LuaTable());
                own.rawset(PACKAGE, packageTable);
                functions = (LuaTable) own.load(new FolderIoLib(context));
            }
            return functions;
        }
    }

    /** LuaJ's file library with relative names taken from the scripts folder and no standard streams. */
    private static final class FolderIoLib extends JseIoLib {
        private final InstanceContext context;

        FolderIoLib(InstanceContext context) {
            this.context = context;
        }

        @Override
        protected File wrapStdin() throws IOException {
            throw new IOException("there is no stdin in VPOP3 Lua: use io.input(file) first");
        }

        @Override
        protected File wrapStdout() throws IOException {
            throw new IOException("there is no stdout in VPOP3 Lua: use print, or io.output(file) first");
        }

        @Override
        protected File wrapStderr() throws IOException {
            throw new IOException("there is no stderr in VPOP3 Lua");
        }

        @Override
        protected File openProgram(String prog, String mode) throws IOException {
            throw new IOException("io.popen is disabled in VPOP3 Lua");
        }

        @Override
        protected File openFile(
                String filename, boolean readMode, boolean appendMode, boolean updateMode, boolean binaryMode)
                throws IOException {
            java.nio.file.Path path = OsLibrary.path(context, filename);
            if (Fifos.isFifo(path)) {
                throw new IOException(filename + ": is a FIFO, which waits for its other end: not opened");
            }
            String resolved = path.toString();
            try {
                return super.openFile(resolved, readMode, appendMode, updateMode, binaryMode);
            } catch (java.io.FileNotFoundException e) {
                // Java says "/the/absolute/path (reason)"; Lua says "name: reason", the name as the script gave it
                String text = String.valueOf(e.getMessage());
                int open = text.lastIndexOf(" (");
                String reason = open >= 0 && text.endsWith(")") ? text.substring(open + 2, text.length() - 1) : text;
                throw new IOException(filename + ": " + reason, e);
            }
        }
    }
}
