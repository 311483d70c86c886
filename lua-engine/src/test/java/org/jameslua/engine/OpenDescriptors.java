package org.jameslua.engine;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The files this process holds open, read from Linux's {@code /proc/self/fd}. */
public final class OpenDescriptors {
    private OpenDescriptors() {}

    /** The open files of {@code directory} and below (deleted ones too, marked so by Linux). */
    public static List<String> in(Path directory) throws IOException {
        List<String> open = new ArrayList<>();
        try (DirectoryStream<Path> descriptors = Files.newDirectoryStream(Path.of("/proc/self/fd"))) {
            for (Path descriptor : descriptors) {
                try {
                    String target = Files.readSymbolicLink(descriptor).toString();
                    if (target.startsWith(directory.toString())) {
                        open.add(target);
                    }
                } catch (IOException e) {
                    // closed meanwhile (the listing's own descriptor among them)
                }
            }
        }
        return open;
    }
}
