package org.jameslua.engine.lib;

import java.io.FileNotFoundException;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import org.jameslua.engine.folder.Fifos;
import org.jameslua.luaj.ObjectText;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.ArgumentError;
import org.luaj.vm2.lib.jse.JseIoLib;

/**
 * LuaJ's file library with relative names taken from the scripts folder, no standard streams, files opened as C's
 * {@code fopen} opens them ({@link OpenedFile}), and Lua 5.2's {@code io.lines}, reads and failures.
 */
final class FolderIoLib extends JseIoLib {
    /** What LuaJ puts before the message of a failed open. */
    static final String LUAJ_PREFIX = "io error: ";

    private static final String[] LUAJ_METHODS = {"close", "flush", "read", "write"};
    private static final LuaString INDEX = LuaValue.valueOf("__index");
    private static final LuaString TOSTRING = LuaValue.valueOf("__tostring");
    private static final LuaString GC = LuaValue.valueOf("__gc");

    private final InstanceContext context;
    /**
     * A file's metatable, as Lua 5.2's: the methods (a script may add its own, for every file), {@code __index} (the
     * table itself), {@code __tostring} and {@code __gc}. Made at the first file; LuaJ's files had none.
     */
    private LuaTable fileMetatable;

    FolderIoLib(InstanceContext context) {
        this.context = context;
    }

    /**
     * As C's {@code tmpfile}: the file is removed at once, its bytes kept until it is closed, where the system allows
     * (POSIX); elsewhere when the server stops. LuaJ's stayed until the server stopped.
     */
    @Override
    protected File tmpFile() throws IOException {
        Path path = Files.createTempFile("lua", ".tmp");
        OpenedFile file = OpenedFile.open(this, path, false, false, true);
        try {
            Files.delete(path);
        } catch (IOException e) {
            path.toFile().deleteOnExit();
        }
        return file;
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

    /**
     * {@code io.lines([name, ...])} as Lua 5.2's: the lines (or the formats given) of the named file, which is
     * closed at its end, or of the default input, which is not; the named file does not become the default input.
     */
    Varargs lines(Varargs args) {
        if (args.isnil(1)) {
            return linesOf(open(_io_input(LuaValue.NIL).arg1()), args.subargs(2), false);
        }
        String filename = args.checkjstring(1);
        try {
            return linesOf(openFile(filename, true, false, false, false), args.subargs(2), true);
        } catch (IOException e) {
            throw cannotOpen(filename, String.valueOf(e.getMessage()));
        }
    }

    /** Lua 5.2's {@code io_readline}: after the end, a file it closed is an error to read again. */
    private static LuaValue linesOf(File file, Varargs arguments, boolean closeAtEnd) {
        Varargs formats = kept(arguments);
        return Functions.of("lines", ignored -> {
            if (file.isclosed()) {
                throw new LuaError("file is already closed");
            }
            try {
                Varargs read = FileReads.read(source(file), formats, 2);
                if (!read.arg1().isnil()) {
                    return read;
                }
                if (closeAtEnd) {
                    file.close();
                }
                return LuaValue.NONE;
            } catch (IOException e) {
                throw new LuaError(FileFailure.reason(e));
            }
        });
    }

    /**
     * The values, copied: LuaJ passes three or more arguments as a view of the caller's registers, which its next
     * instructions overwrite, so a function kept after the call must not keep that view.
     */
    private static Varargs kept(Varargs values) {
        LuaValue[] copy = new LuaValue[values.narg()];
        for (int i = 0; i < copy.length; i++) {
            copy[i] = values.arg(i + 1);
        }
        return LuaValue.varargsOf(copy);
    }

    /** The files' metatable, made with the methods LuaJ gives {@code file} and Lua 5.2's {@code lines} and {@code seek}. */
    private LuaTable fileMetatable(OpenedFile file) {
        if (fileMetatable == null) {
            LuaTable methods = new LuaTable();
            for (String name : LUAJ_METHODS) {
                LuaString key = LuaValue.valueOf(name);
                methods.rawset(key, file.luajMethod(key));
            }
            // LuaJ's lines and seek do not see the arguments Lua 5.2's read: formats, a fractional offset; its
            // setvbuf reads the mode before it looks at the file
            methods.rawset(LuaValue.valueOf("lines"), Functions.of("lines", this, FolderIoLib::fileLines));
            methods.rawset(LuaValue.valueOf("seek"), Functions.of("seek", this, FolderIoLib::fileSeek));
            methods.rawset(LuaValue.valueOf("setvbuf"), Functions.of("setvbuf", this, FolderIoLib::fileSetvbuf));
            // as Lua 5.2's: the metatable holds the methods and is its own __index
            methods.rawset(INDEX, methods);
            methods.rawset(
                    TOSTRING,
                    Functions.of(
                            "tostring", args -> LuaValue.valueOf(anyFile(args).tojstring())));
            methods.rawset(GC, Functions.of("__gc", args -> closedByCollector(anyFile(args))));
            fileMetatable = methods;
        }
        return fileMetatable;
    }

    /** The first argument, a file open or closed: Lua 5.2's {@code tolstream}, which its metamethods use. */
    private LuaValue anyFile(Varargs args) {
        LuaValue file = args.arg1();
        if (_io_type(file).arg1().isnil()) {
            throw ArgumentError.problem(1, "FILE* expected, got " + (args.narg() == 0 ? "no value" : file.typename()));
        }
        return file;
    }

    /**
     * What Lua 5.2's {@code __gc} does, for a script that calls it (the collector itself closes a file through
     * {@link InstanceFiles}): closes the file if it is open, raising nothing.
     */
    private static Varargs closedByCollector(LuaValue file) {
        if (file instanceof OpenedFile && !((OpenedFile) file).isclosed()) {
            ((OpenedFile) file).close();
        }
        return LuaValue.NONE;
    }

    /** {@code file:lines(...)}: the lines, or the formats given, of the file, which is left open at its end. */
    private static Varargs fileLines(FolderIoLib library, Varargs args) {
        return linesOf(library.open(args.arg1()), args.subargs(2), false);
    }

    /**
     * {@code file:seek([whence [, offset]])} as Lua 5.2's: {@code "set"}, {@code "cur"} or {@code "end"}, a whole
     * offset; the new position, or {@code nil, reason, errno}.
     */
    private static Varargs fileSeek(FolderIoLib library, Varargs args) {
        OpenedFile file = (OpenedFile) library.open(args.arg1());
        String whence = args.optjstring(2, "cur");
        if (!whence.equals("set") && !whence.equals("cur") && !whence.equals("end")) {
            throw ArgumentError.problem(2, "invalid option '" + whence + "'");
        }
        double offset = args.optdouble(3, 0);
        // C's off_t holds -2^63 but not 2^63, which Java's cast would take as 2^63 - 1
        if (offset != (long) offset || offset >= 0x1p63) {
            throw ArgumentError.problem(3, "not an integer in proper range");
        }
        try {
            return LuaValue.valueOf(file.seek(whence, (long) offset));
        } catch (IOException e) {
            return FileFailure.result(e, null);
        }
    }

    /**
     * {@code file:setvbuf(mode [, size])} as Lua 5.2's: the file, then {@code "no"}, {@code "full"} or {@code "line"},
     * then a number; true. Writes are not buffered ({@link OpenedFile}), so every mode is as {@code "no"}.
     */
    private static Varargs fileSetvbuf(FolderIoLib library, Varargs args) {
        library.open(args.arg1());
        String mode = args.checkjstring(2);
        if (!mode.equals("no") && !mode.equals("full") && !mode.equals("line")) {
            throw ArgumentError.problem(2, "invalid option '" + mode + "'");
        }
        args.optdouble(3, 0);
        return LuaValue.TRUE;
    }

    /** {@code io.close()} of the default output; without one, the reason in Lua's words, not LuaJ's "io error: ...". */
    @Override
    public Varargs _io_close(LuaValue file) {
        if (!file.isnil()) {
            open(file); // Lua 5.2's check and wording: FILE* expected, got string
        }
        return opening(null, () -> {
            try {
                return super._io_close(file);
            } catch (IOException e) {
                return FileFailure.result(e, null);
            }
        });
    }

    /** {@code io.flush()} of the default output, as {@link #_io_close}. */
    @Override
    public Varargs _io_flush() {
        return opening(null, () -> {
            try {
                return super._io_flush();
            } catch (IOException e) {
                return FileFailure.result(e, null);
            }
        });
    }

    /** {@code io.input(name)} opens the file to read, as Lua 5.2's, or fails in its words. */
    @Override
    public Varargs _io_input(LuaValue file) {
        return opening(file.isstring() ? file.tojstring() : null, () -> super._io_input(file));
    }

    /** {@code io.output(name)} opens the file to write, as Lua 5.2's, or fails in its words. */
    @Override
    public Varargs _io_output(LuaValue file) {
        return opening(file.isstring() ? file.tojstring() : null, () -> super._io_output(file));
    }

    /**
     * What LuaJ's opening of a file (or of a standard stream, {@code filename} null) returned; its failure,
     * "io error: name: reason", in Lua 5.2's words: "cannot open file 'name' (reason)".
     */
    private static <T> T opening(String filename, java.util.function.Supplier<T> open) {
        try {
            return open.get();
        } catch (LuaError e) {
            String message = String.valueOf(e.getMessage());
            if (!message.startsWith(LUAJ_PREFIX)) {
                throw e;
            }
            String failure = message.substring(LUAJ_PREFIX.length());
            throw filename == null ? new LuaError(failure) : cannotOpen(filename, failure);
        }
    }

    /** A failure to open, "name: reason" as {@link #openFile} words it, in Lua 5.2's words. */
    private static LuaError cannotOpen(String filename, String failure) {
        String reason = failure.startsWith(filename + ": ") ? failure.substring(filename.length() + 2) : failure;
        return new LuaError("cannot open file '" + filename + "' (" + reason + ")");
    }

    /** A failed read is Lua 5.2's {@code nil, reason, errno} (a file opened only to write: Bad file descriptor). */
    @Override
    public Varargs _file_read(LuaValue file, Varargs formats) {
        return readOrFailure(open(file), formats, 2);
    }

    @Override
    public Varargs _io_read(Varargs formats) {
        return readOrFailure(standard(_io_input(LuaValue.NIL).arg1(), "input"), formats, 1);
    }

    private static Varargs readOrFailure(File file, Varargs formats, int firstArgument) {
        try {
            return FileReads.read(source(file), formats, firstArgument);
        } catch (IOException e) {
            return FileFailure.result(e, null);
        }
    }

    /**
     * Writes the values in one write, so a line written as several values by sessions appending to one file is
     * not split by another's (C's stdio wrote it out whole from its buffer); a failure is Lua 5.2's
     * {@code nil, reason, errno}, not LuaJ's "io error: ...".
     */
    @Override
    public Varargs _file_write(LuaValue file, Varargs values) throws IOException {
        open(file);
        return writeUpToABadValue(values, 2, written -> super._file_write(file, written));
    }

    @Override
    public Varargs _io_write(Varargs values) throws IOException {
        standard(_io_output(LuaValue.NIL).arg1(), "output");
        return writeUpToABadValue(values, 1, super::_io_write);
    }

    /** A write of LuaJ's, given the values to write. */
    private interface Write {
        Varargs to(Varargs values) throws IOException;
    }

    /**
     * Lua 5.2's {@code g_write}: the values are written in turn, and one that is neither a string nor a number
     * raises its argument error (numbered from {@code first}) after those before it were written.
     */
    private static Varargs writeUpToABadValue(Varargs values, int first, Write write) {
        int bad = 0;
        while (bad < values.narg() && values.arg(bad + 1).isstring()) {
            bad++;
        }
        Varargs result;
        try {
            result = write.to(joined(bad == values.narg() ? values : firstOf(values, bad)));
        } catch (IOException e) {
            result = FileFailure.result(e, null);
        }
        if (bad < values.narg()) {
            throw ((ArgumentError) ArgumentError.expected(values.arg(bad + 1), "string")).at(first + bad);
        }
        return result;
    }

    private static Varargs firstOf(Varargs values, int count) {
        LuaValue[] first = new LuaValue[count];
        for (int i = 0; i < count; i++) {
            first[i] = values.arg(i + 1);
        }
        return LuaValue.varargsOf(first);
    }

    /** The values (strings, or numbers written as Lua writes them) as one string; nothing for none. */
    private static Varargs joined(Varargs values) {
        if (values.narg() <= 1) {
            return values;
        }
        LuaString[] parts = new LuaString[values.narg()];
        for (int i = 0; i < parts.length; i++) {
            parts[i] = values.arg(i + 1).checkstring();
        }
        return ScriptText.joined(parts);
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

    /** The default input or output file of {@code io.read} and {@code io.write}: Lua 5.2's {@code getiofile}. */
    private File standard(LuaValue file, String which) {
        if ("closed file".equals(_io_type(file).arg1().optjstring(""))) {
            throw new LuaError("standard " + which + " file is closed");
        }
        return open(file);
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
        if (!readMode && filename.endsWith("/")) {
            // C's open that may create the file (w, a) refuses a name ending in '/', whatever it names
            throw new IOException(filename + ": Is a directory");
        }
        Path path;
        try {
            path = OsLibrary.cFile(context, filename);
        } catch (NoSuchFileException | NotDirectoryException e) {
            throw new IOException(filename + ": " + FileFailure.reason(e), e);
        }
        if (Fifos.isFifo(path)) {
            throw new IOException(filename + ": is a FIFO, which waits for its other end: not opened");
        }
        try {
            return OpenedFile.open(this, path, readMode, appendMode, updateMode);
        } catch (FileNotFoundException e) {
            // Java says "/the/absolute/path (reason)"; Lua says "name: reason", the name as the script gave it
            String text = String.valueOf(e.getMessage());
            int open = text.lastIndexOf(" (");
            String reason = open >= 0 && text.endsWith(")") ? text.substring(open + 2, text.length() - 1) : text;
            throw new IOException(filename + ": " + reason, e);
        }
    }

    /**
     * A file {@code io.open} opened, with the access C's {@code fopen} gives each mode: {@code r} reads, {@code w} and
     * {@code a} write, {@code +} does both; {@code a} writes at the end whatever the position. A read or write the mode
     * does not allow fails as C's does, with {@code Bad file descriptor}. LuaJ's files opened {@code r+} read-only (its
     * writes were lost), let {@code w} and {@code a} files be read, wrote an {@code a} file where a seek had left it,
     * and truncated a device ({@code /dev/null}), which cannot be.
     */
    private static final class OpenedFile extends File {
        /** C's strerror for EBADF, which {@link FileFailure} maps to its errno. */
        private static final String BAD_DESCRIPTOR = "Bad file descriptor";
        /** C's strerror for EINVAL: a seek before the start. */
        private static final String INVALID_ARGUMENT = "Invalid argument";
        /** What glibc's stdio reads ahead on a local file system. */
        private static final int READ_AHEAD = 4096;

        private final RandomAccessFile file;
        /**
         * For an "a" or "a+" file: writes at the end of the file as it is at each write (O_APPEND), as C's. A stream,
         * not a channel: a channel closes itself when its thread is interrupted (os.sleep keeps an interrupt).
         */
        private final FileOutputStream appender;

        private final boolean readable;
        private final boolean writable;
        private boolean closed;
        /** Closes the file and gives its place back ({@link InstanceFiles}), once. */
        private Runnable closer;

        /**
         * Bytes read from the file ahead of the script, as C's stdio reads a block (glibc: st_blksize, 4 KiB) at a
         * time: a line was read a byte per system call, seconds for a file of megabytes that lua5.2 reads in
         * milliseconds. The file's own position is past them; a write or seek first moves it back to the script's.
         */
        private final byte[] ahead;

        private int aheadAt;
        private int aheadEnd;

        private final FolderIoLib library;

        private OpenedFile(
                FolderIoLib library,
                RandomAccessFile file,
                FileOutputStream appender,
                boolean readable,
                boolean writable) {
            library.super();
            this.library = library;
            this.file = file;
            this.appender = appender;
            this.readable = readable;
            this.writable = writable;
            this.ahead = readable ? new byte[READ_AHEAD] : null;
        }

        /**
         * Opens {@code path} as {@code fopen} does for the mode ({@code read}: {@code r}, else {@code w} or {@code a};
         * {@code update}: {@code +}). Throws {@link FileNotFoundException} with Java's "path (reason)" when it cannot.
         */
        static OpenedFile open(FolderIoLib library, Path path, boolean read, boolean append, boolean update)
                throws IOException {
            if (read && update) {
                // "r+" opens a file that is there; Java's "rw" would make one. Its lookup's failure is C's: No such
                // file or directory, or Not a directory (a file where the name has a folder)
                try {
                    Files.readAttributes(path, BasicFileAttributes.class);
                } catch (FileSystemException e) {
                    throw new FileNotFoundException(path + " (" + FileFailure.reason(e) + ")");
                }
            }
            RandomAccessFile file = new RandomAccessFile(path.toFile(), read && !update ? "r" : "rw");
            FileOutputStream appender = null;
            try {
                if (!read && !append && Files.isRegularFile(path)) {
                    file.setLength(0);
                }
                if (append && !update) {
                    // glibc starts an "a" file at its end, an "a+" file at its start (for reading)
                    file.seek(file.length());
                }
                appender = append ? new FileOutputStream(path.toFile(), true) : null;
                OpenedFile opened = new OpenedFile(library, file, appender, read || update, !read || update);
                // fails past the bounds of open files
                opened.closer = library.context.files().opened(opened, file, appender);
                return opened;
            } catch (IOException e) {
                file.close();
                if (appender != null) {
                    appender.close();
                }
                throw e;
            }
        }

        @Override
        public void write(LuaString s) throws IOException {
            if (s.m_length == 0) {
                // C's fwrite of nothing writes nothing and fails on no file, even one opened only to read
                return;
            }
            if (!writable) {
                throw new IOException(BAD_DESCRIPTOR);
            }
            library.context.budget().checkWrite(s.m_length);
            forgetReadAhead();
            // the string's own bytes, as LuaJ's files wrote them: a copy of each would be allocated between two looks
            // at the call's bounds
            if (appender == null) {
                file.write(s.m_bytes, s.m_offset, s.m_length);
                return;
            }
            appender.write(s.m_bytes, s.m_offset, s.m_length);
            // C's position after an append is the end
            file.seek(file.length());
        }

        /** Writes go straight to the file: there is nothing to flush. */
        @Override
        public void flush() {}

        @Override
        public boolean isstdfile() {
            return false;
        }

        @Override
        public void close() {
            closed = true;
            closer.run();
        }

        @Override
        public boolean isclosed() {
            return closed;
        }

        /** Its methods: through its metatable's {@code __index}, a table or a function, as in Lua 5.2. */
        @Override
        public LuaValue get(LuaValue key) {
            library.fileMetatable(this);
            return gettable(this, key);
        }

        @Override
        public LuaValue getmetatable() {
            return library.fileMetatable(this);
        }

        LuaValue luajMethod(LuaString key) {
            return super.get(key);
        }

        @Override
        public int seek(String whence, int offset) throws IOException {
            return (int) seek(whence, (long) offset);
        }

        long seek(String whence, long offset) throws IOException {
            forgetReadAhead();
            long base = whence.equals("set") ? 0 : whence.equals("end") ? file.length() : file.getFilePointer();
            long position = base + offset;
            if (position < 0) {
                throw new IOException(INVALID_ARGUMENT);
            }
            file.seek(position);
            return position;
        }

        /** Writes are not buffered, so every mode is as {@code "no"} ({@link #fileSetvbuf}). */
        @Override
        public void setvbuf(String mode, int size) {}

        @Override
        public int remaining() throws IOException {
            readable();
            long position = file.getFilePointer() - (aheadEnd - aheadAt);
            return (int) Math.min(Integer.MAX_VALUE, Math.max(0, file.length() - position));
        }

        @Override
        public int peek() throws IOException {
            readable();
            return aheadAt < aheadEnd || readAhead() ? ahead[aheadAt] & 0xff : -1;
        }

        @Override
        public int read() throws IOException {
            readable();
            return aheadAt < aheadEnd || readAhead() ? ahead[aheadAt++] & 0xff : -1;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            readable();
            if (length == 0) {
                return 0;
            }
            if (aheadAt == aheadEnd && length >= READ_AHEAD) {
                // a block or more: straight into the script's buffer, as C's fread does
                return file.read(buffer, offset, length);
            }
            if (aheadAt == aheadEnd && !readAhead()) {
                return -1;
            }
            int taken = Math.min(length, aheadEnd - aheadAt);
            System.arraycopy(ahead, aheadAt, buffer, offset, taken);
            aheadAt += taken;
            return taken;
        }

        // false at the end of the file
        private boolean readAhead() throws IOException {
            int read = file.read(ahead, 0, ahead.length);
            aheadAt = 0;
            aheadEnd = Math.max(0, read);
            return read > 0;
        }

        // puts the file's position back where the script's reading is, before a write or a seek
        private void forgetReadAhead() throws IOException {
            if (aheadAt < aheadEnd) {
                file.seek(file.getFilePointer() - (aheadEnd - aheadAt));
            }
            aheadAt = 0;
            aheadEnd = 0;
        }

        @Override
        public String tojstring() {
            return ObjectText.ofFile(this, closed);
        }

        private void readable() throws IOException {
            if (!readable) {
                throw new IOException(BAD_DESCRIPTOR);
            }
        }
    }
}
