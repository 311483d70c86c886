package org.jameslua.smtp.session;

import java.util.Map;
import java.util.Optional;
import javax.inject.Inject;
import org.apache.james.protocols.api.ProtocolSessionImpl;
import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.api.handler.ConnectHandler;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.smtpserver.JamesWelcomeMessageHandler;
import org.jameslua.james.script.BadReturn;
import org.jameslua.smtp.rbl.RblCheck;
import org.jameslua.smtp.rbl.RblGlobals;
import org.jameslua.smtp.reply.NoResponse;
import org.jameslua.smtp.reply.Reply;

/**
 * The welcome banner, in the place of James's JamesWelcomeMessageHandler (James 3.8.1 shows connect
 * replies to result handlers but writes them unchanged, so the banner cannot be rewritten afterwards).
 *
 * <p>Start() is called first: {@code ""} keeps James's banner, another reply replaces it, and a 4xx or 5xx
 * reply is sent and the connection closed. Unless Start() refused, the RBL lookups follow (see
 * {@link RblGlobals}); when they were made, RBLResults() is called and a reply it gives replaces the banner
 * in the same way. A failed callback with {@code script.failure=tempfail} closes with a 421. All this runs on the
 * session's worker ({@link SessionWork}), which writes the banner; or, when it would call no callback and the
 * connect work is done, on the I/O thread, as stock James writes its banner.
 */
public class ScriptBanner implements ConnectHandler<SMTPSession> {
    static final String START = "Start";
    static final String RBL_RESULTS = "RBLResults";
    private final ConnectHandler<SMTPSession> jamesBanner = new JamesWelcomeMessageHandler();
    private final RblCheck rblCheck;

    @Inject
    public ScriptBanner(RblCheck rblCheck) {
        this.rblCheck = rblCheck;
    }

    @Override
    public Response onConnect(SMTPSession session) {
        SessionWork.of(session)
                .runHereIf(
                        () -> runsNoScript(session),
                        () -> ((ProtocolSessionImpl) session)
                                .getProtocolTransport()
                                .writeResponse(banner(session), session));
        return NoResponse.INSTANCE;
    }

    // asked once the connect work is done: whether the banner would call no callback
    private static boolean runsNoScript(SMTPSession session) {
        return ScriptSession.of(session)
                .filter(scriptSession -> !scriptSession.defines(START)
                        && !scriptSession.defines(RBL_RESULTS)
                        && !RblCheck.due(session.getRemoteAddress().getAddress(), scriptSession.rbl()))
                .isPresent();
    }

    private Response banner(SMTPSession session) {
        Response james = jamesBanner.onConnect(session);
        Optional<ScriptSession> found = ScriptSession.of(session);
        if (found.isEmpty()) {
            return james;
        }
        ScriptSession scriptSession = found.get();
        Optional<Reply> banner = ask(scriptSession, START);
        if (banner.isEmpty() || !banner.get().isFailure()) {
            Optional<Map<String, Long>> listings =
                    rblCheck.check(session.getRemoteAddress().getAddress(), scriptSession.rbl());
            if (listings.isPresent()) {
                scriptSession.rbl().results(scriptSession.instance(), listings.get());
                Optional<Reply> rblBanner = ask(scriptSession, RBL_RESULTS);
                if (rblBanner.isPresent()) {
                    banner = rblBanner;
                }
            }
        }
        return banner.map(reply -> reply.toResponse(reply.isFailure())).orElse(james);
    }

    private static Optional<Reply> ask(ScriptSession scriptSession, String callback) {
        Answer<Reply> answer = scriptSession.ask(callback, values -> {
            Optional<Reply> reply = Returns.reply(values, 1, callback + "'s reply");
            if (reply.isPresent() && reply.get().isIntermediate()) {
                throw new BadReturn(callback + " gave a 3xx reply, which cannot greet a client");
            }
            return reply.orElse(null);
        });
        if (answer.isTempFail()) {
            return Optional.of(Reply.of(
                    Reply.SERVICE_NOT_AVAILABLE,
                    "4.3.0 "
                            + scriptSession.smtpSession().getConfiguration().getHelloName()
                            + " Service temporarily unavailable, please try again later"));
        }
        return answer.value();
    }
}
