package org.jameslua.engine.lib;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.Map;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

/**
 * A failed file operation as Lua 5.2's {@code luaL_fileresult} reports it: {@code nil, "name: reason", errno}, the
 * reason in C's {@code strerror} words and the name as the script gave it. Java names the absolute path instead
 * (which would tell a script the server's folders) and has no errno.
 */
final class FileFailure {
    /** C's errno (Linux numbers) for the reasons strerror gives. */
    private static final Map<String, Integer> ERRNO = Map.ofEntries(
            Map.entry("No such file or directory", 2),
            Map.entry("Permission denied", 13),
            Map.entry("File exists", 17),
            Map.entry("Not a directory", 20),
            Map.entry("Is a directory", 21),
            Map.entry("Directory not empty", 39),
            Map.entry("Bad file descriptor", 9),
            Map.entry("Invalid argument", 22),
            Map.entry("Invalid cross-device link", 18),
            Map.entry("Device or resource busy", 16),
            Map.entry("Too many open files", 24));

    private FileFailure() {}

    /** {@code nil, "name: reason", errno}; without a name (os.rename's), {@code nil, "reason", errno}. */
    static Varargs result(IOException failure, String name) {
        String reason = reason(failure);
        Integer errno = ERRNO.get(reason);
        return LuaValue.varargsOf(
                LuaValue.NIL,
                LuaValue.valueOf(name == null ? reason : name + ": " + reason),
                errno == null ? LuaValue.NIL : LuaValue.valueOf(errno));
    }

    /** {@code nil, message, errno} for a message already in Lua's words, {@code "name: reason"} or {@code "reason"}. */
    static Varargs result(String message) {
        int colon = message.lastIndexOf(": ");
        Integer errno = ERRNO.get(colon < 0 ? message : message.substring(colon + 2));
        return LuaValue.varargsOf(
                LuaValue.NIL, LuaValue.valueOf(message), errno == null ? LuaValue.NIL : LuaValue.valueOf(errno));
    }

    /** strerror's words for what Java reports. */
    static String reason(IOException failure) {
        if (failure instanceof NoSuchFileException) {
            return "No such file or directory";
        }
        if (failure instanceof AccessDeniedException) {
            return "Permission denied";
        }
        if (failure instanceof FileAlreadyExistsException) {
            return "File exists";
        }
        if (failure instanceof DirectoryNotEmptyException) {
            return "Directory not empty";
        }
        if (failure instanceof NotDirectoryException) {
            return "Not a directory";
        }
        if (failure instanceof FileSystemException && ((FileSystemException) failure).getReason() != null) {
            return ((FileSystemException) failure).getReason();
        }
        return String.valueOf(failure.getMessage());
    }
}
