package org.jameslua.engine.lib;

import java.io.Closeable;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.lang.ref.Cleaner;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The files one script instance holds open, at most {@link #PER_INSTANCE} and within its engine's {@link OpenFiles}.
 * Each is closed, and its place given back, when the script closes it, when the script drops it and it is collected
 * (as Lua 5.2's {@code __gc} closes a file: {@code io.open(name):read("*a")} without a close is common), or when the
 * instance ends, whichever comes first: a session's script keeps nothing open past its session.
 */
public final class InstanceFiles {
    /** Files one instance may hold open at once: far more than a script reading and writing a few needs. */
    public static final int PER_INSTANCE = 256;

    private static final Cleaner DROPPED = Cleaner.create();

    private final OpenFiles server;
    // guarded by this: the instance's calls and the collector's thread both close files
    private final Set<Cleaner.Cleanable> open = new HashSet<>();

    public InstanceFiles(OpenFiles server) {
        this.server = server;
    }

    /**
     * Registers a file just opened: {@code resources} are closed once, at the first of the returned closer's run, the
     * file's collection, or the instance's end. Fails as C's {@code fopen} when the instance or all scripts hold
     * their bound of open files; the opener then closes {@code resources}.
     */
    synchronized Runnable opened(Object file, Closeable... resources) throws IOException {
        if (open.size() >= PER_INSTANCE || !server.take()) {
            // as Java's own open reports C's EMFILE, which io.open turns into Lua's "name: reason"
            throw new FileNotFoundException("Too many open files");
        }
        Closer closer = new Closer(this, resources);
        Cleaner.Cleanable cleanable = DROPPED.register(file, closer);
        closer.cleanable = cleanable;
        open.add(cleanable);
        return cleanable::clean;
    }

    /** Closes every file the instance still holds; at its end. */
    public void closeAll() {
        List<Cleaner.Cleanable> all;
        synchronized (this) {
            all = new ArrayList<>(open);
        }
        all.forEach(Cleaner.Cleanable::clean);
    }

    // the closer's cleanable is read under the lock opened() set it under: the collector's thread runs closers too
    private synchronized void closed(Closer closer) {
        if (open.remove(closer.cleanable)) {
            server.give();
        }
    }

    private static void closeQuietly(Closeable... resources) {
        for (Closeable resource : resources) {
            try {
                if (resource != null) {
                    resource.close();
                }
            } catch (IOException e) {
                // writes are not buffered: a close has nothing left to write, and one that fails loses nothing
            }
        }
    }

    /** What closing one file does; refers to the file's resources, never to the file, which it must let be collected. */
    private static final class Closer implements Runnable {
        private final InstanceFiles files;
        private final Closeable[] resources;
        private Cleaner.Cleanable cleanable;

        Closer(InstanceFiles files, Closeable[] resources) {
            this.files = files;
            this.resources = resources;
        }

        // run at most once: the Cleaner sees to it, whoever cleans first (a close, the collector, the instance's end)
        @Override
        public void run() {
            closeQuietly(resources);
            files.closed(this);
        }
    }
}
