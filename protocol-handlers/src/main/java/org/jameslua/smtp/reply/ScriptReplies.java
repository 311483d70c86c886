package org.jameslua.smtp.reply;

import java.util.Collection;
import java.util.Optional;
import org.apache.james.protocols.api.ProtocolSession;
import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.api.handler.CommandHandler;
import org.apache.james.protocols.api.handler.ProtocolHandler;
import org.apache.james.protocols.api.handler.ProtocolHandlerResultHandler;
import org.apache.james.protocols.api.handler.UnknownCommandHandler;
import org.apache.james.protocols.smtp.SMTPRetCode;
import org.apache.james.protocols.smtp.SMTPSession;
import org.jameslua.smtp.data.ScriptDataStart;
import org.jameslua.smtp.session.ScriptSession;
import org.jameslua.smtp.session.SessionWork;
import org.luaj.vm2.LuaValue;

/**
 * Sees James's reply to each command, as the client would get it, and lets the script have its say:
 * HELO/EHLO ({@link HeloReplies}), HELP, NOOP, RSET, QUIT and unknown commands ({@link CommandReplies}), and
 * the replies DoMAILFROM, DoRCPTTO and DoDATAStart left waiting ({@link PendingReplies}). Tells
 * {@link SessionWork} whether DATA went ahead (354): a message is then under way.
 *
 * <p>James calls result handlers twice per command, once with the command's handler and once with the line
 * handler that dispatched it; only the first names a command, so only it is acted on.
 */
public class ScriptReplies implements ProtocolHandlerResultHandler<Response, SMTPSession> {
    @Override
    public Response onResponse(
            ProtocolSession session, Response response, long executionTime, ProtocolHandler handler) {
        if (response == null || !(handler instanceof CommandHandler<?>) || handler instanceof ScriptDataStart) {
            return response;
        }
        Collection<String> verbs = ((CommandHandler<?>) handler).getImplCommands();
        Optional<ScriptSession> found = ScriptSession.of(session);
        if (verbs.contains("DATA")) {
            Response reply = found.map(
                            scriptSession -> PendingReplies.apply(scriptSession, ScriptSession.Stage.DATA, response))
                    .orElse(response);
            // a DATA that went ahead makes the next line the message's first, which no callback reads, and the lines
            // after it plain content until a reply ends the message (MessageReplies), with or without a script
            SessionWork.messageUnderWay(session, reply.getRetCode().equals(SMTPRetCode.DATA_READY));
            return reply;
        }
        if (found.isEmpty()) {
            return response;
        }
        ScriptSession scriptSession = found.get();
        if (verbs.contains("EHLO") || verbs.contains("HELO")) {
            return HeloReplies.reply(scriptSession, response, verbs.contains("EHLO"));
        }
        if (verbs.contains("HELP")) {
            return CommandReplies.reply(
                    scriptSession, "DoHELP", response, LuaValue.valueOf(ReplyParser.wireText(response)));
        }
        if (verbs.contains("NOOP")) {
            return CommandReplies.reply(scriptSession, "DoNOOP", response);
        }
        if (verbs.contains("RSET")) {
            return CommandReplies.reply(scriptSession, "DoRSET", response);
        }
        if (verbs.contains("QUIT")) {
            return CommandReplies.reply(scriptSession, "DoQUIT", response);
        }
        if (verbs.contains(UnknownCommandHandler.COMMAND_IDENTIFIER)) {
            return CommandReplies.reply(
                    scriptSession, "DoUnrecognised", response, LuaValue.valueOf(scriptSession.commandLine()));
        }
        if (verbs.contains("MAIL")) {
            return PendingReplies.apply(scriptSession, ScriptSession.Stage.MAIL, response);
        }
        if (verbs.contains("RCPT")) {
            return PendingReplies.apply(scriptSession, ScriptSession.Stage.RCPT, response);
        }
        return response;
    }
}
