package org.jameslua.smtp;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.james.protocols.api.BaseRequest;
import org.apache.james.protocols.api.Request;
import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.api.handler.CommandHandler;
import org.apache.james.protocols.api.handler.ExtensibleHandler;
import org.apache.james.protocols.api.handler.UnknownCommandHandler;
import org.apache.james.protocols.api.handler.WiringException;
import org.apache.james.protocols.smtp.SMTPSession;
import org.jameslua.smtp.envelope.CommandRecorder;
import org.jameslua.smtp.reply.ScriptReplies;

/**
 * A command handled as James's command dispatcher handles it under {@link LuaSmtpHandlers}: the pack's {@link
 * CommandRecorder} when it is one of the recorder's verbs, then James's own handler for the verb, wired with the hooks
 * given (the pack's and stand-ins for James's own), then the pack's {@link ScriptReplies} on its reply. What {@link
 * #run} answers is the reply the client gets.
 */
public final class JamesCommands {
    private JamesCommands() {}

    /** {@code handler} with each of its extension points wired to those of {@code extensions} that implement it. */
    public static <T extends CommandHandler<SMTPSession>> T wired(T handler, Object... extensions)
            throws WiringException {
        ExtensibleHandler extensible = (ExtensibleHandler) handler;
        for (Class<?> point : extensible.getMarkerInterfaces()) {
            extensible.wireExtensions(
                    point, Arrays.stream(extensions).filter(point::isInstance).collect(Collectors.toList()));
        }
        return handler;
    }

    public static Response run(SMTPSession session, CommandHandler<SMTPSession> james, String verb, String argument) {
        Request request = new BaseRequest(verb, argument);
        CommandRecorder recorder = new CommandRecorder();
        // the dispatcher hands a verb no handler has to the handlers of unknown commands
        String key = james.getImplCommands().contains(verb) ? verb : UnknownCommandHandler.COMMAND_IDENTIFIER;
        if (recorder.getImplCommands().contains(key) && recorder.onCommand(session, request) != null) {
            throw new AssertionError("the recorder answered " + verb + ": James's handler would not run");
        }
        return new ScriptReplies().onResponse(session, james.onCommand(session, request), 0, james);
    }

    /** The reply's lines as they go on the wire, without the last CRLF. */
    public static String text(Response response) {
        List<String> lines =
                response.getLines().stream().map(CharSequence::toString).collect(Collectors.toList());
        return String.join("\r\n", lines);
    }
}
