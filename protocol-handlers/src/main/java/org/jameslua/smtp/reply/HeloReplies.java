package org.jameslua.smtp.reply;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.james.protocols.api.ProtocolSession.State;
import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.smtp.SMTPSession;
import org.jameslua.james.script.BadReturn;
import org.jameslua.smtp.session.Answer;
import org.jameslua.smtp.session.Returns;
import org.jameslua.smtp.session.ScriptSession;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

/**
 * GetEHLOCapabilities(host, current) and DoHELO(host, bRefuse, bEHLO), once James has answered HELO or EHLO.
 *
 * <ul>
 *   <li>GetEHLOCapabilities is asked only when James accepted an EHLO; see {@link EhloCapabilities}.</li>
 *   <li>DoHELO gets {@code bRefuse} = James refused. It returns {@code bRefuse, "<reply>"}. If James
 *       accepted: {@code true} or a 4xx/5xx reply refuses (the reply, or {@code 550 5.7.1 EHLO refused}),
 *       and the client is back to not having greeted; a 2xx reply replaces James's greeting line, the
 *       capabilities following it after EHLO; {@code ""} keeps it. If James refused, a 4xx/5xx reply
 *       rewords the refusal, but nothing turns it into an acceptance (James has not set up the session).</li>
 * </ul>
 *
 * A callback failing with {@code script.failure=tempfail} refuses with 451.
 */
public final class HeloReplies {
    public static final String DO_HELO = "DoHELO";
    public static final String CAPABILITIES = "GetEHLOCapabilities";

    private HeloReplies() {}

    static Response reply(ScriptSession session, Response james, boolean ehlo) {
        String host = session.commandArgument();
        boolean refusedByJames = !james.getRetCode().startsWith("2");
        List<String> lines = james.getLines().stream().map(HeloReplies::text).collect(Collectors.toUnmodifiableList());
        if (lines.isEmpty()) {
            return james;
        }
        List<String> greeting = lines.subList(0, 1);
        List<String> capabilities = lines.subList(1, lines.size());
        Optional<List<String>> changedCapabilities = Optional.empty();
        if (ehlo && !refusedByJames) {
            List<String> offered = capabilities;
            Answer<List<String>> answer = session.askLazily(
                    CAPABILITIES,
                    values -> {
                        Optional<String> text = Returns.string(values, 1, CAPABILITIES + "'s result");
                        return text.isPresent() ? EhloCapabilities.parse(text.get()) : null;
                    },
                    () -> LuaValue.varargsOf(
                            LuaValue.valueOf(host), LuaValue.valueOf(EhloCapabilities.format(offered))));
            if (answer.isTempFail()) {
                return refuse(session, Verdicts.TEMP_FAIL);
            }
            changedCapabilities = answer.value();
            capabilities = changedCapabilities.orElse(capabilities);
        }
        Answer<HeloAnswer> answer = session.ask(
                DO_HELO,
                HeloAnswer::read,
                LuaValue.valueOf(host),
                LuaValue.valueOf(refusedByJames),
                LuaValue.valueOf(ehlo));
        if (answer.isTempFail()) {
            return refuse(session, Verdicts.TEMP_FAIL);
        }
        Optional<Reply> reply = answer.value().flatMap(HeloAnswer::reply);
        if (refusedByJames) {
            return reply.filter(Reply::isFailure)
                    .map(refusal -> refusal.toResponse(james.isEndSession()))
                    .orElse(james);
        }
        boolean refuse = answer.value().flatMap(HeloAnswer::refuse).orElse(false);
        if (refuse || reply.map(Reply::isFailure).orElse(false)) {
            return refuse(session, reply.orElse(Reply.of(550, "5.7.1 " + (ehlo ? "EHLO" : "HELO") + " refused")));
        }
        if (reply.isEmpty() && changedCapabilities.isEmpty()) {
            // the script kept James's reply: it goes as James made it, not rebuilt line by line
            return james;
        }
        int code = reply.map(Reply::code).orElse(Integer.parseInt(james.getRetCode()));
        List<String> texts = new ArrayList<>(reply.map(Reply::texts).orElse(greeting));
        texts.addAll(capabilities);
        return new Reply(code, texts).toResponse(james.isEndSession());
    }

    /** A reply line's text, without its code and separator. */
    private static String text(CharSequence line) {
        return line.length() > 4 ? line.toString().substring(4) : "";
    }

    /** Refuses a greeting James had accepted: the session forgets it, as if the client had not sent it. */
    private static Response refuse(ScriptSession session, Reply reply) {
        SMTPSession smtp = session.smtpSession();
        smtp.removeAttachment(SMTPSession.CURRENT_HELO_MODE, State.Connection);
        smtp.removeAttachment(SMTPSession.CURRENT_HELO_NAME, State.Connection);
        return reply.toResponse();
    }

    /** DoHELO's {@code bRefuse, "<response string>"}. */
    private static final class HeloAnswer {
        private final Optional<Boolean> refuse;
        private final Optional<Reply> reply;

        private HeloAnswer(Optional<Boolean> refuse, Optional<Reply> reply) {
            this.refuse = refuse;
            this.reply = reply;
        }

        static HeloAnswer read(Varargs values) throws BadReturn {
            Optional<Boolean> refuse = Returns.bool(values, 1, DO_HELO + "'s bRefuse");
            Optional<Reply> reply = Returns.reply(values, 2, DO_HELO + "'s reply");
            if (reply.isPresent() && reply.get().isIntermediate()) {
                throw new BadReturn(DO_HELO + " gave a 3xx reply");
            }
            if (refuse.orElse(false) && reply.isPresent() && reply.get().isPositive()) {
                throw new BadReturn(DO_HELO + " asked to refuse with a 2xx reply");
            }
            return new HeloAnswer(refuse, reply);
        }

        public Optional<Boolean> refuse() {
            return refuse;
        }

        public Optional<Reply> reply() {
            return reply;
        }
    }
}
