package org.jameslua.engine.lib;

import java.io.IOException;
import java.util.function.BiFunction;
import org.jameslua.engine.folder.Fifos;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaError;
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
    /** The functions besides open whose first argument, when a string, is a file name. */
    private static final java.util.Set<String> NAMING = java.util.Set.of("lines", "input", "output");
    /** The modes Lua 5.2's io.open accepts, as C's fopen takes them. */
    private static final java.util.regex.Pattern OPEN_MODE = java.util.regex.Pattern.compile("[rwa]\\+?b*");

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

    private static final String LUAJ_PREFIX = "io error: ";

    /** io.open's failure as Lua 5.2 gives it: {@code nil, "name: reason", errno}. */
    private static Varargs asLua52(Varargs result) {
        if (!result.arg1().isnil() || !result.arg(2).isstring()) {
            return result;
        }
        String message = result.arg(2).tojstring();
        return FileFailure.result(message.startsWith(LUAJ_PREFIX) ? message.substring(LUAJ_PREFIX.length()) : message);
    }

    /** An instance's LuaJ file library, made at its first use; it keeps the current input and output files. */
    private static final class FileFunctions {
        private final InstanceContext context;
        private LuaTable functions;

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
            if (NAMING.contains(FILE_FUNCTIONS[index])) {
                return (files, args) -> {
                    ScriptText.checkName(args, 1);
                    return files.functions().get(key).invoke(args);
                };
            }
            return (files, args) -> files.functions().get(key).invoke(args);
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

        /** {@code io.lines(name)} of a file that cannot be opened raises Lua 5.2's error, naming the file. */
        @Override
        public Varargs _io_lines(String filename) {
            try {
                return super._io_lines(filename);
            } catch (LuaError e) {
                String message = String.valueOf(e.getMessage());
                String cause = LUAJ_PREFIX + filename + ": ";
                if (filename == null || !message.startsWith(cause)) {
                    throw e;
                }
                throw new LuaError("cannot open file '" + filename + "' (" + message.substring(cause.length()) + ")");
            }
        }

        @Override
        public Varargs _file_read(LuaValue file, Varargs formats) throws IOException {
            return FileReads.read(source(open(file)), formats, 2);
        }

        /** The next line for {@code io.lines} and {@code file:lines}, read as {@code *l} reads it. */
        @Override
        public Varargs _lines_iter(LuaValue file) throws IOException {
            if ("closed file".equals(_io_type(file).arg1().optjstring(""))) {
                throw new LuaError("file is already closed");
            }
            return FileReads.line(source(open(file)), false);
        }

        @Override
        public Varargs _io_read(Varargs formats) throws IOException {
            return FileReads.read(source(open(_io_input(LuaValue.NIL).arg1())), formats, 1);
        }

        /** Writes as LuaJ does; a failure is Lua 5.2's {@code nil, reason, errno}, not LuaJ's "io error: ...". */
        @Override
        public Varargs _file_write(LuaValue file, Varargs values) throws IOException {
            checkWritable(values, 2);
            try {
                return super._file_write(file, values);
            } catch (IOException e) {
                return FileFailure.result(e, null);
            }
        }

        @Override
        public Varargs _io_write(Varargs values) throws IOException {
            checkWritable(values, 1);
            try {
                return super._io_write(values);
            } catch (IOException e) {
                return FileFailure.result(e, null);
            }
        }

        /** {@code file:seek} takes {@code "set"}, {@code "cur"} or {@code "end"} only, as Lua 5.2's. */
        @Override
        public Varargs _file_seek(LuaValue file, String whence, int offset) throws IOException {
            if (!whence.equals("set") && !whence.equals("cur") && !whence.equals("end")) {
                throw ArgumentError.problem(2, "invalid option '" + whence + "'");
            }
            return super._file_seek(file, whence, offset);
        }

        /** Lua 5.2's {@code g_write} checks each value, numbered as the call's arguments from {@code first} on. */
        private static void checkWritable(Varargs values, int first) {
            for (int i = 1; i <= values.narg(); i++) {
                if (!values.arg(i).isstring()) {
                    throw ((ArgumentError) ArgumentError.expected(values.arg(i), "string")).at(first + i - 1);
                }
            }
        }

        private static FileReads.Source source(File file) {
            return new FileReads.Source() {
                @Override
                public int peek() throws IOException {
                    return file.peek();
                }

                @Override
                public int read() throws IOException {
                    return file.read();
                }

                @Override
                public int read(byte[] buffer, int offset, int length) throws IOException {
                    return file.read(buffer, offset, length);
                }
            };
        }

        /** The file a read is from: Lua 5.2's {@code tofile}. */
        private File open(LuaValue file) {
            LuaValue type = _io_type(file).arg1();
            if (type.isnil()) {
                throw ArgumentError.problem(1, "FILE* expected, got " + file.typename());
            }
            if (!type.tojstring().equals("file")) {
                throw new LuaError("attempt to use a closed file");
            }
            return (File) file;
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
