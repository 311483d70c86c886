package org.jameslua.smtp.envelope;

import java.util.Collection;
import java.util.Set;
import org.apache.james.protocols.api.Request;
import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.api.handler.CommandHandler;
import org.apache.james.protocols.api.handler.UnknownCommandHandler;
import org.apache.james.protocols.smtp.SMTPSession;
import org.jameslua.smtp.session.ScriptSession;

/**
 * Notes the command being handled before James's own handler for it runs: James's hooks get the parsed
 * address only, while DoMAILFROM, DoRCPTTO and DoUnrecognised get the text the client sent, and DoHELO
 * the EHLO/HELO argument even when James refuses it. Never answers, so James's handler runs next.
 */
public class CommandRecorder implements CommandHandler<SMTPSession> {
    private static final Set<String> COMMANDS =
            Set.of("MAIL", "RCPT", "EHLO", "HELO", UnknownCommandHandler.COMMAND_IDENTIFIER);

    @Override
    public Response onCommand(SMTPSession session, Request request) {
        ScriptSession.of(session)
                .ifPresent(scriptSession -> scriptSession.command(request.getCommand(), request.getArgument()));
        return null;
    }

    @Override
    public Collection<String> getImplCommands() {
        return COMMANDS;
    }
}
