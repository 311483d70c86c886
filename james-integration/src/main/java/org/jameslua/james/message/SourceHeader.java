package org.jameslua.james.message;

import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Optional;
import org.apache.james.server.core.MimeMessageSource;
import org.apache.james.server.core.MimeMessageWrapper;

/**
 * Whether the header a James message was read with ends every line in CRLF, as SMTP requires: then its size is what
 * its parsed lines count (each line and its CRLF, then the empty line), and a changed header's message can be sized
 * from its lines and the source's body. A line may also end in a bare LF (James's SMTP server keeps such lines as they
 * came) or a CR alone; javax.mail reads both as line ends, so the lines no longer say how many bytes the header took.
 */
final class SourceHeader {
    private static final int CR = '\r';
    private static final int LF = '\n';

    /**
     * James keeps a message's source in a protected field and offers no way to it but the message's own methods,
     * which parse the whole header again (MimeMessageWrapper.getMessageSize): read once, and if James's class ever
     * lacks it, every header counts as not known to be CRLF (James's own figure then serves).
     */
    private static final Optional<VarHandle> SOURCE = sourceField();

    private SourceHeader() {}

    /** True when the source's header is lines that each end in CRLF, up to an empty line; false when unsure. */
    static boolean endsLinesWithCrlf(MimeMessageWrapper message) throws IOException {
        if (SOURCE.isEmpty()) {
            return false;
        }
        MimeMessageSource source = (MimeMessageSource) SOURCE.get().get(message);
        if (source == null) {
            return false;
        }
        try (InputStream in = source.getInputStream()) {
            byte[] chunk = new byte[512];
            int previous = LF;
            boolean lineEmpty = true;
            for (int read = in.read(chunk); read >= 0; read = in.read(chunk)) {
                for (int i = 0; i < read; i++) {
                    int b = chunk[i];
                    if (previous == CR && b != LF || previous != CR && b == LF) {
                        return false;
                    }
                    if (b == LF) {
                        if (lineEmpty) {
                            return true;
                        }
                        lineEmpty = true;
                    } else if (b != CR) {
                        lineEmpty = false;
                    }
                    previous = b;
                }
            }
            // a header without the empty line that ends it
            return false;
        }
    }

    private static Optional<VarHandle> sourceField() {
        try {
            return Optional.of(MethodHandles.privateLookupIn(MimeMessageWrapper.class, MethodHandles.lookup())
                    .findVarHandle(MimeMessageWrapper.class, "source", MimeMessageSource.class));
        } catch (ReflectiveOperationException | SecurityException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
