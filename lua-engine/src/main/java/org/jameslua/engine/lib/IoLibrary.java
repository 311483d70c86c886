package org.jameslua.engine.lib;

import java.io.IOException;

import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.lib.jse.JseIoLib;

/**
 * The {@code io} library as VPOP3 changed it: no {@code stdin}, {@code stdout} or {@code stderr}; no
 * {@code popen}; and every function of the manual's list refused in safety mode. File handles opened
 * before safety mode keep working, as the manual says: an administrator script may hand one to user code.
 */
public final class IoLibrary implements LuaLibrary {
    private static final String[] SAFETY_LIST = {"close", "open", "input", "output", "lines", "read", "write", "flush",
        "tmpfile"};

    @Override
    public void install(Globals globals, InstanceContext context) {
        globals.load(new FolderIoLib(context));
        LuaTable io = withoutStandardStreams((LuaTable) globals.get("io"));
        globals.set("io", io);
        globals.get("package").get("loaded").set("io", io);
        for (String name : SAFETY_LIST) {
            io.set(name, Functions.guarded("io." + name, io.get(name), context));
        }
        io.set("popen", Functions.disabled("io.popen", context));
    }

    /** LuaJ's io table offers stdin, stdout and stderr through its metatable; VPOP3 created none. */
    private static LuaTable withoutStandardStreams(LuaTable io) {
        LuaTable copy = new LuaTable();
        for (LuaValue key : io.keys()) {
            copy.rawset(key, io.rawget(key));
        }
        return copy;
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
        protected File openFile(String filename, boolean readMode, boolean appendMode, boolean updateMode,
                                boolean binaryMode) throws IOException {
            String resolved = OsLibrary.path(context, filename).toString();
            return super.openFile(resolved, readMode, appendMode, updateMode, binaryMode);
        }
    }
}
