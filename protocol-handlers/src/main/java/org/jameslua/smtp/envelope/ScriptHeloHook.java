package org.jameslua.smtp.envelope;

import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.HeloHook;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.jameslua.smtp.reply.HeloReplies;
import org.jameslua.smtp.session.MaxMessageSize;
import org.jameslua.smtp.session.ScriptSession;

/**
 * GetMaxMessageSize(helo, current) at HELO and EHLO, before James builds its EHLO reply, so that the SIZE
 * it advertises is the new limit. DoHELO and GetEHLOCapabilities need James's reply: {@link HeloReplies}.
 */
public class ScriptHeloHook implements HeloHook {
    @Override
    public HookResult doHelo(SMTPSession session, String helo) {
        ScriptSession.of(session).ifPresent(scriptSession -> MaxMessageSize.ask(scriptSession, helo));
        return HookResult.DECLINED;
    }
}
