package org.jameslua.engine.message;

import java.io.IOException;
import java.io.InputStream;

/**
 * Splits a stream into lines, counting offsets. A line ends at CRLF, a bare LF or a bare CR, so messages
 * with any of the three line ends are read alike. Memory is one buffer, whatever the length of the lines.
 */
final class LineInput {
    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] CR = {'\r'};
    private static final byte[] LF = {'\n'};

    /** Receives every byte of each line, its line end included, as it is read. */
    interface Sink {
        void accept(byte[] bytes, int offset, int count);
    }

    static final Sink IGNORE = (bytes, offset, count) -> {};

    // larger buffers read no faster from the streams a message comes from (James's copy in memory, a file), and a
    // buffer is allocated per message scanned
    private static final int BUFFER = 8 * 1024;

    private final InputStream in;
    private final byte[] buffer;
    private int pos;
    private int limit;
    private long position;
    private boolean eof;

    LineInput(InputStream in) {
        this(in, BUFFER);
    }

    /** For a stream of {@code size} bytes: a smaller one gets a buffer no larger than itself. */
    LineInput(InputStream in, long size) {
        this.in = in;
        this.buffer = new byte[(int) Math.max(1, Math.min(BUFFER, size + 1))];
    }

    /** Offset of the next byte to be read. */
    long position() {
        return position;
    }

    /** Reads the next line into {@code line}; false, with the line untouched, at the end of the input. */
    boolean next(Line line, Sink sink) throws IOException {
        if (!fill()) {
            return false;
        }
        line.begin(position);
        while (fill()) {
            int i = pos;
            while (i < limit && buffer[i] != '\n' && buffer[i] != '\r') {
                i++;
            }
            int count = i - pos;
            line.content(buffer, pos, count);
            sink.accept(buffer, pos, count);
            advance(count);
            if (i < limit) {
                byte terminator = buffer[pos];
                advance(1);
                if (terminator == '\r' && fill() && buffer[pos] == '\n') {
                    advance(1);
                    line.end(2);
                    sink.accept(CRLF, 0, 2);
                } else {
                    line.end(1);
                    sink.accept(terminator == '\r' ? CR : LF, 0, 1);
                }
                return true;
            }
        }
        return true;
    }

    /** Moves forward to {@code offset}, or to the end of the input if it is shorter. */
    void skipTo(long offset) throws IOException {
        long buffered = Math.min(limit - pos, Math.max(0, offset - position));
        advance((int) buffered);
        while (position < offset && !eof) {
            long skipped = in.skip(offset - position);
            if (skipped > 0) {
                position += skipped;
            } else if (in.read() < 0) {
                eof = true;
            } else {
                position++;
            }
        }
    }

    private void advance(int count) {
        pos += count;
        position += count;
    }

    private boolean fill() throws IOException {
        if (pos < limit) {
            return true;
        }
        if (eof) {
            return false;
        }
        int read = in.read(buffer, 0, buffer.length);
        if (read <= 0) {
            eof = true;
            return false;
        }
        pos = 0;
        limit = read;
        return true;
    }
}
