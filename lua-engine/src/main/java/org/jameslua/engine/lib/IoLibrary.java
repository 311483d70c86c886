package org.jameslua.engine.lib;

import java.util.function.BiFunction;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.ArgumentError;

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
    /** The functions besides open whose first argument, when a string, is a file name. */
    private static final java.util.Set<String> NAMING = java.util.Set.of("input", "output");
    /** The modes Lua 5.2's io.open accepts ({@code [rwa]%+?b?}), as C's fopen takes them. */
    private static final java.util.regex.Pattern OPEN_MODE = java.util.regex.Pattern.compile("[rwa]\\+?b?");

    private static final LuaString PACKAGE = LuaValue.valueOf("package");
    private static final LuaString LOADED = LuaValue.valueOf("loaded");

    @Override
    public void install(Globals globals, InstanceContext context) {
        FileFunctions files = new FileFunctions(context);
        LuaTable io = new LuaTable(0, FILE_FUNCTIONS.length + 1);
        for (int i = 0; i < FILE_FUNCTIONS.length; i++) {
            io.rawset(FILE_KEYS[i], files.function(i));
        }
        globals.rawset(IO, io);
        globals.rawget(PACKAGE).get(LOADED).set(IO, io);
    }

    /** io.open's failure as Lua 5.2 gives it: {@code nil, "name: reason", errno}. */
    private static Varargs asLua52(Varargs result) {
        if (!result.arg1().isnil() || !result.arg(2).isstring()) {
            return result;
        }
        String message = result.arg(2).tojstring();
        return FileFailure.result(
                message.startsWith(FolderIoLib.LUAJ_PREFIX)
                        ? message.substring(FolderIoLib.LUAJ_PREFIX.length())
                        : message);
    }

    /** An instance's LuaJ file library, made at its first use; it keeps the current input and output files. */
    private static final class FileFunctions {
        private final InstanceContext context;
        private LuaTable functions;
        private FolderIoLib library;

        FileFunctions(InstanceContext context) {
            this.context = context;
        }

        LuaValue function(int index) {
            return Functions.of(FILE_FUNCTIONS[index], this, FILE_BODIES[index]);
        }

        /** What each function does with an instance's file library, made once: the functions hold only their instance. */
        @SuppressWarnings("unchecked")
        private static final BiFunction<FileFunctions, Varargs, Varargs>[] FILE_BODIES =
                java.util.stream.IntStream.range(0, FILE_FUNCTIONS.length)
                        .mapToObj(FileFunctions::body)
                        .toArray(BiFunction[]::new);

        private static BiFunction<FileFunctions, Varargs, Varargs> body(int index) {
            LuaString key = FILE_KEYS[index];
            if (FILE_FUNCTIONS[index].equals("open")) {
                return (files, args) -> {
                    ScriptText.checkName(args, 1);
                    if (!OPEN_MODE.matcher(ScriptText.argument(args, 2, "r")).matches()) {
                        throw ArgumentError.problem(2, "invalid mode");
                    }
                    return asLua52(files.functions().get(key).invoke(args));
                };
            }
            if (FILE_FUNCTIONS[index].equals("type")) {
                // Lua 5.2's checks for an argument: io.type(nil) is nil, io.type() an error
                return (files, args) -> {
                    if (args.narg() == 0) {
                        throw ArgumentError.problem(1, "value expected");
                    }
                    return files.functions().get(key).invoke(args);
                };
            }
            if (FILE_FUNCTIONS[index].equals("close")) {
                // Lua 5.2's: io.close() closes the default output, io.close(nil) is no file (LuaJ takes both alike)
                return (files, args) -> {
                    if (args.narg() > 0 && args.arg1().isnil()) {
                        throw ArgumentError.problem(1, "FILE* expected, got nil");
                    }
                    return files.functions().get(key).invoke(args);
                };
            }
            if (FILE_FUNCTIONS[index].equals("lines")) {
                // LuaJ's io.lines takes no formats and makes the file it opens the default input
                return (files, args) -> {
                    ScriptText.checkName(args, 1);
                    return files.library().lines(args);
                };
            }
            if (NAMING.contains(FILE_FUNCTIONS[index])) {
                return (files, args) -> {
                    ScriptText.checkName(args, 1);
                    return files.functions().get(key).invoke(args);
                };
            }
            return (files, args) -> files.functions().get(key).invoke(args);
        }

        private synchronized FolderIoLib library() {
            functions();
            return library;
        }

        /** Loaded into globals of its own: LuaJ's library installs itself as {@code io}, which the script's is. */
        private synchronized LuaTable functions() {
            if (functions == null) {
                Globals own = new Globals();
                LuaTable packageTable = new LuaTable();
                packageTable.rawset(LOADED, new LuaTable());
                own.rawset(PACKAGE, packageTable);
                library = new FolderIoLib(context);
                functions = (LuaTable) own.load(library);
            }
            return functions;
        }
    }
}
