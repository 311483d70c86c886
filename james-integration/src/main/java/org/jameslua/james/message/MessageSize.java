package org.jameslua.james.message;

import java.io.IOException;
import java.io.InputStream;
import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;
import org.apache.james.server.core.MimeMessageUtil;
import org.apache.james.server.core.MimeMessageWrapper;

/**
 * How many bytes a message's stream will give, known before reading it, to size the array it is read into. Not
 * James's {@code getMessageSize}: for a message whose header a mailet changed (James's RemoveMimeHeader does, for
 * every mail of the transport processor), that copies the whole message from its source and parses its header again.
 */
final class MessageSize {
    private MessageSize() {}

    /**
     * An estimate of what {@code stream}, a {@link org.apache.james.server.core.MimeMessageInputStream} of
     * {@code message} not read yet, holds; exact for the messages James hands on.
     */
    static long expected(MimeMessage message, InputStream stream) throws IOException, MessagingException {
        if (message instanceof MimeMessageWrapper) {
            MimeMessageWrapper wrapper = (MimeMessageWrapper) message;
            // getSize(): -1 without a source, which would make James write the whole message to count it
            if (wrapper.isHeaderModified() && !wrapper.isBodyModified() && wrapper.getSize() >= 0) {
                // its stream is the changed header's lines, then the source's body: available() says only what the
                // first line holds. The body's size is the source's less the header it was read with (the header is
                // parsed already: it was changed), and the header's is that of its lines
                return MimeMessageUtil.calculateMessageSize(wrapper);
            }
        }
        // James's sources and the arrays of the other messages answer what is left to read exactly
        return stream.available();
    }
}
