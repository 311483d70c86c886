package org.jameslua.engine.folder;

import java.nio.file.Path;

/**
 * {@code LUA.OUT}: where VPOP3's {@code print} writes. One line per call, appended whole, so lines from
 * scripts running on many threads never interleave.
 */
public final class LuaOut {
    private final Path file;

    public LuaOut(ScriptFolder folder) {
        this.file = folder.file("LUA.OUT");
    }

    public Path file() {
        return file;
    }

    public void println(String line) {
        AppendOnlyFile.append(file, line);
    }
}
