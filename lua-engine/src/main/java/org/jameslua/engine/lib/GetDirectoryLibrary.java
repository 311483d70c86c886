package org.jameslua.engine.lib;

import java.io.IOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.DosFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

/**
 * {@code os.getdirectory("<directory name>")}: the entries of a directory, as a table keyed by name
 * ({@code .} and {@code ..} left out), each entry holding {@code Size}, {@code Attributes}, {@code Creation},
 * {@code LastAccess} and {@code LastWrite}. A relative name is taken from the scripts folder.
 *
 * <p>Times are whole seconds since 1970 UTC, the numbers {@code os.time()} gives, so a script can pass them
 * to {@code os.date}. Where the file system keeps no creation time (Linux, before Java 22) Java reports the
 * last-write time as {@code Creation}. {@code Size} is 0 for directories, as on Windows.
 *
 * <p>{@code Attributes} holds letters from the manual's set, in its order. On a POSIX server they mean:
 * {@code A} a regular file (Windows marks nearly every file "archive", so scripts that look for it find it),
 * {@code D} a directory, {@code H} a name starting with a dot, {@code R} no write permission for anyone (owner,
 * group or others: the nearest to Windows' read-only, and not dependent on which user the server runs as).
 * {@code C}, {@code E} and {@code S} have no POSIX counterpart and never appear. On Windows the real DOS
 * attributes are reported. Links are followed; a link to nothing is listed as what it is.
 *
 * <p>A directory that does not exist or cannot be read gives {@code nil, "<message>"}.
 *
 * <p>Refused in safety mode ({@link Sandbox}). The manual's list does not name this function; refusing it is a deliberate
 * extension, since a directory listing shows a user's script the server's file system.
 */
public final class GetDirectoryLibrary implements LuaLibrary {
    private static final Set<PosixFilePermission> WRITE =
            Set.of(PosixFilePermission.OWNER_WRITE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_WRITE);
    private static final LuaString OS = LuaValue.valueOf("os");
    private static final LuaString GETDIRECTORY = LuaValue.valueOf("getdirectory");

    @Override
    public void install(Globals globals, InstanceContext context) {
        globals.rawget(OS)
                .checktable()
                .rawset(GETDIRECTORY, Functions.of("getdirectory", args -> list(context, ScriptText.name(args, 1))));
    }

    private static Varargs list(InstanceContext context, String name) {
        Path directory;
        try {
            directory = OsLibrary.path(context, name);
        } catch (NoSuchFileException e) {
            return failure("no such directory: " + name);
        }
        if (!Files.isDirectory(directory)) {
            return failure("no such directory: " + name);
        }
        LuaTable entries = new LuaTable();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory)) {
            for (Path path : stream) {
                context.budget().checkTime();
                LuaTable entry = entry(path);
                if (entry != null) {
                    entries.set(path.getFileName().toString(), entry);
                }
            }
        } catch (IOException | DirectoryIteratorException e) {
            return failure("cannot read directory " + name + ": " + e.getMessage());
        }
        return entries;
    }

    /** An entry's table, or null for one that vanished while the directory was being read. */
    private static LuaTable entry(Path path) {
        BasicFileAttributes attributes;
        try {
            attributes = read(path);
        } catch (IOException e) {
            return null;
        }
        LuaTable entry = new LuaTable();
        entry.set("Size", LuaValue.valueOf(attributes.isDirectory() ? 0 : (double) attributes.size()));
        entry.set("Attributes", letters(path, attributes));
        entry.set("Creation", seconds(attributes.creationTime()));
        entry.set("LastAccess", seconds(attributes.lastAccessTime()));
        entry.set("LastWrite", seconds(attributes.lastModifiedTime()));
        return entry;
    }

    /** POSIX attributes where the file system has them, else the DOS ones (Windows). */
    private static BasicFileAttributes read(Path path) throws IOException {
        Class<? extends BasicFileAttributes> kind =
                path.getFileSystem().supportedFileAttributeViews().contains("posix")
                        ? PosixFileAttributes.class
                        : DosFileAttributes.class;
        try {
            return Files.readAttributes(path, kind);
        } catch (IOException e) {
            return Files.readAttributes(path, kind, LinkOption.NOFOLLOW_LINKS);
        }
    }

    private static String letters(Path path, BasicFileAttributes attributes) {
        StringBuilder letters = new StringBuilder();
        if (attributes instanceof DosFileAttributes) {
            DosFileAttributes dos = (DosFileAttributes) attributes;
            append(letters, 'A', dos.isArchive());
            append(letters, 'D', dos.isDirectory());
            append(letters, 'H', dos.isHidden());
            append(letters, 'R', dos.isReadOnly());
            append(letters, 'S', dos.isSystem());
            return letters.toString();
        }
        PosixFileAttributes posix = (PosixFileAttributes) attributes;
        append(letters, 'A', posix.isRegularFile());
        append(letters, 'D', posix.isDirectory());
        append(letters, 'H', path.getFileName().toString().startsWith("."));
        append(letters, 'R', posix.permissions().stream().noneMatch(WRITE::contains));
        return letters.toString();
    }

    private static void append(StringBuilder letters, char letter, boolean present) {
        if (present) {
            letters.append(letter);
        }
    }

    private static LuaValue seconds(FileTime time) {
        return LuaValue.valueOf((double) time.to(TimeUnit.SECONDS));
    }

    private static Varargs failure(String message) {
        return LuaValue.varargsOf(LuaValue.NIL, LuaValue.valueOf(message));
    }
}
