package org.jameslua.engine.message;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/**
 * The raw bytes of a message, read from where they lie (a spool file, a blob) each time they are needed,
 * so that a large message is never held in memory or in Lua strings whole.
 */
public interface MessageSource {
    long size() throws IOException;

    /** A new stream over the whole message, from its first byte. */
    InputStream open() throws IOException;

    static MessageSource of(Path file) {
        return new FileMessageSource(file);
    }

    static MessageSource of(byte[] bytes) {
        return new ByteArrayMessageSource(bytes);
    }
}
