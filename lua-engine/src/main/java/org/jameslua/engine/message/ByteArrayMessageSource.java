package org.jameslua.engine.message;

import java.io.ByteArrayInputStream;
import java.io.InputStream;

/** A message already in memory, for small messages and tests. The array is not copied and must not change. */
public final class ByteArrayMessageSource implements MessageSource {
    private final byte[] bytes;

    public ByteArrayMessageSource(byte[] bytes) {
        this.bytes = bytes;
    }

    @Override
    public long size() {
        return bytes.length;
    }

    @Override
    public InputStream open() {
        return new ByteArrayInputStream(bytes);
    }
}
