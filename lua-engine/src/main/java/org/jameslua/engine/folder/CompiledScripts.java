package org.jameslua.engine.folder;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.UnaryOperator;
import org.jameslua.engine.ScriptError;
import org.jameslua.engine.SourceLine;
import org.jameslua.luaj.RunningInstance;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Prototype;
import org.luaj.vm2.compiler.LuaC;

/**
 * Compiled scripts of a folder, compiled once and reused by every instance.
 *
 * <p>Each use checks the file's modification time and size, so an operator's edit is picked up by the
 * next instance without a restart. A version that no longer compiles is reported once in
 * {@code LUAERRORS.LOG}, and the last version that did compile keeps serving.
 */
public final class CompiledScripts {
    private final ScriptFolder folder;
    private final ErrorLog errorLog;
    private final UnaryOperator<String> sourceRewriter;
    private final ScriptFileReads reads;
    /** How long a file may take to compile outside any call ({@link CompileDeadline}). */
    private final Duration compileTime;

    private final CompiledMemory memory;
    /**
     * Larger files are refused unread: compiling one of hundreds of megabytes took the heap of a James at
     * -Xmx512m (an OutOfMemoryError on the session's thread, the script gone for every session).
     */
    static final long MAX_SOURCE_BYTES = 16L * 1024 * 1024;
    /**
     * The size of an entry whose file could not be read; it is read again at every use, as making a file readable
     * (chmod) does not change its modification time.
     */
    private static final long UNREADABLE = -2;
    /** Ctrl-Z, the end of a file read in Windows' text mode. */
    private static final byte WINDOWS_END_OF_FILE = 26;

    private final ConcurrentMap<String, Entry> entries = new ConcurrentHashMap<>();

    /**
     * @param sourceRewriter applied to the source text (bytes read as ISO-8859-1) before compiling; it
     *                       must keep line numbers so that error lines match the file
     * @param compileTime    how long a file may take to compile outside any call: the time bound of a call
     * @param memory         what the compiled files may keep together
     */
    public CompiledScripts(
            ScriptFolder folder,
            ErrorLog errorLog,
            UnaryOperator<String> sourceRewriter,
            Duration compileTime,
            CompiledMemory memory) {
        this(folder, errorLog, sourceRewriter, compileTime, memory, new ScriptFileReads());
    }

    CompiledScripts(
            ScriptFolder folder,
            ErrorLog errorLog,
            UnaryOperator<String> sourceRewriter,
            Duration compileTime,
            CompiledMemory memory,
            ScriptFileReads reads) {
        this.folder = folder;
        this.errorLog = errorLog;
        this.sourceRewriter = sourceRewriter;
        this.compileTime = compileTime;
        this.memory = memory;
        this.reads = reads;
    }

    /** The current compiled form of a script, or empty when there is no such file or no version ever compiled. */
    public Optional<Script> get(String name) {
        return withoutCompiling(name).orElseGet(() -> {
            String spelt = spelling(name);
            return entries.compute(entryKey(spelt), (k, previous) -> {
                        Entry next;
                        if (previous != null && !serves(previous, spelt)) {
                            // another file won the key meanwhile: its last good version is not this one's
                            next = load(name, null);
                        } else {
                            next = previous != null && previous.isFresh() ? previous : load(name, previous);
                        }
                        release(previous, next);
                        return next;
                    })
                    .script();
        });
    }

    /**
     * As {@link #get}, from what is compiled already: empty when that is not current, the file having changed
     * (or never been looked at) since, so that it must be read or compiled first. Only checks the file, for a
     * thread that must not wait for a compile; the inner value is {@link #get}'s.
     */
    public Optional<Optional<Script>> withoutCompiling(String name) {
        // entryKey chose the entry that serves the name
        Entry current = entries.get(entryKey(spelling(name)));
        return current != null && current.isFresh() ? Optional.of(current.script()) : Optional.empty();
    }

    /**
     * What serves a script now, for operators: checks the file first, as {@link #get} does, so an edit shows
     * (and a new compile error is logged) at once.
     */
    public ScriptState state(String name) {
        String spelt = spelling(name);
        Entry entry = entries.get(entryKey(spelt));
        if (entry == null || !entry.isFresh()) {
            // looked for only when the entry must be made or checked again (an entry that is fresh answers alone, as
            // for a host asking once per mail): nothing is kept for a name of no file, as a script's loadfile may
            // name millions of them
            if (folder.find(name).isEmpty()) {
                return new ScriptState(Optional.empty(), Optional.empty());
            }
            get(name);
            entry = entries.get(entryKey(spelt));
        }
        return entry == null
                ? new ScriptState(Optional.empty(), Optional.empty())
                : new ScriptState(entry.versionInUse, entry.compileError);
    }

    /**
     * The key of the entry for a name {@link #spelling spelt} as find() reads it: the spelling in lower case, one key
     * for every spelling {@link ScriptFolder#find} takes alike ({@code ./x.lua}, {@code .//X.LUA}), as a script's
     * {@code loadfile} could otherwise have one file compiled and kept once per spelling; unless that entry holds
     * another file than the one the name finds. On a case-sensitive file system {@code alice/} and {@code Alice/} (or
     * {@code route.lua} and {@code ROUTE.LUA}) are different files, each found by its exact name: the second then has
     * an entry of its own, keyed by that exact name (one per file on disk, so the cache stays bounded by the files).
     */
    private String entryKey(String spelt) {
        String key = spelt.toLowerCase(Locale.ROOT);
        Entry entry = entries.get(key);
        return entry == null || serves(entry, spelt) ? key : key + '\0' + spelt;
    }

    /**
     * Whether {@code entry} holds the file the name spelt {@code exact} finds: its file is spelt so, or no file is spelt
     * exactly so (then {@link ScriptFolder#find} matches letter case as it comes, and the entry's file is such a
     * match), or the name spelt exactly is the same file (a case-insensitive file system). An entry of no file
     * holds for every spelling, as find() finds none of them.
     */
    private boolean serves(Entry entry, String exact) {
        if (entry.chunkName.isEmpty()) {
            return true;
        }
        if (entry.chunkName.get().equals(exact)) {
            return true;
        }
        Path asWritten = folder.root().resolve(exact);
        if (!Files.exists(asWritten, LinkOption.NOFOLLOW_LINKS)) {
            return true;
        }
        try {
            return Files.isSameFile(asWritten, entry.path);
        } catch (IOException e) {
            // the entry's file is gone, or the name is a broken link: the name gets an entry of its own, as find()
            // answers for it
            return false;
        }
    }

    /** The name as {@link ScriptFolder#find} reads it: {@code \\} for {@code /}, no {@code ./} or empty segments. */
    private static String spelling(String name) {
        String slashed = name.replace('\\', '/');
        StringBuilder key = new StringBuilder(slashed.startsWith("/") ? "/" : "");
        for (String segment : slashed.split("/")) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (key.length() > 0 && key.charAt(key.length() - 1) != '/') {
                key.append('/');
            }
            key.append(segment);
        }
        return key.toString();
    }

    /** Releases the charge of the script {@code previous} served, if {@code next} serves another (or none). */
    private void release(Entry previous, Entry next) {
        Optional<Script> dropped = previous == null ? Optional.empty() : previous.script();
        if (dropped.isPresent() && (next.script().isEmpty() || next.script().get() != dropped.get())) {
            memory.release(dropped.get().keptBytes + dropped.get().copies.release());
        }
    }

    /** How many names the cache holds: each name of a file asked for once, whatever its spelling. */
    int cachedNames() {
        return entries.size();
    }

    private Entry load(String name, Entry previous) {
        Optional<Path> path = folder.find(name);
        if (path.isEmpty()) {
            return Entry.absent(folder.nearestDirectory(name));
        }
        String chunkName = folder.root().relativize(path.get()).toString().replace('\\', '/');
        BasicFileAttributes attributes;
        byte[] bytes;
        try {
            attributes = Files.readAttributes(path.get(), BasicFileAttributes.class);
            if (!attributes.isRegularFile()) {
                // opening a FIFO to read waits for a writer, for ever, in the lock of this script's entry
                return unread(
                        path.get(), attributes, previous, chunkName, "cannot read the file: it is not a regular file");
            }
            if (attributes.size() > MAX_SOURCE_BYTES) {
                return unread(
                        path.get(),
                        attributes,
                        previous,
                        chunkName,
                        "the file is " + attributes.size() + " bytes, over the limit of " + MAX_SOURCE_BYTES
                                + " for a script");
            }
            int slash = chunkName.indexOf('/');
            String ownFolder = slash < 0 ? "" : chunkName.substring(0, slash).toLowerCase(Locale.ROOT);
            bytes = reads.read(path.get(), ownFolder, MAX_SOURCE_BYTES);
        } catch (IOException e) {
            return failed(
                    path.get(),
                    FileTime.fromMillis(0),
                    UNREADABLE,
                    previous,
                    chunkName,
                    Optional.empty(),
                    "cannot read the file: " + e);
        }
        try {
            Prototype prototype = compileBounded(bytes, chunkName);
            OptionalLong kept = memory.charge(prototype);
            if (kept.isEmpty()) {
                return failed(
                        path.get(),
                        attributes.lastModifiedTime(),
                        attributes.size(),
                        previous,
                        chunkName,
                        Optional.empty(),
                        "compiled, it would take what the folder's compiled scripts keep together past "
                                + memory.bound() + " bytes (limit.retained.total.bytes)");
            }
            return new Entry(
                    path.get(),
                    Optional.of(chunkName),
                    attributes.lastModifiedTime(),
                    attributes.size(),
                    Optional.of(new Script(chunkName, prototype, kept.getAsLong(), memory)),
                    Optional.of(attributes.lastModifiedTime()),
                    Optional.empty());
        } catch (LuaError | IOException e) {
            String message = e.getMessage() == null ? e.toString() : e.getMessage();
            return failed(
                    path.get(),
                    attributes.lastModifiedTime(),
                    attributes.size(),
                    previous,
                    chunkName,
                    SourceLine.leading(message),
                    message);
        }
    }

    /**
     * Compiles a file of the folder within a time bound: inside a call ({@code dofile}, {@code require}) the call's
     * own, whose end fails the call and keeps nothing; outside any call {@link #compileTime}, whose end is the file's
     * compile error until it changes.
     */
    private Prototype compileBounded(byte[] bytes, String chunkName) throws IOException {
        if (RunningInstance.bounds() != null) {
            return compileFile(bytes, chunkName);
        }
        // no instance runs: the compile's own bounds, and no string table (the compiler calls no string method)
        RunningInstance outer = new RunningInstance(new CompileDeadline(compileTime), null).enter();
        try {
            return compileFile(bytes, chunkName);
        } finally {
            RunningInstance.leave(outer);
        }
    }

    /** A file not read at all: its attributes say why. */
    private Entry unread(Path path, BasicFileAttributes attributes, Entry previous, String chunkName, String message) {
        return failed(
                path, attributes.lastModifiedTime(), attributes.size(), previous, chunkName, Optional.empty(), message);
    }

    /**
     * A file that cannot serve: logged (an unreadable one once for as long as it stays so), and the last version
     * that compiled keeps running.
     */
    private Entry failed(
            Path path,
            FileTime modified,
            long size,
            Entry previous,
            String chunkName,
            Optional<SourceLine> line,
            String message) {
        Optional<Script> lastGood = previous == null ? Optional.empty() : previous.script();
        ScriptError error = new ScriptError(
                chunkName,
                "(compile)",
                line,
                ScriptError.Kind.COMPILE,
                message + (lastGood.isPresent() ? " (the last version that compiled keeps running)" : ""));
        boolean sameAsBefore = size == UNREADABLE
                && previous != null
                && previous.size == UNREADABLE
                && previous.compileError.map(ScriptError::message).equals(Optional.of(error.message()));
        if (!sameAsBefore) {
            errorLog.log(error);
        }
        return new Entry(
                path,
                Optional.of(chunkName),
                modified,
                size,
                lastGood,
                lastGood.isPresent() ? previous.versionInUse : Optional.empty(),
                Optional.of(error));
    }

    /**
     * Compiles source text that is not a file of the folder (loadstring, the command line); {@code chunkName} is
     * the name errors give, as Lua's {@code luaO_chunkid} makes it ({@code SMTPSVR.LUA}, {@code [string "x = 1"]}).
     * LuaJ's compiler reports some malformed numbers with a NumberFormatException, and any other failure of its
     * own (it reported Lua's limits with a NullPointerException until luaj-patched worded them): every failure is
     * made a compile error at the line the compiler had reached, so none reaches the host.
     *
     * <p>The running call's time and allocation ({@link RunningInstance#checkTime}) are looked at every 4,096 bytes the
     * compiler reads, to end a compile that takes the call past its bounds: the compiler runs no Lua instruction,
     * allocates up to 450 times the length of what it reads (a chunk of a million calls {@code f()} allocated 455
     * MiB), and takes time quadratic in it in places (a chain of {@code or}), for as long as the source lasts.
     */
    public Prototype compile(byte[] source, String chunkName) throws IOException {
        String written = new String(source, StandardCharsets.ISO_8859_1);
        String rewritten;
        try {
            rewritten = sourceRewriter.apply(written);
        } catch (CompileDeadline.Passed e) {
            throw new LuaError(chunkName + ": " + e.getMessage());
        } catch (RuntimeException e) {
            throw new LuaError(chunkName + ": the compiler failed (" + e + ")");
        }
        try {
            return compileText(rewritten, chunkName);
        } catch (LuaError rewrittenError) {
            if (rewritten.equals(written)) {
                throw rewrittenError;
            }
            // an error on a line the text fails on as written is reported as Lua 5.2 reports it there: the
            // rewriter's edits (a for list wrapped in a call, a long bracket given a level) would show in the
            // message or move its token; a Lua 5.0 script failing further on keeps the line of its own error
            Prototype asWritten;
            try {
                asWritten = compileText(written, chunkName);
            } catch (LuaError writtenError) {
                throw line(writtenError, chunkName) == line(rewrittenError, chunkName) ? writtenError : rewrittenError;
            }
            return asWritten;
        }
    }

    /** The line of a compile error, {@code chunk:line: message}; -1 when it names none. */
    private static int line(LuaError error, String chunkName) {
        String message = error.getMessage();
        int at = chunkName.length() + 1;
        int end = at;
        while (message != null && end < message.length() && Character.isDigit(message.charAt(end))) {
            end++;
        }
        return message != null && message.startsWith(chunkName + ":") && end > at && end - at < 10
                ? Integer.parseInt(message.substring(at, end))
                : -1;
    }

    private Prototype compileText(String text, String chunkName) throws IOException {
        LineCounter input = null;
        try {
            input = new LineCounter(text.getBytes(StandardCharsets.ISO_8859_1));
            // "=name" makes LuaJ's lexer report syntax errors under the name as it is; its runtime errors use the
            // prototypes' source, which is then given the same name
            Prototype prototype = LuaC.instance.compile(input, "=" + chunkName);
            name(prototype, LuaValue.valueOf(chunkName));
            return prototype;
        } catch (LuaError e) {
            throw e;
        } catch (CompileDeadline.Passed e) {
            throw new LuaError(chunkName + ":" + input.line() + ": " + e.getMessage());
        } catch (RuntimeException e) {
            String where = input == null ? chunkName : chunkName + ":" + input.line();
            throw new LuaError(
                    e instanceof NumberFormatException
                            ? where + ": malformed number"
                            : where + ": the compiler failed (" + e + ")");
        }
    }

    /**
     * Compiles a file's text as VPOP3's Lua 5.2 loaded a file on Windows: without a UTF-8 byte order mark at its
     * start, which Windows editors write (Notepad saving as UTF-8) and which Lua 5.2 skips there only, not in a
     * string given to load; and up to a Ctrl-Z (byte 26), where a file read in Windows' text mode ends, as DOS
     * editors marked the end of a file. Lua 5.2 on Linux reads the Ctrl-Z and fails on it as an unexpected symbol.
     */
    public Prototype compileFile(byte[] source, String chunkName) throws IOException {
        boolean byteOrderMark = source.length >= 3
                && (source[0] & 0xFF) == 0xEF
                && (source[1] & 0xFF) == 0xBB
                && (source[2] & 0xFF) == 0xBF;
        int start = byteOrderMark ? 3 : 0;
        int end = start;
        while (end < source.length && source[end] != WINDOWS_END_OF_FILE) {
            end++;
        }
        return compile(start == 0 && end == source.length ? source : Arrays.copyOfRange(source, start, end), chunkName);
    }

    /** The compiler's input, counting the lines it has read: where it stopped when it failed without a line. */
    private static final class LineCounter extends ByteArrayInputStream {
        private static final int LOOK_MASK = 4096 - 1;

        private int newlines;

        LineCounter(byte[] bytes) {
            super(bytes);
        }

        @Override
        public synchronized int read() {
            if ((pos & LOOK_MASK) == LOOK_MASK) {
                RunningInstance.checkTime();
            }
            int c = super.read();
            if (c == '\n') {
                newlines++;
            }
            return c;
        }

        int line() {
            return newlines + 1;
        }
    }

    private static void name(Prototype prototype, LuaString source) {
        prototype.source = source;
        for (Prototype nested : prototype.p) {
            name(nested, source);
        }
    }

    /**
     * A compiled script: its chunk name (the file name relative to the folder) and prototype, and whether its main
     * chunk is quick ({@link QuickChunk}).
     */
    public static final class Script {
        private final String chunkName;
        private final Prototype prototype;
        private final boolean quick;
        /** What it is charged in {@link CompiledMemory}. */
        private final long keptBytes;
        /** Its prototype under the other names scripts load it by. */
        private final NamedCopies copies;

        Script(String chunkName, Prototype prototype, long keptBytes, CompiledMemory memory) {
            this.chunkName = chunkName;
            this.prototype = prototype;
            this.quick = QuickChunk.isQuick(prototype);
            this.keptBytes = keptBytes;
            this.copies = new NamedCopies(prototype, chunkName, memory);
        }

        public String chunkName() {
            return chunkName;
        }

        public Prototype prototype() {
            return prototype;
        }

        /**
         * The prototype whose messages name the chunk {@code chunkName}, as Lua 5.2 names a file loaded by a name
         * other than its name in the folder ({@code ./lib/util.lua}); see {@link NamedCopies} for when it keeps the
         * folder's name.
         */
        public Prototype prototype(String chunkName) {
            return copies.named(chunkName);
        }

        /** Whether the main chunk certainly finishes at once: it runs no loop and calls nothing. */
        public boolean hasQuickMainChunk() {
            return quick;
        }

        /**
         * Whether {@code text} is a string constant of the script's code, its functions' included: the names of the
         * globals it sets or reads are, so a script without it cannot define a global of that name (short of
         * building the name at run time).
         */
        public boolean hasStringConstant(String text) {
            return hasStringConstant(prototype, LuaValue.valueOf(text));
        }

        private static boolean hasStringConstant(Prototype function, LuaValue text) {
            for (LuaValue constant : function.k) {
                if (constant.type() == LuaValue.TSTRING && constant.raweq(text)) {
                    return true;
                }
            }
            for (Prototype inner : function.p) {
                if (hasStringConstant(inner, text)) {
                    return true;
                }
            }
            return false;
        }
    }

    /**
     * A script's state: the modification time of the file version that serves (none when no version ever
     * compiled, or the file is gone), and the compile error of the file as it is now (none when it compiles).
     */
    public static final class ScriptState {
        private final Optional<FileTime> versionInUse;
        private final Optional<ScriptError> compileError;

        ScriptState(Optional<FileTime> versionInUse, Optional<ScriptError> compileError) {
            this.versionInUse = versionInUse;
            this.compileError = compileError;
        }

        public Optional<FileTime> versionInUse() {
            return versionInUse;
        }

        public Optional<ScriptError> compileError() {
            return compileError;
        }
    }

    private static final class Entry {
        private final Path path;
        // the file's name in the folder, as spelt on disk; none for an entry of no file
        private final Optional<String> chunkName;
        private final FileTime modified;
        private final long size;
        private final Optional<Script> script;
        private final Optional<FileTime> versionInUse;
        private final Optional<ScriptError> compileError;

        private Entry(
                Path path,
                Optional<String> chunkName,
                FileTime modified,
                long size,
                Optional<Script> script,
                Optional<FileTime> versionInUse,
                Optional<ScriptError> compileError) {
            this.path = path;
            this.chunkName = chunkName;
            this.modified = modified;
            this.size = size;
            this.script = script;
            this.versionInUse = versionInUse;
            this.compileError = compileError;
        }

        static Entry absent(Path root) {
            return new Entry(
                    root,
                    Optional.empty(),
                    modifiedTime(root),
                    -1,
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty());
        }

        /** Absent entries stay fresh while their directory is unchanged: no new file can have appeared in it. */
        boolean isFresh() {
            if (size == UNREADABLE) {
                return false;
            }
            try {
                BasicFileAttributes now = Files.readAttributes(path, BasicFileAttributes.class);
                return now.lastModifiedTime().equals(modified) && (size < 0 || now.size() == size);
            } catch (IOException e) {
                return false;
            }
        }

        private static FileTime modifiedTime(Path path) {
            try {
                return Files.getLastModifiedTime(path);
            } catch (IOException e) {
                return FileTime.fromMillis(0);
            }
        }

        public Path path() {
            return path;
        }

        public FileTime modified() {
            return modified;
        }

        public long size() {
            return size;
        }

        public Optional<Script> script() {
            return script;
        }
    }
}
