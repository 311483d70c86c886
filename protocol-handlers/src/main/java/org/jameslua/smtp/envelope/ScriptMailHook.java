package org.jameslua.smtp.envelope;

import java.util.Optional;
import org.apache.james.core.MaybeSender;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.MailHook;
import org.jameslua.smtp.session.Answer;
import org.jameslua.smtp.session.ScriptSession;
import org.jameslua.smtp.session.SessionSizeLimit;
import org.luaj.vm2.LuaValue;

/**
 * DoMAILFROM(data, mailfrom, parameters) for a MAIL FROM James found valid, before James's own MAIL hooks.
 * {@code mailfrom} is the address without brackets, {@code ""} for the null sender. A SIZE among the new
 * parameters is checked against the session's limit like the client's own.
 */
public class ScriptMailHook implements MailHook {
    public static final String CALLBACK = "DoMAILFROM";

    @Override
    public HookResult doMail(SMTPSession session, MaybeSender sender) {
        Optional<ScriptSession> found = ScriptSession.of(session);
        if (found.isEmpty()) {
            return HookResult.DECLINED;
        }
        ScriptSession scriptSession = found.get();
        Answer<EnvelopeAnswer> answer =
                scriptSession.askLazily(CALLBACK, values -> EnvelopeAnswer.read(values, CALLBACK), () -> {
                    String data = EnvelopeArguments.data(scriptSession.commandArgument());
                    return LuaValue.varargsOf(new LuaValue[] {
                        LuaValue.valueOf(data),
                        LuaValue.valueOf(sender.asString("")),
                        EnvelopeArguments.parameters(data)
                    });
                });
        return EnvelopeVerdict.decide(
                scriptSession,
                ScriptSession.Stage.MAIL,
                answer,
                value -> value.size().isPresent()
                        ? SessionSizeLimit.refusal(
                                scriptSession.maxMessageSize(), value.size().getAsLong())
                        : Optional.empty());
    }
}
