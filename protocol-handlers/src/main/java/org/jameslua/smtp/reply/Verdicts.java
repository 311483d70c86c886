package org.jameslua.smtp.reply;

import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.HookReturnCode;

/** Script replies as James hook results. */
public final class Verdicts {
    /** The reply of a command when a callback failed and {@code script.failure=tempfail}. */
    public static final Reply TEMP_FAIL = Reply.of(451, "4.3.0 Temporary local problem, please try again later");

    /**
     * Accepts a message and does not deliver it: OK ends James's message hooks before the one that queues
     * the mail, and the client gets the very reply James gives for a queued message.
     */
    public static final HookResult DISCARD = HookResult.builder()
            .hookReturnCode(HookReturnCode.ok())
            .smtpReturnCode("250")
            .smtpDescription("2.6.0 Message received")
            .build();

    private Verdicts() {}

    /**
     * A 4xx or 5xx reply as a refusal: DENYSOFT or DENY with the reply's code and first line (the rest of a
     * multi-line reply is put back by the pending-reply rewrite); a 421 also closes the connection.
     */
    public static HookResult refuse(Reply reply) {
        HookReturnCode.Action action =
                reply.isTemporaryFailure() ? HookReturnCode.Action.DENYSOFT : HookReturnCode.Action.DENY;
        return HookResult.builder()
                .hookReturnCode(
                        reply.closesConnection()
                                ? HookReturnCode.disconnected(action)
                                : HookReturnCode.connected(action))
                .smtpReturnCode(reply.codeText())
                .smtpDescription(reply.texts().get(0))
                .build();
    }

    public static HookResult tempFail() {
        return refuse(TEMP_FAIL);
    }
}
