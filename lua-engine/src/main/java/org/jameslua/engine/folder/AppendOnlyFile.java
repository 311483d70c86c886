package org.jameslua.engine.folder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Appends whole lines with one O_APPEND write each, so lines written by many threads (or many
 * engines sharing a folder) never interleave, and an operator may rotate or delete the file at any time.
 */
final class AppendOnlyFile {
    private AppendOnlyFile() {}

    static void append(Path file, String line) {
        ByteBuffer bytes = ByteBuffer.wrap((line + System.lineSeparator()).getBytes(StandardCharsets.UTF_8));
        try (FileChannel channel = FileChannel.open(
                file, StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE)) {
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot append to " + file, e);
        }
    }
}
