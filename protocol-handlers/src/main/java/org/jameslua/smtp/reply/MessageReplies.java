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
 * line's outcome, it also tells {@link SessionWork} when the message under way ended (a reply came).
 */
public class MessageReplies implements DataLineFilter {
    @Override
    public Response onLine(SMTPSession session, byte[] line, LineHandler<SMTPSession> next) {
        Response response = next.onLine(session, line);
        if (response == null) {
            // the message is still under way, as DATA's reply recorded (ScriptReplies): nothing to tell SessionWork,
            // which spares every line of a message a look-up of the session's attachments
            return null;
        }
        SessionWork.messageUnderWay(session, false);
        return ScriptSession.of(session)
                .map(scriptSession -> PendingReplies.apply(scriptSession, ScriptSession.Stage.MESSAGE, response))
                .orElse(response);
    }
}
