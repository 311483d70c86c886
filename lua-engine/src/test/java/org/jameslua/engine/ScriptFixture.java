package org.jameslua.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;

/** A scripts folder in a temporary directory, with helpers to write scripts and read the engine's files. */
public final class ScriptFixture {
    private final Path folder;

    public ScriptFixture(Path folder) {
        this.folder = folder;
    }

    public Path folder() {
        return folder;
    }

    public LuaEngine engine() {
        return LuaEngine.builder(folder).build();
    }

    public LuaEngine engine(Limits limits) {
        return LuaEngine.builder(folder).limits(limits).build();
    }

    /** Writes a script; each rewrite gets a later modification time, as an operator's edit would. */
    public Path write(String name, String source) {
        try {
            Path file = folder.resolve(name);
            Files.createDirectories(file.getParent());
            FileTime before = Files.exists(file) ? Files.getLastModifiedTime(file) : null;
            Files.writeString(file, source, StandardCharsets.ISO_8859_1);
            if (before != null && !Files.getLastModifiedTime(file).toInstant().isAfter(before.toInstant())) {
                Files.setLastModifiedTime(file, FileTime.from(before.toInstant().plusMillis(10)));
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public List<String> luaOut() {
        return lines("LUA.OUT");
    }

    public List<String> errors() {
        return lines("LUAERRORS.LOG");
    }

    private List<String> lines(String name) {
        try {
            Path file = folder.resolve(name);
            return Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
