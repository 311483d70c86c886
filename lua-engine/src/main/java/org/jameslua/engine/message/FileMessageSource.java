package org.jameslua.engine.message;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** A message in a file, such as a spool file; read from disk each time. */
public record FileMessageSource(Path file) implements MessageSource {
    @Override
    public long size() throws IOException {
        return Files.size(file);
    }

    @Override
    public InputStream open() throws IOException {
        return Files.newInputStream(file);
    }
}
