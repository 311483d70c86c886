package org.jameslua.engine.folder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * VPOP3's "VPOP3 folder": where scripts, {@code LUA.OUT} and {@code LUAERRORS.LOG} live.
 *
 * <p>Names are matched case-insensitively, as on the Windows file systems VPOP3 ran on, so an operator's
 * {@code smtpsvr.lua} answers to {@code SMTPSVR.LUA}. Nothing outside the folder can be named: that is
 * what keeps {@code require}, {@code dofile} and {@code loadfile} inside it. A file named in a sub-folder must
 * lie in that sub-folder: a user's folder keeps its links to itself.
 */
public final class ScriptFolder {
    private final Path root;
    private final Path realRoot;

    public ScriptFolder(Path root) {
        try {
            Files.createDirectories(root);
            this.root = root.toAbsolutePath().normalize();
            this.realRoot = this.root.toRealPath();
        } catch (IOException e) {
            // the message of an AccessDeniedException is the path alone: its class says why
            throw new IllegalArgumentException("Cannot use scripts folder " + root + ": " + e, e);
        }
    }

    public Path root() {
        return root;
    }

    /** Path of a file in the folder (existing or not), for the files the engine itself writes. */
    public Path file(String name) {
        return find(name).orElse(root.resolve(name));
    }

    /**
     * Finds an existing file by a relative name such as {@code SMTPSVR.LUA} or {@code alice/USER_REDIRECT.LUA},
     * each segment matched case-insensitively. Absolute names, {@code ..} segments, links leading out of the folder
     * and links leading out of the sub-folder the name starts with find nothing; so does a name with a zero byte,
     * which no file has (Java refuses the path).
     */
    public Optional<Path> find(String relativeName) {
        if (relativeName == null || relativeName.isEmpty() || relativeName.indexOf('\0') >= 0) {
            return Optional.empty();
        }
        String[] segments = relativeName.replace('\\', '/').split("/");
        if (relativeName.startsWith("/") || relativeName.matches("^[A-Za-z]:.*")) {
            return Optional.empty();
        }
        Path current = root;
        Path top = null;
        for (String segment : segments) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..")) {
                return Optional.empty();
            }
            Optional<Path> next = child(current, segment);
            if (next.isEmpty()) {
                return Optional.empty();
            }
            current = next.get();
            if (top == null) {
                top = current;
            }
        }
        if (current.equals(root)) {
            return Optional.empty();
        }
        Path within = top.equals(current) ? root : top;
        return Optional.of(current).filter(path -> isInside(path, within));
    }

    /** The file names of the scripts ({@code *.LUA} in any case) of the folder itself, users' folders aside, sorted. */
    public List<String> scriptNames() {
        try (Stream<Path> files = Files.list(root)) {
            return files.filter(Files::isRegularFile)
                    .map(file -> file.getFileName().toString())
                    .filter(name -> name.toLowerCase(Locale.ROOT).endsWith(".lua"))
                    .sorted()
                    .collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list scripts folder " + root, e);
        }
    }

    /** The deepest existing directory on the way to a name: where a file of that name would appear. */
    public Path nearestDirectory(String relativeName) {
        String normalized = relativeName.replace('\\', '/');
        int slash = normalized.lastIndexOf('/');
        while (slash > 0) {
            Optional<Path> dir = find(normalized.substring(0, slash)).filter(Files::isDirectory);
            if (dir.isPresent()) {
                return dir.get();
            }
            slash = normalized.lastIndexOf('/', slash - 1);
        }
        return root;
    }

    private static Optional<Path> child(Path dir, String name) {
        Path exact = dir.resolve(name);
        if (Files.exists(exact, LinkOption.NOFOLLOW_LINKS) || Files.exists(exact)) {
            return Optional.of(exact);
        }
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        String wanted = name.toLowerCase(Locale.ROOT);
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                if (entry.getFileName().toString().toLowerCase(Locale.ROOT).equals(wanted)) {
                    return Optional.of(entry);
                }
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    /**
     * Whether a file really lies in {@code within}: the folder, or for a file of a sub-folder that sub-folder (a
     * user's folder), so that a link in one user's folder cannot lead into another's. The cache of compiled scripts
     * is shared by every script and keyed by name, so what a name reaches depends on the name alone.
     */
    private boolean isInside(Path path, Path within) {
        try {
            Path real = path.toRealPath();
            return real.startsWith(realRoot) && (within.equals(root) || real.startsWith(within.toRealPath()));
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return root.toString();
    }
}
