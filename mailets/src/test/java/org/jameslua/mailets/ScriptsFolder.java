package org.jameslua.mailets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.jameslua.engine.Limits;
import org.jameslua.engine.LuaEngine;

/** A scripts folder in a temporary directory, with the engine over it and the files the engine writes. */
public final class ScriptsFolder implements AutoCloseable {
    private final Path folder;
    private final LuaEngine engine;

    public ScriptsFolder(Path folder) {
        this(folder, Limits.defaults());
    }

    public ScriptsFolder(Path folder, Limits limits) {
        this.folder = folder;
        this.engine = LuaEngine.builder(folder).limits(limits).build();
    }

    public LuaEngine engine() {
        return engine;
    }

    public Path folder() {
        return folder;
    }

    public ScriptsFolder write(String name, String source) {
        try {
            Path file = folder.resolve(name);
            Files.createDirectories(file.getParent());
            Files.writeString(file, source, StandardCharsets.UTF_8);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The lines of LUAERRORS.LOG. */
    public List<String> errors() {
        return lines("LUAERRORS.LOG");
    }

    /** The lines of LUA.OUT. */
    public List<String> luaOut() {
        return lines("LUA.OUT");
    }

    private List<String> lines(String name) {
        try {
            Path file = folder.resolve(name);
            return Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        engine.close();
    }
}
