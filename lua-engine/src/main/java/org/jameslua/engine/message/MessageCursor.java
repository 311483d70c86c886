package org.jameslua.engine.message;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import org.luaj.vm2.LuaString;

/**
 * The pointer of MessageReset / MessageSeek / GetMessageLine. Reading goes on from one open stream; only a
 * pointer moved back before where that stream is opens the message again.
 */
final class MessageCursor implements Closeable {
    private final MessageSource source;
    private final Line line = new Line();
    private long pointer;
    private InputStream stream;
    private LineInput input;

    MessageCursor(MessageSource source) {
        this.source = source;
    }

    void reset() {
        pointer = 0;
    }

    void seek(long offset) {
        pointer = Math.max(0, offset);
    }

    /**
     * Up to {@code count} lines from the pointer, line ends kept. Stops early at the end of the message, or
     * before a line that would take the text over {@code maxLength} bytes; a first line that long is an error.
     */
    MessageAccess.Lines lines(int count, int maxLength) throws IOException {
        if (count <= 0) {
            return new MessageAccess.Lines(0, LuaString.valueOf(""));
        }
        moveToPointer();
        Text text = new Text(maxLength);
        int read = 0;
        while (read < count) {
            long lineStart = input.position();
            int before = text.size();
            if (!input.next(line, text)) {
                break;
            }
            if (text.overflowed) {
                if (read == 0) {
                    throw new IOException("the line at offset " + lineStart + " is " + (line.length() + line.eol())
                            + " bytes, over the string limit of " + maxLength);
                }
                text.truncate(before);
                pointer = lineStart;
                return new MessageAccess.Lines(read, text.toLuaString());
            }
            read++;
        }
        pointer = input.position();
        return new MessageAccess.Lines(read, text.toLuaString());
    }

    @Override
    public void close() throws IOException {
        if (stream != null) {
            stream.close();
            stream = null;
            input = null;
        }
    }

    private void moveToPointer() throws IOException {
        if (input == null || pointer < input.position()) {
            close();
            stream = source.open();
            input = new LineInput(stream);
        }
        input.skipTo(pointer);
    }

    /** The lines read so far, never more than the limit: bytes past it are dropped and the overflow noted. */
    private static final class Text extends ByteArrayOutputStream implements LineInput.Sink {
        private final int limit;
        boolean overflowed;

        Text(int limit) {
            this.limit = limit;
        }

        @Override
        public void accept(byte[] bytes, int offset, int length) {
            if (overflowed || length > limit - count) {
                overflowed = true;
                return;
            }
            write(bytes, offset, length);
        }

        void truncate(int size) {
            count = size;
        }

        LuaString toLuaString() {
            return LuaString.valueUsing(toByteArray());
        }
    }
}
