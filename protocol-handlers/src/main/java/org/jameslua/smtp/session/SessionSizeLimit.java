package org.jameslua.smtp.session;

import java.util.List;
import java.util.Optional;
import org.apache.james.protocols.api.ProtocolSession;
import org.apache.james.protocols.api.ProtocolSession.State;
import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.api.handler.LineHandler;
import org.apache.james.protocols.smtp.MailEnvelope;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.core.DataLineFilter;
import org.apache.james.protocols.smtp.core.esmtp.EhloExtension;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.MailParametersHook;
import org.apache.james.protocols.smtp.hook.MessageHook;
import org.jameslua.smtp.data.DataStartHeaders;
import org.jameslua.smtp.reply.Reply;
import org.jameslua.smtp.reply.Verdicts;

/**
 * The message size limit of each session (GetMaxMessageSize; 0 is none), in the place of James's
 * MailSizeEsmtpExtension, which knows only the server's {@code maxmessagesize}: advertised as
 * {@code SIZE <limit>} in EHLO, a MAIL FROM declaring {@code SIZE=} over it refused with 552, and a message
 * that turns out bigger refused with 552 at the end of DATA (its lines past the limit are not kept).
 * Without a script the limit is James's, so the behaviour is James's.
 */
public class SessionSizeLimit implements MailParametersHook, EhloExtension, DataLineFilter, MessageHook {
    private static final ProtocolSession.AttachmentKey<Received> RECEIVED =
            ProtocolSession.AttachmentKey.of("org.jameslua.smtp.receivedBytes", Received.class);
    private static final String[] PARAMETERS = {"SIZE"};

    @Override
    public HookResult doMailParameter(SMTPSession session, String name, String value) {
        long declared;
        try {
            declared = Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            declared = -1;
        }
        if (declared < 0) {
            return Verdicts.refuse(Reply.of(501, "5.5.4 Syntactically incorrect value for SIZE parameter"));
        }
        return refusal(limit(session), declared).orElse(HookResult.DECLINED);
    }

    @Override
    public String[] getMailParamNames() {
        return PARAMETERS.clone();
    }

    @Override
    public List<String> getImplementedEsmtpFeatures(SMTPSession session) {
        long limit = limit(session);
        return limit > 0 ? List.of("SIZE " + limit) : List.of();
    }

    /**
     * Counts the message's lines against the limit and, in front of its first line, sends DoDATAStart's header lines
     * ({@link DataStartHeaders}): one look-up of the message's state per line, for both.
     */
    @Override
    public Response onLine(SMTPSession session, byte[] line, LineHandler<SMTPSession> next) {
        Received received = session.getAttachment(RECEIVED, State.Transaction).orElse(null);
        if (isEndOfData(line)) {
            // James's last filter builds the mail and runs the message hooks, where onMessage refuses it; an empty
            // message still gets DoDATAStart's lines
            List<String> headers = received == null ? DataStartHeaders.take(session) : received.takeHeaders();
            return DataStartHeaders.send(session, headers, line, next);
        }
        if (received == null) {
            // no callback runs while the message's lines come: the limit is the one its first line found
            received = new Received(limit(session), DataStartHeaders.take(session));
            session.setAttachment(RECEIVED, received, State.Transaction);
        }
        if (received.tooBig) {
            return null;
        }
        received.bytes += line.length;
        if (received.limit > 0 && received.bytes > received.limit) {
            received.tooBig = true;
            return null;
        }
        return DataStartHeaders.send(session, received.takeHeaders(), line, next);
    }

    @Override
    public HookResult onMessage(SMTPSession session, MailEnvelope mail) {
        Optional<Received> received = session.getAttachment(RECEIVED, State.Transaction);
        if (received.isPresent() && received.get().tooBig) {
            return tooBig(received.get().limit);
        }
        return HookResult.DECLINED;
    }

    /** What the lines of the message under way have come to, kept for the transaction. */
    private static final class Received {
        final long limit;
        long bytes;
        // the lines past the limit are not kept, and the message is refused at its end
        boolean tooBig;
        // DoDATAStart's, until the first line that goes on to James
        private List<String> headers;

        Received(long limit, List<String> headers) {
            this.limit = limit;
            this.headers = headers;
        }

        List<String> takeHeaders() {
            List<String> taken = headers;
            headers = List.of();
            return taken;
        }
    }

    /** The refusal of a message of {@code size} bytes, if the limit ({@code 0}: none) forbids it. */
    public static Optional<HookResult> refusal(long limit, long size) {
        return limit > 0 && size > limit ? Optional.of(tooBig(limit)) : Optional.empty();
    }

    private static HookResult tooBig(long limit) {
        return Verdicts.refuse(
                Reply.of(552, "5.3.4 Message size exceeds the limit of " + limit + " bytes for this session"));
    }

    private static long limit(SMTPSession session) {
        return ScriptSession.of(session)
                .map(ScriptSession::maxMessageSize)
                .orElseGet(() -> Math.max(0, session.getConfiguration().getMaxMessageSize()));
    }

    private static boolean isEndOfData(byte[] line) {
        return line.length == 3 && line[0] == '.';
    }
}
