package org.jameslua.engine.message;

import java.io.IOException;
import java.nio.file.Path;
import org.luaj.vm2.LuaString;

/**
 * What the ProcessMessage helpers ({@code VPOP3.GetMessagePart}, {@code MessageReset}, {@code MessageSeek},
 * {@code GetMessageLine}, {@code SaveAttachment}) do to the message being processed.
 */
public interface MessageAccess {
    /**
     * The raw, undecoded content of the part at an IMAP-style path ("1", "2.1"; "" or "0" is the whole message),
     * failing rather than returning more than {@code maxLength} bytes.
     */
    LuaString part(String path, int maxLength) throws IOException;

    void reset();

    void seek(long offset);

    /**
     * Up to {@code count} lines from the pointer, with their line ends, moving the pointer past them; fewer
     * when more would come to over {@code maxLength} bytes.
     */
    Lines lines(int count, int maxLength) throws IOException;

    /** Saves attachment {@code number} (1-based, as in the attachments table), decoded, to the file. */
    boolean saveAttachment(int number, Path file);

    final class Lines {
        private final int count;
        private final LuaString text;

        public Lines(int count, LuaString text) {
            this.count = count;
            this.text = text;
        }

        public int count() {
            return count;
        }

        public LuaString text() {
            return text;
        }
    }
}
