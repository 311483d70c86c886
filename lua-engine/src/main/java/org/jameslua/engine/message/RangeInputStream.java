package org.jameslua.engine.message;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** The bytes of a message between two offsets, read from a fresh stream of its source. */
final class RangeInputStream extends FilterInputStream {
    private long remaining;

    private RangeInputStream(InputStream in, long length) {
        super(in);
        this.remaining = length;
    }

    static InputStream open(MessageSource source, long start, long end) throws IOException {
        InputStream in = source.open();
        try {
            in.skipNBytes(start);
        } catch (IOException e) {
            in.close();
            throw new IOException("the message is shorter than the " + start + " bytes it had when it was scanned", e);
        }
        return new RangeInputStream(in, Math.max(0, end - start));
    }

    @Override
    public int read() throws IOException {
        if (remaining <= 0) {
            return -1;
        }
        int b = in.read();
        if (b >= 0) {
            remaining--;
        }
        return b;
    }

    @Override
    public int read(byte[] bytes, int offset, int length) throws IOException {
        if (remaining <= 0) {
            return length == 0 ? 0 : -1;
        }
        int read = in.read(bytes, offset, (int) Math.min(length, remaining));
        if (read > 0) {
            remaining -= read;
        }
        return read;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = in.skip(Math.min(n, remaining));
        remaining -= skipped;
        return skipped;
    }

    @Override
    public int available() throws IOException {
        return (int) Math.min(in.available(), remaining);
    }

    @Override
    public boolean markSupported() {
        return false;
    }
}
