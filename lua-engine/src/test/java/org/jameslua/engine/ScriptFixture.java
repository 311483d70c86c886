package org.jameslua.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A scripts folder in a temporary directory, the engines over it and the files they write. Each engine owns a
 * watchdog thread, so the fixture keeps the engines it built and closes them all in {@link #close()}.
 *
 * <p>Registered as a JUnit extension ({@code @RegisterExtension final ScriptFixture scripts = new ScriptFixture();})
 * it makes a fresh folder before each test, and after it closes the engines and deletes the folder. The folder is
 * {@code scripts} inside its own temporary directory, so what an escape test writes next to the folder is deleted
 * with it. Shared with the mailets' and matchers' tests through lua-engine's test-jar.
 */
public final class ScriptFixture implements AutoCloseable, BeforeEachCallback, AfterEachCallback {
    private final List<LuaEngine> engines = new ArrayList<>();
    private Path root;
    private Path folder;

    /** A fixture that makes its own folder before each test; register it as an extension. */
    public ScriptFixture() {}

    /** A fixture over a folder the test owns and cleans up; the test calls {@link #close()}. */
    public ScriptFixture(Path folder) {
        this.folder = folder;
    }

    public Path folder() {
        if (folder == null) {
            throw new IllegalStateException("no folder yet: register the fixture with @RegisterExtension");
        }
        return folder;
    }

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        root = Files.createTempDirectory("jameslua-scripts");
        folder = Files.createDirectory(root.resolve("scripts"));
    }

    @Override
    public void afterEach(ExtensionContext context) throws IOException {
        try {
            close();
        } finally {
            delete(root);
            root = null;
            folder = null;
        }
    }

    /** A new engine over the folder, closed with the fixture. */
    public LuaEngine engine() {
        return engine(LuaEngine.builder(folder()));
    }

    /** A new engine over the folder with these limits, closed with the fixture. */
    public LuaEngine engine(Limits limits) {
        return engine(LuaEngine.builder(folder()).limits(limits));
    }

    /** Builds an engine the test configured itself (host, network, clock), closed with the fixture. */
    public LuaEngine engine(LuaEngine.Builder builder) {
        LuaEngine engine = builder.build();
        engines.add(engine);
        return engine;
    }

    /**
     * Writes a file in UTF-8, as an editor saves a script today; each rewrite gets a later modification time, as
     * an operator's edit would, so an engine notices the change even within the file system's time resolution.
     */
    public Path write(String name, String source) {
        try {
            Path file = folder().resolve(name);
            Files.createDirectories(file.getParent());
            FileTime before = Files.exists(file) ? Files.getLastModifiedTime(file) : null;
            Files.writeString(file, source, StandardCharsets.UTF_8);
            if (before != null && !Files.getLastModifiedTime(file).toInstant().isAfter(before.toInstant())) {
                Files.setLastModifiedTime(file, FileTime.from(before.toInstant().plusMillis(10)));
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The lines of LUA.OUT. */
    public List<String> luaOut() {
        return lines("LUA.OUT");
    }

    /** The lines of LUAERRORS.LOG. */
    public List<String> errors() {
        return lines("LUAERRORS.LOG");
    }

    private List<String> lines(String name) {
        try {
            Path file = folder().resolve(name);
            return Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops the watchdog thread of every engine built here. */
    @Override
    public void close() {
        engines.forEach(LuaEngine::close);
        engines.clear();
    }

    /** Deletes the tree deepest first; links are deleted, never followed. */
    private static void delete(Path tree) throws IOException {
        try (Stream<Path> paths = Files.walk(tree)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).collect(Collectors.toList())) {
                Files.delete(path);
            }
        }
    }
}
