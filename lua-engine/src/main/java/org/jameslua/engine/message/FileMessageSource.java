package org.jameslua.engine.message;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

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

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof FileMessageSource)) {
            return false;
        }
        FileMessageSource that = (FileMessageSource) other;
        return Objects.equals(file, that.file);
    }

    @Override
    public int hashCode() {
        return Objects.hash(file);
    }

    @Override
    public String toString() {
        return "FileMessageSource[file=" + file + "]";
    }
}
