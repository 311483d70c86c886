package org.jameslua.tools;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The lines written to a scripts folder's {@code LUAERRORS.LOG} since the tool started, without their time. The
 * offline session's James builds its engine in James's extension injector, out of the tool's reach, so the
 * file is where the tool learns of errors no call it traces stands for: a script that does not compile, a main
 * chunk that fails.
 */
final class ErrorLogTail {
    private static final Pattern TIME = Pattern.compile("^\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}\\.\\d{3} ");

    private final Path file;
    private long read;

    ErrorLogTail(Path file) {
        this.file = file;
        this.read = size();
    }

    /** The whole lines written since the last call. */
    List<String> newLines() {
        long size = size();
        if (size < read) {
            // rotated to LUAERRORS.LOG.1: the new file holds new lines only
            read = 0;
        }
        if (size == read) {
            return List.of();
        }
        ByteBuffer bytes = ByteBuffer.allocate(Math.toIntExact(size - read));
        try (SeekableByteChannel channel = Files.newByteChannel(file)) {
            channel.position(read);
            while (bytes.hasRemaining() && channel.read(bytes) > 0) {
                // reads up to the size seen, not what is written meanwhile
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // up to the last line end read: a line still being written is read next time
        int end = bytes.position();
        while (end > 0 && bytes.get(end - 1) != '\n') {
            end--;
        }
        read += end;
        return new String(bytes.array(), 0, end, StandardCharsets.UTF_8)
                .lines()
                .map(line -> TIME.matcher(line).replaceFirst(""))
                .toList();
    }

    private long size() {
        try {
            return Files.size(file);
        } catch (NoSuchFileException e) {
            return 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
