package org.jameslua.smtp.reply;

import java.util.Optional;
import org.apache.james.protocols.api.Response;
import org.jameslua.james.script.BadReturn;
import org.jameslua.smtp.session.Answer;
import org.jameslua.smtp.session.Returns;
import org.jameslua.smtp.session.ScriptSession;
import org.luaj.vm2.LuaValue;

/**
 * DoHELP(text), DoNOOP(), DoRSET(), DoQUIT() and DoUnrecognised(line), once James has answered the command:
 * {@code ""} keeps James's reply, any other 2xx, 4xx or 5xx reply replaces it (a 421 closes the connection;
 * QUIT closes it whatever the reply). James has already done the command: RSET has reset the transaction
 * even if the script's reply says otherwise. DoHELP gets James's reply as it would go on the wire.
 * DoUnrecognised gets the command line with its verb in upper case, as James parsed it.
 */
final class CommandReplies {
    private CommandReplies() {}

    static Response reply(ScriptSession session, String callback, Response james, LuaValue... args) {
        Answer<Reply> answer = session.ask(
                callback,
                values -> {
                    Optional<Reply> reply = Returns.reply(values, 1, callback + "'s reply");
                    if (reply.isPresent() && reply.get().isIntermediate()) {
                        throw new BadReturn(callback + " gave a 3xx reply");
                    }
                    return reply.orElse(null);
                },
                args);
        if (answer.isTempFail()) {
            // QUIT still closes: the client is leaving whatever the script's state
            return james.isEndSession() ? james : Verdicts.TEMP_FAIL.toResponse();
        }
        return answer.value()
                .map(reply -> reply.toResponse(james.isEndSession()))
                .orElse(james);
    }
}
