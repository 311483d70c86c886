package org.jameslua.smtp.data;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.james.core.MailAddress;
import org.apache.james.protocols.api.ProtocolSession;
import org.apache.james.protocols.api.ProtocolSession.State;
import org.apache.james.protocols.api.Request;
import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.api.handler.CommandHandler;
import org.apache.james.protocols.smtp.SMTPSession;
import org.jameslua.engine.LuaSequences;
import org.jameslua.james.message.HeaderLines;
import org.jameslua.james.script.BadReturn;
import org.jameslua.smtp.reply.Reply;
import org.jameslua.smtp.reply.Verdicts;
import org.jameslua.smtp.session.Answer;
import org.jameslua.smtp.session.Returns;
import org.jameslua.smtp.session.ScriptSession;
import org.luaj.vm2.Varargs;

/**
 * DoDATAStart(recipients) for a valid DATA (no argument, a sender and recipients; otherwise James's DATA
 * handler answers its own error). Runs before James's DATA handler and answers only to refuse.
 *
 * <p>Returns {@code <SMTP Result string>, <header lines>}: a 4xx or 5xx reply refuses the DATA (a 421
 * also closes the connection), a 354 reply replaces James's go-ahead text, {@code ""} keeps it. The header
 * lines (a string of lines, or a table of strings, see {@link HeaderLines}) are added at the start of the
 * message header, after the Received line James puts first.
 */
public class ScriptDataStart implements CommandHandler<SMTPSession> {
    public static final String CALLBACK = "DoDATAStart";
    static final ProtocolSession.AttachmentKey<HeaderBlock> HEADERS =
            ProtocolSession.AttachmentKey.of("org.jameslua.smtp.dataStartHeaders", HeaderBlock.class);

    @Override
    public Response onCommand(SMTPSession session, Request request) {
        Optional<ScriptSession> found = ScriptSession.of(session);
        List<MailAddress> recipients =
                session.getAttachment(SMTPSession.RCPT_LIST, State.Transaction).orElse(List.of());
        boolean valid = (request.getArgument() == null || request.getArgument().isBlank())
                && session.getAttachment(SMTPSession.SENDER, State.Transaction).isPresent()
                && !recipients.isEmpty();
        if (found.isEmpty() || !valid) {
            return null;
        }
        ScriptSession scriptSession = found.get();
        Answer<DataStartAnswer> answer = scriptSession.askLazily(
                CALLBACK,
                DataStartAnswer::read,
                () -> LuaSequences.of(
                        recipients.stream().map(MailAddress::asString).collect(Collectors.toUnmodifiableList())));
        if (answer.isTempFail()) {
            return Verdicts.TEMP_FAIL.toResponse();
        }
        if (answer.value().isEmpty()) {
            return null;
        }
        DataStartAnswer value = answer.value().get();
        if (value.reply().isPresent() && value.reply().get().isFailure()) {
            return value.reply().get().toResponse();
        }
        value.reply().ifPresent(goAhead -> scriptSession.pending(ScriptSession.Stage.DATA, goAhead));
        if (!value.headers().isEmpty()) {
            session.setAttachment(HEADERS, new HeaderBlock(value.headers()), State.Transaction);
        }
        return null;
    }

    @Override
    public Collection<String> getImplCommands() {
        return Set.of("DATA");
    }

    /** Header lines waiting for the first line of the message. */
    static final class HeaderBlock {
        private final List<String> lines;

        HeaderBlock(List<String> lines) {
            this.lines = lines;
        }

        public List<String> lines() {
            return lines;
        }
    }

    private static final class DataStartAnswer {
        private final Optional<Reply> reply;
        private final List<String> headers;

        private DataStartAnswer(Optional<Reply> reply, List<String> headers) {
            this.reply = reply;
            this.headers = headers;
        }

        static DataStartAnswer read(Varargs values) throws BadReturn {
            Optional<Reply> reply = Returns.reply(values, 1, CALLBACK + "'s reply");
            if (reply.isPresent() && reply.get().isPositive()) {
                throw new BadReturn(CALLBACK + " gave a 2xx reply; DATA goes ahead with 354");
            }
            if (reply.isPresent() && reply.get().isIntermediate() && reply.get().code() != 354) {
                throw new BadReturn(CALLBACK + " gave a " + reply.get().code() + " reply; DATA goes ahead with 354");
            }
            List<String> headers =
                    values.arg(2).isnil() ? List.of() : HeaderLines.parse(values.arg(2), CALLBACK + "'s header lines");
            return new DataStartAnswer(reply, headers);
        }

        public Optional<Reply> reply() {
            return reply;
        }

        public List<String> headers() {
            return headers;
        }
    }
}
