package org.jameslua.smtp.data;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.james.protocols.api.ProtocolSession.State;
import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.api.handler.LineHandler;
import org.apache.james.protocols.smtp.SMTPSession;

/**
 * Puts DoDATAStart's header lines in front of the message's first line, before James's ReceivedDataLineFilter, which
 * then puts its Received line in front of them, so trace headers stay first. Not a data line filter of its own: the
 * session's size limit ({@link org.jameslua.smtp.session.SessionSizeLimit}), the filter just before James's, takes
 * the lines once per message and sends them, so that the lines of a message cost no look-up of the session's
 * attachments here (each allocates, in James 3.8.1).
 */
public final class DataStartHeaders {
    private DataStartHeaders() {}

    /** The header lines DoDATAStart gave for the session's message, taken away; none if it gave none. */
    public static List<String> take(SMTPSession session) {
        return session.removeAttachment(ScriptDataStart.HEADERS, State.Transaction)
                .map(ScriptDataStart.HeaderBlock::lines)
                .orElse(List.of());
    }

    /** Hands {@code headers} on, each as a line of the message, then {@code line}; stops at a line James answers. */
    public static Response send(SMTPSession session, List<String> headers, byte[] line, LineHandler<SMTPSession> next) {
        for (String header : headers) {
            Response response = next.onLine(session, (header + "\r\n").getBytes(StandardCharsets.US_ASCII));
            if (response != null) {
                return response;
            }
        }
        return next.onLine(session, line);
    }
}
