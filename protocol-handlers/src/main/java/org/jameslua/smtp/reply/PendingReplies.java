package org.jameslua.smtp.reply;

import java.util.Optional;
import org.apache.james.protocols.api.Response;
import org.jameslua.smtp.session.ScriptSession;

/**
 * Script replies that wait for James's verdict on the same command (MAIL, RCPT, DATA, the end of DATA).
 * A refusal the script asked for went to James as a hook result carrying only the first line; here it is
 * given whole. A positive reply replaces James's only when James accepted too (2xx; 354 for DATA), so a
 * script can reword an acceptance but never turn James's refusal into one.
 */
public final class PendingReplies {
    private PendingReplies() {}

    static Response apply(ScriptSession session, ScriptSession.Stage stage, Response james) {
        Optional<Reply> pending = session.takePending(stage);
        if (pending.isEmpty()) {
            return james;
        }
        Reply reply = pending.get();
        String code = james.getRetCode();
        boolean matches = reply.isFailure()
                ? code.equals(reply.codeText())
                : stage == ScriptSession.Stage.DATA ? code.equals("354") : code.startsWith("2");
        return matches ? reply.toResponse(james.isEndSession()) : james;
    }
}
