package org.jameslua.engine.folder;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Consumer;

/**
 * A file whole lines are appended to, kept to a size: when a line would take it past its limit it is renamed to
 * {@code NAME.1} (replacing the older {@code NAME.1}) and a new one is started, so at most twice the limit is kept
 * on disk (a line longer than the limit gets a file of its own).
 *
 * <p>Each line is one {@code O_APPEND} write through a channel opened for it, so an operator may still move or
 * delete the file at any time. The size check, the rename and the write happen under one lock per file, shared by
 * every writer of this JVM (all sessions of all engines over the folder): no line is split, and none goes to a
 * file already replaced. The rename itself happens holding a lock on the file and after checking its size again,
 * so that another process writing there (james-lua-run run on James's folder) cannot rotate it a second time at
 * the same moment and drop the {@code .1} just made.
 *
 * <p>A failure never reaches the script or the host: the problem is reported once to {@code problems} (James's
 * log) until a line is written again, and the line is dropped. A file that cannot be renamed at its limit gets no
 * more lines rather than growing on: the limit is what keeps a script from filling the disk James runs on. Each
 * line past the limit tries the rename again, so writing resumes by itself once the operator has fixed it.
 */
final class RotatingFile {
    private static final ConcurrentMap<Path, Object> LOCKS = new ConcurrentHashMap<>();

    private final Path file;
    private final Path older;
    private final long limit;
    private final Consumer<String> problems;
    private final Object lock;
    /** Whether the last line was dropped, so that a failing file is reported once, not at every line. */
    private boolean failing;

    RotatingFile(Path file, long limit, Consumer<String> problems) {
        this.file = file;
        this.older = file.resolveSibling(file.getFileName() + ".1");
        this.limit = limit;
        this.problems = problems;
        this.lock = LOCKS.computeIfAbsent(file.toAbsolutePath().normalize(), path -> new Object());
    }

    /** A line of text, written in UTF-8. */
    void append(String line) {
        append(line.getBytes(StandardCharsets.UTF_8));
    }

    /** A line of bytes, written as they are. */
    void append(byte[] line) {
        byte[] end = System.lineSeparator().getBytes(StandardCharsets.US_ASCII);
        ByteBuffer bytes =
                ByteBuffer.allocate(line.length + end.length).put(line).put(end).flip();
        // a channel refuses an interrupted thread (ClosedByInterruptException): the thread of a call James
        // interrupts as it stops would lose the line reporting that call. The interrupt is the caller's, kept.
        boolean interrupted = Thread.interrupted();
        try {
            synchronized (lock) {
                try {
                    write(bytes);
                    failing = false;
                } catch (CannotRotate e) {
                    report(file + " reached its limit of " + limit + " bytes and cannot be renamed to "
                            + older.getFileName() + " (" + e.getCause() + "): its lines are dropped until it can be");
                } catch (IOException | RuntimeException e) {
                    report(file + " cannot be written (" + e + "): its lines are dropped until it can be");
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void report(String problem) {
        if (!failing) {
            failing = true;
            problems.accept(problem);
        }
    }

    private void write(ByteBuffer bytes) throws IOException {
        FileChannel channel = open();
        try {
            if (isFullFor(channel.size(), bytes.remaining())) {
                rotate(channel, bytes.remaining());
                channel.close();
                channel = open();
            }
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
        } finally {
            channel.close();
        }
    }

    /**
     * Only a regular file (or none yet) is opened: opening a FIFO put in its place to write waits for a reader for
     * ever, and it would wait holding the lock every session's print and error line waits for.
     */
    private FileChannel open() throws IOException {
        try {
            if (!Files.readAttributes(file, BasicFileAttributes.class).isRegularFile()) {
                throw new IOException("it is not a regular file");
            }
        } catch (NoSuchFileException e) {
            // the open creates it
        }
        return FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
    }

    private boolean isFullFor(long size, int lineBytes) {
        return size > 0 && size + lineBytes > limit;
    }

    private void rotate(FileChannel channel, int lineBytes) throws CannotRotate {
        try (FileLock guard = lockAcrossProcesses(channel)) {
            // another process may have rotated it while this one waited: then the file here is a new one
            if (isFullFor(sizeNow(), lineBytes)) {
                Files.move(file, older, StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (IOException | RuntimeException e) {
            throw new CannotRotate(e);
        }
    }

    /**
     * Null where the file system has no locks (some network file systems): rotating unguarded there risks only
     * the rare double rotation, where refusing would leave the file without new lines. Not waited for when another
     * process holds it: every writer of the JVM waits on this file's lock meanwhile, James's I/O thread among them
     * (a quick main chunk's error), for as long as that process holds it (one stopped while rotating: for ever).
     * The line is then dropped as at any rename that fails, and the next line tries again.
     */
    private static FileLock lockAcrossProcesses(FileChannel channel) throws IOException {
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (IOException | OverlappingFileLockException e) {
            return null;
        }
        if (lock == null) {
            throw new IOException("locked by another process");
        }
        return lock;
    }

    private long sizeNow() throws IOException {
        try {
            return Files.size(file);
        } catch (NoSuchFileException e) {
            return 0;
        }
    }

    private static final class CannotRotate extends IOException {
        private static final long serialVersionUID = 1L;

        CannotRotate(Exception cause) {
            super(cause);
        }
    }
}
