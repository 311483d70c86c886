package org.jameslua.engine.folder;

import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * {@code LUA.OUT}: where VPOP3's {@code print} writes. One line per call, appended whole, so lines from
 * scripts running on many threads never interleave. Kept to {@code limit} bytes, the older lines in
 * {@code LUA.OUT.1} ({@link RotatingFile}).
 */
public final class LuaOut {
    private final Path file;
    private final RotatingFile lines;

    /** @param problems told, once, when the file cannot be written or rotated (its lines are then dropped) */
    public LuaOut(ScriptFolder folder, long limit, Consumer<String> problems) {
        this.file = folder.file("LUA.OUT");
        this.lines = new RotatingFile(file, limit, problems);
    }

    public Path file() {
        return file;
    }

    /** A line as print makes it: the script's bytes, as Lua's print writes them (text need not be UTF-8). */
    public void println(byte[] line) {
        lines.append(line);
    }
}
