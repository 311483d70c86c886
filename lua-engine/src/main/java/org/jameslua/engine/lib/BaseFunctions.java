package org.jameslua.engine.lib;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Optional;
import org.jameslua.engine.ScriptError;
import org.jameslua.engine.folder.CompiledScripts;
import org.jameslua.luaj.SourceText;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaClosure;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaFunction;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaThread;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Prototype;
import org.luaj.vm2.UpValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.VarArgFunction;

/**
 * VPOP3's changes to Lua's base library: {@code print} to {@code LUA.OUT}; loading of source text only;
 * {@code dofile}, {@code loadfile} and {@code require} confined to the scripts folder; a harmless
 * {@code collectgarbage} ({@link CollectGarbage}); a {@code debug} library reduced to {@code traceback}. {@code loadlib} is one of
 * {@link Sandbox}'s refusals.
 */
public final class BaseFunctions implements LuaLibrary {
    private static final byte BINARY_CHUNK_SIGNATURE = 0x1b;
    /** Lua 5.2's LUA_IDSIZE. */
    private static final int CHUNK_ID_SIZE = 60;

    private static final LuaString READER_NAME = LuaValue.valueOf("=(load)");

    private static final LuaString TOSTRING = LuaValue.valueOf("tostring");
    private static final LuaString PRINT = LuaValue.valueOf("print");
    private static final LuaString LOAD = LuaValue.valueOf("load");
    private static final LuaString LOADSTRING = LuaValue.valueOf("loadstring");
    private static final LuaString DOFILE = LuaValue.valueOf("dofile");
    private static final LuaString LOADFILE = LuaValue.valueOf("loadfile");
    private static final LuaString REQUIRE = LuaValue.valueOf("require");
    private static final LuaString COLLECTGARBAGE = LuaValue.valueOf("collectgarbage");
    private static final LuaString PACKAGE = LuaValue.valueOf("package");
    private static final LuaString LOADED = LuaValue.valueOf("loaded");
    private static final LuaString DEBUG = LuaValue.valueOf("debug");
    private static final LuaString TRACEBACK = LuaValue.valueOf("traceback");
    private static final LuaString NEWLINE = LuaValue.valueOf("\n");
    /** Lua 5.2's print error, positioned as its luaL_error: at the caller, when a Lua function. */
    private static final LuaString NOT_A_STRING = LuaValue.valueOf("'tostring' must return a string to 'print'");
    /**
     * What {@code loadfile()} and {@code dofile()} without a name get: Lua 5.2's read the chunk from stdin, which a
     * script in the server does not have (waiting on it would stall the call).
     */
    private static final LuaString NO_STDIN =
            LuaValue.valueOf("there is no stdin in VPOP3 Lua: loadfile and dofile need a file of the scripts folder");

    @Override
    public void install(Globals globals, InstanceContext context) {
        globals.rawset(PRINT, Functions.of("print", args -> {
            // the global tostring at each call, as Lua's print looks it up: a script may replace it
            LuaValue tostring = globals.get(TOSTRING);
            LuaValue[] texts = new LuaValue[args.narg()];
            // the tabs and the line's end
            long bytes = Math.max(1, texts.length);
            for (int i = 0; i < texts.length; i++) {
                // a million values made texts for 0.9 s before the output bound saw the line
                StringBound.lookEvery(i + 1);
                texts[i] = CallBoundary.call(tostring, args.arg(i + 1));
                if (!texts[i].isstring()) {
                    // a __tostring that returns no string
                    throw new RaisedError(
                            ScriptText.joined(LuaValue.valueOf(context.budget().where(1)), NOT_A_STRING));
                }
                bytes += texts[i].strvalue().length();
            }
            // counted before the line is copied: a line far over the bound is refused without being copied
            context.budget().checkOutput(bytes);
            StringBound.check(bytes);
            StringBound.checkLargeAllocation(bytes);
            // the bytes as they are, as Lua's print writes them: Windows-1252 text is no UTF-8 to decode
            byte[] line = new byte[(int) bytes - 1];
            int at = 0;
            for (int i = 0; i < texts.length; i++) {
                if (i > 0) {
                    line[at++] = '\t';
                }
                LuaString text = texts[i].strvalue();
                text.copyInto(0, line, at, text.length());
                at += text.length();
            }
            context.luaOut().println(line);
            return LuaValue.NONE;
        }));
        globals.rawset(LOAD, Functions.of("load", args -> load(globals, context, args)));
        globals.rawset(
                LOADSTRING,
                Functions.of(
                        "loadstring",
                        args -> loadText(globals, context, args.checkstring(1), chunkName(args, null), "bt", globals)));
        globals.rawset(DOFILE, new VarArgFunction() {
            {
                name = "dofile";
            }

            @Override
            public Varargs invoke(Varargs args) {
                if (args.isnil(1)) {
                    throw new RaisedError(NO_STDIN);
                }
                return fromOwnFrame(globals, this, scriptChunk(globals, context, args, 1), LuaValue.NONE);
            }
        });
        globals.rawset(LOADFILE, Functions.of("loadfile", args -> {
            if (args.isnil(1)) {
                return LuaValue.varargsOf(LuaValue.NIL, NO_STDIN);
            }
            // the name before the mode, as Lua 5.2 checks them
            ScriptText.checkName(args, 1);
            args.checkstring(1);
            String mode = ScriptText.argument(args, 2, "bt");
            try {
                LuaClosure chunk = scriptChunk(globals, context, args, 1);
                if (!mode.contains("t")) {
                    // a script of the folder is text: as Lua 5.2's lua_load, which finds the file before the mode
                    return LuaValue.varargsOf(
                            LuaValue.NIL, LuaValue.valueOf("attempt to load a text chunk (mode is '" + mode + "')"));
                }
                return args.narg() >= 3 ? withEnvironment(chunk, args.arg(3), globals) : chunk;
            } catch (LuaError e) {
                return LuaValue.varargsOf(LuaValue.NIL, LuaValue.valueOf(e.getMessage()));
            }
        }));
        globals.rawset(REQUIRE, new VarArgFunction() {
            {
                name = "require";
            }

            @Override
            public Varargs invoke(Varargs args) {
                return require(globals, context, this, ScriptText.name(args, 1));
            }
        });
        globals.rawset(COLLECTGARBAGE, CollectGarbage.function());
        LuaValue packageTable = globals.rawget(PACKAGE);
        LuaTable debug = new LuaTable(0, 1);
        debug.rawset(TRACEBACK, Functions.of("traceback", context, (c, args) -> {
            // Lua 5.2's db_traceback: [thread,] [message [, level]], level 1 (the caller) by default, 0 for a thread
            // of its own
            Budget budget = c.budget();
            boolean ofThread = args.arg1().isthread();
            LuaThread thread = ofThread ? (LuaThread) args.arg1() : budget.running();
            int first = ofThread ? 2 : 1;
            LuaValue message = args.arg(first);
            if (!message.isnil() && !message.isstring()) {
                return message;
            }
            // luaL_optint: the number cast to a C int, so 2^32 is level 0
            int level = (int) CIntegers.optional(args, first + 1, thread == budget.running() ? 1 : 0);
            LuaString traceback = LuaValue.valueOf(budget.traceback(thread, level));
            return message.isnil() ? traceback : ScriptText.joined(message.strvalue(), NEWLINE, traceback);
        }));
        globals.rawset(DEBUG, debug);
        packageTable.get(LOADED).set(DEBUG, debug);
    }

    private static Varargs load(Globals globals, InstanceContext context, Varargs args) {
        LuaValue chunk = args.arg1();
        LuaString chunkName = chunkName(args, chunk.isstring() ? null : READER_NAME);
        LuaString text;
        if (chunk.isstring()) {
            text = chunk.checkstring();
        } else {
            // a chunk that is neither text nor a reader is the caller's error, raised; the reader's are returned
            LuaValue reader = chunk.checkfunction();
            try {
                text = readAll(reader, context);
            } catch (LuaError e) {
                return LuaValue.varargsOf(LuaValue.NIL, ProtectedCall.errorValue(e));
            }
        }
        String mode = ScriptText.argument(args, 3, "bt");
        LuaValue environment = args.narg() >= 4 ? args.arg(4) : globals;
        return loadText(globals, context, text, chunkName, mode, environment);
    }

    /** The chunk name given as argument 2, as its bytes: Lua names a chunk with them, whatever their encoding. */
    private static LuaString chunkName(Varargs args, LuaString otherwise) {
        ScriptText.checkName(args, 2);
        return args.isnoneornil(2) ? otherwise : args.checkstring(2);
    }

    private static Varargs loadText(
            Globals globals,
            InstanceContext context,
            LuaString text,
            LuaString chunkName,
            String mode,
            LuaValue environment) {
        if (text.length() > 0 && text.luaByte(0) == BINARY_CHUNK_SIGNATURE) {
            if (mode.contains("b")) {
                throw context.refuse("load: binary chunks are disabled in VPOP3 Lua");
            }
            return LuaValue.varargsOf(
                    LuaValue.NIL, LuaValue.valueOf("attempt to load a binary chunk (mode is '" + mode + "')"));
        }
        if (!mode.contains("t")) {
            return LuaValue.varargsOf(
                    LuaValue.NIL, LuaValue.valueOf("attempt to load a text chunk (mode is '" + mode + "')"));
        }
        StringBound.check(text.length());
        // its bytes here, then the compiler's text and input: the compiler's own allocation is looked at as it reads
        StringBound.checkLargeAllocation(4L * text.length());
        // LuaJ's compiler skips a first line starting with #, which Lua 5.2 skips only in files: a space goes first
        int spaces = text.length() > 0 && text.luaByte(0) == '#' ? 1 : 0;
        byte[] bytes = new byte[spaces + text.length()];
        if (spaces == 1) {
            bytes[0] = ' ';
        }
        text.copyInto(0, bytes, spaces, text.length());
        String name = chunkName != null
                ? chunkId(chunkName.m_bytes, chunkName.m_offset, chunkName.m_length)
                : chunkId(bytes, spaces, bytes.length - spaces);
        try {
            Prototype prototype = context.scripts().compile(bytes, name);
            context.loadedChunks().add(prototype);
            return withEnvironment(new LuaClosure(prototype, globals), environment, globals);
        } catch (LuaError | IOException e) {
            return LuaValue.varargsOf(LuaValue.NIL, LuaValue.valueOf(e.getMessage()));
        }
    }

    /**
     * A chunk with its own {@code _ENV}. LuaJ meters only closures created with the instance's globals, so the
     * chunk is created with them and its environment upvalue replaced, rather than created with the table.
     */
    private static LuaClosure withEnvironment(LuaClosure chunk, LuaValue environment, Globals globals) {
        if (environment != globals && chunk.upValues.length > 0) {
            chunk.upValues[0] = new UpValue(new LuaValue[] {environment}, 0);
        }
        return chunk;
    }

    private static LuaString readAll(LuaValue reader, InstanceContext context) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        while (true) {
            LuaValue piece = CallBoundary.across(reader::call);
            if (!piece.isnil() && !piece.isstring()) {
                throw new LuaError(context.budget().where(1) + "reader function must return a string");
            }
            if (piece.isnil() || piece.strvalue().length() == 0) {
                return LuaString.valueOf(bytes.toByteArray());
            }
            LuaString s = piece.checkstring();
            StringBound.check((long) bytes.size() + s.length());
            byte[] buffer = new byte[s.length()];
            s.copyInto(0, buffer, 0, buffer.length);
            bytes.writeBytes(buffer);
        }
    }

    /**
     * The name Lua 5.2 gives a chunk in messages ({@code luaO_chunkid}), counted in bytes as it counts them:
     * {@code =name} as it is, {@code @file} as the file name, any other text as {@code [string "its first line"]},
     * shortened to fit 60 bytes. Lua takes the source as a C string, so a zero byte ends it. A cut inside a UTF-8
     * character moves to its edge, so that UTF-8 text stays such; text that is not UTF-8 (a Windows-1252 byte from 128
     * to 191 after a letter) is cut where Lua cuts it.
     */
    static String chunkId(byte[] source, int start, int length) {
        int end = start;
        while (end < start + length && source[end] != 0) {
            end++;
        }
        if (end > start && source[start] == '=') {
            return SourceText.of(source, start + 1, cutBack(source, start + 1, Math.min(end, start + CHUNK_ID_SIZE)));
        }
        if (end > start && source[start] == '@') {
            if (end - start <= CHUNK_ID_SIZE) {
                return SourceText.of(source, start + 1, end - start - 1);
            }
            int from = end - (CHUNK_ID_SIZE - 4);
            if (characterStart(source, start + 1, from) < from) {
                for (int moved = 0; moved < 3 && from < end && isContinuation(source[from]); moved++) {
                    from++;
                }
            }
            return "..." + SourceText.of(source, from, end - from);
        }
        int room = CHUNK_ID_SIZE - "[string \"...\"]".length() - 1;
        int line = start;
        while (line < end && source[line] != '\n') {
            line++;
        }
        if (end - start < room && line == end) {
            return "[string \"" + SourceText.of(source, start, end - start) + "\"]";
        }
        int cut = Math.min(line, start + room);
        return "[string \"" + SourceText.of(source, start, cutBack(source, start, cut)) + "...\"]";
    }

    /** How many bytes from {@code start} to {@code cut}, moved back to the start of a UTF-8 character cut there. */
    private static int cutBack(byte[] source, int start, int cut) {
        return characterStart(source, start, cut) - start;
    }

    /**
     * Where the UTF-8 character that a cut before {@code source[cut]} splits starts: a lead byte at most 3 bytes
     * back, after {@code lowest}, with only continuation bytes between, whose sequence runs past the cut. Else
     * {@code cut}: a continuation byte after ASCII or after a whole character (text that is not UTF-8, a
     * Windows-1252 no-break space after a letter) is part of no character, and Lua's cut stands.
     */
    private static int characterStart(byte[] source, int lowest, int cut) {
        if (cut >= source.length || !isContinuation(source[cut])) {
            return cut;
        }
        for (int lead = cut - 1; lead >= Math.max(lowest, cut - 3); lead--) {
            if (!isContinuation(source[lead])) {
                return sequenceLength(source[lead]) > cut - lead ? lead : cut;
            }
        }
        return cut;
    }

    /** The length of the UTF-8 sequence a byte starts; 0 for a byte that starts none. */
    private static int sequenceLength(byte lead) {
        int b = lead & 0xFF;
        return b >= 0xF8 ? 0 : b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 0;
    }

    private static boolean isContinuation(byte b) {
        return (b & 0xC0) == 0x80;
    }

    /**
     * The script of the folder argument {@code index} names, as a function; names outside the folder, or of no file,
     * are an error.
     */
    private static LuaClosure scriptChunk(Globals globals, InstanceContext context, Varargs args, int index) {
        String name = ScriptText.name(args, index);
        return folderChunk(globals, context, LoadableFiles.confine(context, name), args.checkstring(index));
    }

    /**
     * The script of the folder named {@code file} (as {@link LoadableFiles#confine} gives it), loaded by the name
     * {@code written}: Lua 5.2's name of the file, which its messages give and its chunk is named after ({@code
     * ./lib/util.lua:3:}), whatever the file's name in the folder.
     */
    private static LuaClosure folderChunk(Globals globals, InstanceContext context, String file, LuaString written) {
        String name = written.tojstring();
        if (file.indexOf('\0') >= 0) {
            // names no file (OsLibrary.path)
            throw new RaisedError(LuaValue.valueOf("cannot open " + name + ": No such file or directory"));
        }
        Optional<CompiledScripts.Script> script =
                context.folder().find(file).isPresent() ? context.scripts().get(file) : Optional.empty();
        String chunkName = fileChunkName(written);
        if (script.isEmpty()) {
            if (name.contains("..") || name.startsWith("/") || name.contains(":") || name.startsWith("\\")) {
                throw context.refuse("cannot open " + name + ": only files inside the scripts folder can be loaded");
            }
            // not in safety mode: a user's script must not learn where the links in its folder lead
            if (!context.safety().isOn()
                    && java.nio.file.Files.isDirectory(context.folder().root().resolve(file))) {
                throw new RaisedError(LuaValue.valueOf("cannot read " + name + ": Is a directory"));
            }
            Optional<String> compileError =
                    context.scripts().state(file).compileError().map(error -> renamed(error, chunkName));
            // as Lua 5.2's lua_error: the message already says where, or there is no where
            throw new RaisedError(
                    LuaValue.valueOf(compileError.orElse("cannot open " + name + ": No such file or directory")));
        }
        return new LuaClosure(script.get().prototype(chunkName), globals);
    }

    /**
     * Calls a chunk from the frame of the host function running it ({@code host}), as Lua 5.2's {@code dofile} and
     * {@code require} call it from theirs (as {@link ProtectedCall} does): that frame is a level of the stack, so
     * {@code error("m", 2)} in the chunk's main body names it, a host function, and gets no position, and a traceback
     * shows {@code [C]: in function 'dofile'}.
     */
    private static Varargs fromOwnFrame(Globals globals, LuaFunction host, LuaValue chunk, Varargs args) {
        globals.debuglib.onCall(host);
        try {
            return chunk.invoke(args);
        } finally {
            globals.debuglib.onReturn();
        }
    }

    /** Lua 5.2's name for the chunk of a file loaded by the name {@code file}: {@code "@" .. file}, as chunkId cuts it. */
    private static String fileChunkName(LuaString file) {
        byte[] source = new byte[1 + file.length()];
        source[0] = '@';
        file.copyInto(0, source, 1, file.length());
        return chunkId(source, 0, source.length);
    }

    /** A file's compile error, logged under its name in the folder, as the chunk named {@code chunkName} gives it. */
    private static String renamed(ScriptError compileError, String chunkName) {
        String message = compileError.message();
        String logged = compileError.script() + ":";
        return message.startsWith(logged) ? chunkName + message.substring(logged.length() - 1) : message;
    }

    private static LuaValue require(Globals globals, InstanceContext context, LuaFunction self, String module) {
        LuaValue loaded = globals.get("package").get("loaded");
        LuaValue existing = loaded.get(module);
        if (existing.toboolean()) {
            return existing;
        }
        LuaValue preload = globals.get("package").get("preload").get(module);
        LuaValue result;
        if (preload.isfunction()) {
            result = CallBoundary.across(() -> fromOwnFrame(globals, self, preload, LuaValue.valueOf(module)))
                    .arg1();
        } else {
            ModuleSearch.Found found =
                    ModuleSearch.find(context, globals.get("package").get("path"), module);
            String file = found.file;
            LuaString foundName = LuaValue.valueOf(found.name);
            LuaValue chunk;
            try {
                chunk = folderChunk(globals, context, file, foundName);
            } catch (LuaError e) {
                throw new LuaError(
                        "error loading module '" + module + "' from file '" + found.name + "':\n\t" + e.getMessage());
            }
            LuaValue loader = chunk;
            result = CallBoundary.across(() -> fromOwnFrame(
                            globals, self, loader, LuaValue.varargsOf(LuaValue.valueOf(module), foundName)))
                    .arg1();
        }
        LuaValue value = result.isnil() ? (loaded.get(module).isnil() ? LuaValue.TRUE : loaded.get(module)) : result;
        loaded.set(module, value);
        return value;
    }
}
