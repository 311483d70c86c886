package org.jameslua.smtp.envelope;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.apache.james.protocols.api.ProtocolSession.State;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.RcptHook;
import org.jameslua.engine.LuaSequences;
import org.jameslua.smtp.rbl.RblPolicy;
import org.jameslua.smtp.reply.Reply;
import org.jameslua.smtp.reply.Verdicts;
import org.jameslua.smtp.session.Answer;
import org.jameslua.smtp.session.ScriptSession;
import org.luaj.vm2.LuaValue;

/**
 * A listed client's recipients refused with RBLRejectMessage (see {@link RblPolicy}); otherwise
 * DoRCPTTO(data, recipient, parameters, recipients so far) for a RCPT TO James found valid, before James's
 * own RCPT hooks (relaying, postmaster). New parameters are ignored: James's core server has none to apply.
 */
public class ScriptRcptHook implements RcptHook {
    public static final String CALLBACK = "DoRCPTTO";

    @Override
    public HookResult doRcpt(SMTPSession session, MaybeSender sender, MailAddress rcpt) {
        Optional<ScriptSession> found = ScriptSession.of(session);
        if (found.isEmpty()) {
            return HookResult.DECLINED;
        }
        ScriptSession scriptSession = found.get();
        if (RblPolicy.rejects(scriptSession)) {
            Reply reply = RblPolicy.rejectReply(scriptSession);
            scriptSession.pending(ScriptSession.Stage.RCPT, reply);
            return Verdicts.refuse(reply);
        }
        Answer<EnvelopeAnswer> answer =
                scriptSession.askLazily(CALLBACK, values -> EnvelopeAnswer.read(values, CALLBACK), () -> {
                    String data = EnvelopeArguments.data(scriptSession.commandArgument());
                    List<MailAddress> soFar = session.getAttachment(SMTPSession.RCPT_LIST, State.Transaction)
                            .orElse(List.of());
                    return LuaValue.varargsOf(new LuaValue[] {
                        LuaValue.valueOf(data),
                        LuaValue.valueOf(rcpt.asString()),
                        EnvelopeArguments.parameters(data),
                        LuaSequences.of(
                                soFar.stream().map(MailAddress::asString).collect(Collectors.toUnmodifiableList()))
                    });
                });
        return EnvelopeVerdict.decide(scriptSession, ScriptSession.Stage.RCPT, answer, value -> Optional.empty());
    }
}
