package org.jameslua.engine.message;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** A message in a file, such as a spool file; read from disk each time. */
public final class FileMessageSource implements MessageSource {
    private final Path file;

    public FileMessageSource(Path file) {
        this.file = file;
    }

    @Override
    public long size() throws IOException {
        return Files.size(file);
    }

    @Override
    public InputStream open() throws IOException {
        return Files.newInputStream(file);
    }

    public Path file() {
        return file;
    }
}
