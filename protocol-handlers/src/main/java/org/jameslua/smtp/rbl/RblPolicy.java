package org.jameslua.smtp.rbl;

import java.util.Optional;
import org.jameslua.james.script.BadReturn;
import org.jameslua.smtp.reply.Reply;
import org.jameslua.smtp.reply.ReplyParser;
import org.jameslua.smtp.session.ScriptSession;

/**
 * What the RBL globals mean for a listed client that has not authenticated (see {@link RblGlobals}); an
 * authenticated client is never held back by a listing, as with James's own DNSRBLHandler.
 */
public final class RblPolicy {
    private RblPolicy() {}

    static boolean appliesTo(ScriptSession session) {
        return session.rbl().found()
                && !session.rbl().accept()
                && session.smtpSession().getUsername() == null;
    }

    public static boolean rejects(ScriptSession session) {
        return appliesTo(session)
                && !session.rbl().blackhole()
                && session.rbl().redirect().isBlank();
    }

    static boolean blackholes(ScriptSession session) {
        return appliesTo(session) && session.rbl().blackhole();
    }

    static Optional<String> redirect(ScriptSession session) {
        return appliesTo(session)
                        && !session.rbl().blackhole()
                        && !session.rbl().redirect().isBlank()
                ? Optional.of(session.rbl().redirect().trim())
                : Optional.empty();
    }

    /**
     * RBLRejectMessage as a reply; one that is not a 4xx or 5xx reply is reported (under the global's name)
     * and a standard one used.
     */
    public static Reply rejectReply(ScriptSession session) {
        try {
            Optional<Reply> reply = ReplyParser.parse(session.rbl().rejectMessage());
            if (reply.isPresent() && reply.get().isFailure()) {
                return reply.get();
            }
            session.badReturn(RblGlobals.REJECT_MESSAGE, "not a 4xx or 5xx reply");
        } catch (BadReturn e) {
            session.badReturn(RblGlobals.REJECT_MESSAGE, e.getMessage());
        }
        return Reply.of(550, "5.7.1 Rejected: " + session.clientAddress() + " is listed by a DNS blocklist");
    }
}
