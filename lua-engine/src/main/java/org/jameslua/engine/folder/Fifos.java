package org.jameslua.engine.folder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * FIFOs (named pipes), which a script's file functions must not open: opening one waits for the other end, for ever
 * when there is none, outside every bound of the call (no Java open can be interrupted). Other special files are
 * left to the open, as a script may mean one (a device).
 */
public final class Fifos {
    private static final int FILE_TYPE = 0170000;
    private static final int FIFO = 0010000;

    private Fifos() {}

    /** Whether the path (its link followed) is a FIFO now; false where the file system cannot say (not POSIX). */
    public static boolean isFifo(Path path) {
        try {
            return (((Integer) Files.getAttribute(path, "unix:mode")) & FILE_TYPE) == FIFO;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException | ClassCastException e) {
            return false;
        }
    }
}
