package org.jameslua.engine.message;

import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * The bytes of a message between two offsets, read from a fresh stream of its source. A message that lost
 * bytes since it was scanned is an error, not a short read.
 */
final class RangeInputStream extends FilterInputStream {
    private long remaining;

    private RangeInputStream(InputStream in, long length) {
        super(in);
        this.remaining = length;
    }

    static InputStream open(MessageSource source, long start, long end) throws IOException {
        InputStream in = source.open();
        try {
            skipExactly(in, start);
        } catch (EOFException e) {
            in.close();
            throw shorter();
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
        return new RangeInputStream(in, Math.max(0, end - start));
    }

    /** Java 12's {@code InputStream.skipNBytes}: {@code skip} alone may skip fewer bytes, or none before the end. */
    private static void skipExactly(InputStream in, long count) throws IOException {
        long left = count;
        while (left > 0) {
            long skipped = in.skip(left);
            if (skipped > 0) {
                left -= skipped;
            } else if (in.read() == -1) {
                throw new EOFException();
            } else {
                left--;
            }
        }
    }

    @Override
    public int read() throws IOException {
        if (remaining <= 0) {
            return -1;
        }
        int b = in.read();
        if (b < 0) {
            throw shorter();
        }
        remaining--;
        return b;
    }

    @Override
    public int read(byte[] bytes, int offset, int length) throws IOException {
        if (remaining <= 0) {
            return length == 0 ? 0 : -1;
        }
        int read = in.read(bytes, offset, (int) Math.min(length, remaining));
        if (read < 0) {
            throw shorter();
        }
        remaining -= read;
        return read;
    }

    private static IOException shorter() {
        return new IOException("the message is shorter than when it was scanned");
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
