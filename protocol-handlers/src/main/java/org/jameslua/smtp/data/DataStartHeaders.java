package org.jameslua.smtp.data;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.james.protocols.api.ProtocolSession.State;
import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.api.handler.LineHandler;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.core.DataLineFilter;

/**
 * Puts DoDATAStart's header lines in front of the message's first line. It sits before James's
 * ReceivedDataLineFilter, which then puts its Received line in front of them, so trace headers stay first.
 */
public class DataStartHeaders implements DataLineFilter {
    @Override
    public Response onLine(SMTPSession session, byte[] line, LineHandler<SMTPSession> next) {
        Optional<ScriptDataStart.HeaderBlock> headers =
                session.removeAttachment(ScriptDataStart.HEADERS, State.Transaction);
        if (headers.isPresent()) {
            for (String header : headers.get().lines()) {
                Response response = next.onLine(session, (header + "\r\n").getBytes(StandardCharsets.US_ASCII));
                if (response != null) {
                    return response;
                }
            }
        }
        return next.onLine(session, line);
    }
}
