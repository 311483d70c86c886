package org.jameslua.james.message;

import java.io.IOException;
import java.io.InputStream;
import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;
import org.apache.james.server.core.MimeMessageUtil;
import org.apache.james.server.core.MimeMessageWrapper;
import org.apache.mailet.Mail;

/**
 * A mail's message size without reading the message. James's own {@code getMessageSize}, for a message whose header a
 * mailet changed (James's processors do, for the mail of a usual transport processor), copies the whole message from
 * its source and parses its header again, for every call; the scripts' {@code MessageSize}, the mail table and the
 * message helpers each asked it once per mail.
 */
public final class MessageSize {
    private MessageSize() {}

    /**
     * The size of the mail's message in bytes, as it would be streamed out. For a message whose header was changed
     * and body was not, it is worked out as javax.mail counts a header (each line and its CRLF, then the empty line)
     * plus the source's body (the source's size less the header it was read with, counted so): James's own figure
     * for such a message, which it gets by reading the source's header again, is the same whenever the header the
     * message arrived with ended its lines with CRLF, as SMTP requires. Any other message: James's figure.
     */
    public static long of(Mail mail) throws MessagingException {
        MimeMessage message = mail.getMessage();
        return isHeaderChanged(message) ? MimeMessageUtil.calculateMessageSize(message) : mail.getMessageSize();
    }

    /**
     * An estimate of what {@code stream}, a {@link org.apache.james.server.core.MimeMessageInputStream} of
     * {@code message} not read yet, holds, to size the array it is read into; exact for the messages James hands on.
     */
    static long expected(MimeMessage message, InputStream stream) throws IOException, MessagingException {
        // a changed header's stream is its lines, then the source's body: available() says only what the first line
        // holds. James's sources and the arrays of the other messages answer what is left to read exactly
        return isHeaderChanged(message) ? MimeMessageUtil.calculateMessageSize(message) : stream.available();
    }

    /**
     * A James message whose header was changed and whose body is its source's: its size is that of its header lines
     * (parsed already: they were changed) plus its source's body ({@code getSize()}, -1 without a source, which would
     * make javax.mail write the whole message out to count it).
     */
    private static boolean isHeaderChanged(MimeMessage message) throws MessagingException {
        if (!(message instanceof MimeMessageWrapper)) {
            return false;
        }
        MimeMessageWrapper wrapper = (MimeMessageWrapper) message;
        return wrapper.isHeaderModified() && !wrapper.isBodyModified() && wrapper.getSize() >= 0;
    }
}
