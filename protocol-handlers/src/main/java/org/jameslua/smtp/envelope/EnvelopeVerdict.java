package org.jameslua.smtp.envelope;

import java.util.Optional;
import java.util.function.Function;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.jameslua.smtp.reply.PendingReplies;
import org.jameslua.smtp.reply.Reply;
import org.jameslua.smtp.reply.Verdicts;
import org.jameslua.smtp.session.Answer;
import org.jameslua.smtp.session.ScriptSession;

/**
 * Turns DoMAILFROM's and DoRCPTTO's answer into James's hook result. A 4xx or 5xx reply refuses the command
 * (a 421 also closes the connection). Anything else, {@code ""} and 2xx replies included, is DECLINED: the
 * script has no objection, and James's own checks (relaying, authentication, sender identity) still decide;
 * a hook returning OK would skip them and make an open relay. A 2xx reply replaces James's acceptance text
 * only when James does accept ({@link PendingReplies}).
 */
final class EnvelopeVerdict {
    private EnvelopeVerdict() {}

    /**
     * @param check a further refusal the answer may lead to, such as a SIZE parameter over the limit
     */
    static HookResult decide(
            ScriptSession session,
            ScriptSession.Stage stage,
            Answer<EnvelopeAnswer> answer,
            Function<EnvelopeAnswer, Optional<HookResult>> check) {
        if (answer.isTempFail()) {
            return Verdicts.tempFail();
        }
        if (answer.value().isEmpty()) {
            return HookResult.DECLINED;
        }
        EnvelopeAnswer value = answer.value().get();
        Optional<Reply> reply = value.reply();
        if (reply.isPresent() && reply.get().isFailure()) {
            session.pending(stage, reply.get());
            return Verdicts.refuse(reply.get());
        }
        Optional<HookResult> refusal = check.apply(value);
        if (refusal.isPresent()) {
            return refusal.get();
        }
        reply.ifPresent(positive -> session.pending(stage, positive));
        return HookResult.DECLINED;
    }
}
