package org.jameslua.smtp.session;

import org.apache.james.protocols.api.handler.DisconnectHandler;
import org.apache.james.protocols.smtp.SMTPSession;

/** Calls End() when the connection closes, however it closes, and lets the session's instance go. */
public class ScriptSessionEnd implements DisconnectHandler<SMTPSession> {
    @Override
    public void onDisconnect(SMTPSession session) {
        ScriptSession.detach(session).ifPresent(ScriptSession::end);
    }
}
