package org.jameslua.server.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The scripts folder of a running server, for tests that install one script after another. The engine
 * notices an edit by modification time and size, so each install moves the modification time forward by at
 * least a second, however fast the tests write. It remembers each script as it was before its first install, so
 * that a test class can {@link #putBack()} the samples it changed.
 */
public final class LuaScripts {
    public static final String SMTP_SCRIPT = "SMTPSVR.LUA";

    private final Path folder;
    private final Map<String, Optional<String>> originals = new LinkedHashMap<>();
    private Instant lastModified = Instant.EPOCH;

    public LuaScripts(Path folder) {
        this.folder = folder;
    }

    /** Installs SMTPSVR.LUA; the next SMTP connection runs it. */
    public void install(String source) throws IOException {
        install(SMTP_SCRIPT, source);
    }

    /** Installs (or replaces) any script, e.g. USER_REDIRECT.LUA; the next mail the mailet handles runs it. */
    public synchronized void install(String name, String source) throws IOException {
        Path file = folder.resolve(name);
        if (!originals.containsKey(name)) {
            originals.put(name, Files.exists(file) ? Optional.of(read(name)) : Optional.empty());
        }
        write(file, source);
    }

    /** Every script installed so far as it was before its first install; one that did not exist is removed. */
    public synchronized void putBack() throws IOException {
        for (Map.Entry<String, Optional<String>> original : originals.entrySet()) {
            Path file = folder.resolve(original.getKey());
            if (original.getValue().isPresent()) {
                write(file, original.getValue().get());
            } else {
                Files.deleteIfExists(file);
            }
        }
    }

    private void write(Path file, String source) throws IOException {
        Files.writeString(file, source, StandardCharsets.ISO_8859_1);
        Instant now = Instant.now();
        lastModified = now.isAfter(lastModified.plusSeconds(1)) ? now : lastModified.plusSeconds(1);
        Files.setLastModifiedTime(file, FileTime.from(lastModified));
    }

    public synchronized void remove() throws IOException {
        Files.deleteIfExists(folder.resolve(SMTP_SCRIPT));
    }

    /** The script as it is now. */
    public String read(String name) throws IOException {
        return Files.readString(folder.resolve(name), StandardCharsets.ISO_8859_1);
    }

    /** The lines of LUAERRORS.LOG so far. */
    public List<String> errors() throws IOException {
        Path log = folder.resolve("LUAERRORS.LOG");
        return Files.exists(log) ? Files.readAllLines(log, StandardCharsets.UTF_8) : List.of();
    }

    /** What scripts printed so far. */
    public String luaOut() throws IOException {
        Path out = folder.resolve("LUA.OUT");
        return Files.exists(out) ? Files.readString(out, StandardCharsets.UTF_8) : "";
    }
}
