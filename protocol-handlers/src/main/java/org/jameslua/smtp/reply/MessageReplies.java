package org.jameslua.smtp.reply;

import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.api.handler.LineHandler;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.core.DataLineFilter;
import org.jameslua.smtp.session.ScriptSession;
import org.jameslua.smtp.session.SessionWork;

/**
 * The first data line filter: sees James's reply to the end of DATA, which no result handler sees in
 * James 3.8.1, and gives ProcessMessage's reply in its place as {@link PendingReplies} says. Seeing every
 * line's outcome, it also tells {@link SessionWork} whether a message is under way (no reply yet).
 */
public class MessageReplies implements DataLineFilter {
    @Override
    public Response onLine(SMTPSession session, byte[] line, LineHandler<SMTPSession> next) {
        Response response = next.onLine(session, line);
        SessionWork.messageUnderWay(session, response == null);
        if (response == null) {
            return null;
        }
        return ScriptSession.of(session)
                .map(scriptSession -> PendingReplies.apply(scriptSession, ScriptSession.Stage.MESSAGE, response))
                .orElse(response);
    }
}
