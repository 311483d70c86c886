package org.jameslua.engine.folder;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Reads script files on threads of their own, so that no file can hold the thread that needs the script. A file is
 * checked to be a regular file before it is read, but it can be swapped for a FIFO between the check and the open,
 * and opening a FIFO to read waits for a writer for ever: Java has no way to open a file without waiting (no
 * {@code O_NONBLOCK}), and no way to stop an open that waits. So the open and the read happen on a reader thread,
 * and the compile waits for them at most {@link #DEFAULT_PATIENCE}; a read that outlasts that is a failed read. Its
 * reader thread may wait for ever; while it waits, later reads of files of the same folder (the user's folder, or
 * the scripts folder itself) fail at once instead of leaving one more thread waiting, so each folder holds at most
 * one such thread, and a user's FIFO holds up only that user's scripts.
 */
final class ScriptFileReads {
    static final Duration DEFAULT_PATIENCE = Duration.ofSeconds(2);

    /** Opens a file to read: FileChannel.open, or in tests an open that first swaps the file. */
    interface Opener {
        FileChannel open(Path path) throws IOException;
    }

    private final Duration patience;
    private final Opener opener;
    // the number of reads of each folder's files that outlasted the patience and have not returned
    private final ConcurrentMap<String, Integer> hanging = new ConcurrentHashMap<>();

    ScriptFileReads() {
        this(DEFAULT_PATIENCE, path -> FileChannel.open(path, StandardOpenOption.READ));
    }

    ScriptFileReads(Duration patience, Opener opener) {
        this.patience = patience;
        this.opener = opener;
    }

    /**
     * The file's bytes, refused once there are more than {@code most} (it may have grown since it was measured), or
     * when they did not come within the patience. {@code folder} names the folder the file belongs to.
     */
    byte[] read(Path path, String folder, long most) throws IOException {
        if (hanging.containsKey(folder)) {
            throw new IOException("an earlier read of a script file of this folder has not returned yet (a FIFO?):"
                    + " no file of it is read until it does");
        }
        CompletableFuture<byte[]> bytes = new CompletableFuture<>();
        // who comes first, the read's end or the caller giving up on it; the one that gives up counts it hanging
        AtomicBoolean settled = new AtomicBoolean();
        Thread reader = new Thread(
                () -> {
                    try {
                        bytes.complete(readAtMost(path, most));
                    } catch (Throwable e) {
                        bytes.completeExceptionally(e);
                    } finally {
                        if (!settled.compareAndSet(false, true)) {
                            unhang(folder);
                        }
                    }
                },
                "james-lua script file reader");
        reader.setDaemon(true);
        reader.start();
        try {
            return bytes.get(patience.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            hanging.merge(folder, 1, Integer::sum);
            if (!settled.compareAndSet(false, true)) {
                unhang(folder);
            }
            // a read under way ends (its channel closes); an open that waits does not
            reader.interrupt();
            throw new IOException("the file was not read within " + patience.toMillis()
                    + " ms (a FIFO or another special file put in its place?)");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw cause instanceof IOException ? (IOException) cause : new IOException(cause.toString(), cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while the file was read");
        }
    }

    private void unhang(String folder) {
        hanging.computeIfPresent(folder, (name, count) -> count == 1 ? null : count - 1);
    }

    private byte[] readAtMost(Path path, long most) throws IOException {
        // a FileChannel's read, unlike a FileInputStream's, ends when its thread is interrupted
        try (InputStream in = Channels.newInputStream(opener.open(path))) {
            byte[] bytes = in.readNBytes((int) most + 1);
            if (bytes.length > most) {
                throw new IOException("the file grew over the limit of " + most + " for a script while it was read");
            }
            return bytes;
        }
    }
}
