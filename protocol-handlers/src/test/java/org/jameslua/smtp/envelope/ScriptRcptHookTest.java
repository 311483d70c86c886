package org.jameslua.smtp.envelope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jameslua.smtp.JamesCommands.run;
import static org.jameslua.smtp.JamesCommands.text;
import static org.jameslua.smtp.JamesCommands.wired;

import java.nio.file.Path;
import java.util.List;
import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.apache.james.core.Username;
import org.apache.james.metrics.tests.RecordingMetricFactory;
import org.apache.james.protocols.api.ProtocolSession.State;
import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.core.RcptCmdHandler;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.HookReturnCode;
import org.apache.james.protocols.smtp.hook.RcptHook;
import org.jameslua.james.ScriptFailure;
import org.jameslua.smtp.session.ScriptedSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DoRCPTTO's arguments and return conventions, and the refusal of a listed client's recipients, as the client sees
 * them through James's RCPT handler.
 */
class ScriptRcptHookTest {
    // RBLFound as the lookups leave it for a listed client
    private static final String LISTED = "function Listed() RBLFound = true end\n";

    @TempDir
    Path folder;

    private ScriptedSession session;

    @AfterEach
    void close() {
        if (session != null) {
            session.close();
        }
    }

    @Test
    void doRcptToGetsTheDataTheAddressTheParametersAndTheRecipientsSoFar() throws Exception {
        start("function DoRCPTTO(data, rcpt, parameters, recipients)\n"
                + "  return '250 2.1.5 [' .. data .. '] [' .. rcpt .. '] [' .. tostring(parameters.NOTIFY) .. '] ['\n"
                + "    .. table.concat(recipients, ',') .. ']'\n"
                + "end\n");

        assertThat(text(rcpt("TO:<bob@example.org>")))
                .isEqualTo("250 2.1.5 [<bob@example.org>] [bob@example.org] [nil] []");
        assertThat(text(rcpt("TO: <carol@example.org>")))
                .isEqualTo("250 2.1.5 [<carol@example.org>] [carol@example.org] [nil] [bob@example.org]");
        assertThat(recipients()).hasSize(2);
    }

    @Test
    void aFailureReplyRefusesTheRecipient() throws Exception {
        start("function DoRCPTTO(data, rcpt) if rcpt == 'bob@example.org' then return '550 5.1.1 no bob' end end\n");

        assertThat(text(rcpt("TO:<bob@example.org>"))).isEqualTo("550 5.1.1 no bob");
        assertThat(text(rcpt("TO:<carol@example.org>"))).startsWith("250 2.1.5 ");
        assertThat(recipients()).containsExactly(new MailAddress("carol@example.org"));
    }

    @Test
    void aTemporaryFailureReplyIsGivenWholeAnd421ClosesTheConnection() throws Exception {
        start("function DoRCPTTO(data, rcpt)\n"
                + "  if rcpt == 'bob@example.org' then return '450-4.2.0 busy\\r\\n450 4.2.0 later' end\n"
                + "  return '421 4.3.2 closing'\n"
                + "end\n");

        Response busy = rcpt("TO:<bob@example.org>");
        assertThat(text(busy)).isEqualTo("450-4.2.0 busy\r\n450 4.2.0 later");
        assertThat(busy.isEndSession()).isFalse();

        Response closing = rcpt("TO:<carol@example.org>");
        assertThat(text(closing)).isEqualTo("421 4.3.2 closing");
        assertThat(closing.isEndSession()).isTrue();
        assertThat(recipients()).isEmpty();
    }

    @Test
    void aPositiveReplyNeverOverridesJamesRelayingRefusal() throws Exception {
        start("function DoRCPTTO() return '250 2.1.5 welcome' end\n");
        RcptHook relaying = new RcptHook() {
            @Override
            public HookResult doRcpt(SMTPSession smtp, MaybeSender sender, MailAddress rcpt) {
                return HookResult.builder()
                        .hookReturnCode(HookReturnCode.deny())
                        .smtpReturnCode("550")
                        .smtpDescription("5.7.1 Requested action not taken: relaying denied")
                        .build();
            }
        };

        Response response = run(
                session.smtp(),
                wired(new RcptCmdHandler(new RecordingMetricFactory()), new ScriptRcptHook(), relaying),
                "RCPT",
                "TO:<bob@elsewhere.example>");

        assertThat(text(response)).isEqualTo("550 5.7.1 Requested action not taken: relaying denied");
        assertThat(recipients()).isEmpty();
    }

    @Test
    void a3xxReplyIsUnusableAndJamesAnswers() throws Exception {
        start("function DoRCPTTO() return '354 what' end\n");

        assertThat(text(rcpt("TO:<bob@example.org>"))).startsWith("250 2.1.5 ");
        assertThat(session.errorLog()).contains("DoRCPTTO gave a 3xx reply, which RCPTTO cannot have");
    }

    @Test
    void aFailingDoRcptToAcceptsOrUnderTempfailRefusesWith451() throws Exception {
        String failing = "function DoRCPTTO() error('broken') end\n";
        start(failing);
        assertThat(text(rcpt("TO:<bob@example.org>"))).startsWith("250 ");
        session.close();

        session = ScriptedSession.start(folder, failing, ScriptFailure.TEMPFAIL);
        sender();

        assertThat(text(rcpt("TO:<bob@example.org>"))).startsWith("451 4.3.0 ");
        assertThat(recipients()).isEmpty();
    }

    @Test
    void aListedClientsRecipientsAreRefusedWithTheStandardReply() throws Exception {
        start(LISTED + "function DoRCPTTO() return '250 2.1.5 the script is not asked' end\n");
        listed();

        Response response = rcpt("TO:<bob@example.org>");

        assertThat(text(response)).isEqualTo("550 5.7.1 Rejected: 192.0.2.7 is listed by a DNS blocklist");
        assertThat(recipients()).isEmpty();
    }

    @Test
    void aListedClientsRecipientsAreRefusedWithRblRejectMessage() throws Exception {
        start("function Listed() RBLFound = true; RBLRejectMessage = '554-5.7.1 listed\\r\\n554 5.7.1 see site' end\n");
        listed();

        assertThat(text(rcpt("TO:<bob@example.org>"))).isEqualTo("554-5.7.1 listed\r\n554 5.7.1 see site");
    }

    @Test
    void anRblRejectMessageThatIsNoRefusalGivesTheStandardOneAndTellsTheOperator() throws Exception {
        start("function Listed() RBLFound = true; RBLRejectMessage = '250 fine' end\n");
        listed();

        assertThat(text(rcpt("TO:<bob@example.org>")))
                .isEqualTo("550 5.7.1 Rejected: 192.0.2.7 is listed by a DNS blocklist");
        assertThat(session.errorLog()).contains("RBLRejectMessage", "not a 4xx or 5xx reply");
        session.close();

        start("function Listed() RBLFound = true; RBLRejectMessage = 'go away' end\n");
        listed();
        assertThat(text(rcpt("TO:<bob@example.org>")))
                .isEqualTo("550 5.7.1 Rejected: 192.0.2.7 is listed by a DNS blocklist");
        assertThat(session.errorLog()).contains("RBLRejectMessage", "not an SMTP reply");
    }

    @Test
    void aListedClientIsNotRefusedWhenAcceptedBlackholedRedirectedOrAuthenticated() throws Exception {
        for (String policy : List.of("RBLAccept = true", "RBLBlackhole = true", "RBLRedirect = 'abuse@example.org'")) {
            start("function Listed() RBLFound = true; " + policy + " end\n");
            listed();
            assertThat(text(rcpt("TO:<bob@example.org>"))).as(policy).startsWith("250 2.1.5 ");
            session.close();
        }

        start(LISTED);
        listed();
        session.smtp().setUsername(Username.of("alice"));
        assertThat(text(rcpt("TO:<bob@example.org>"))).as("authenticated").startsWith("250 2.1.5 ");
    }

    @Test
    void aClientThatIsNotListedIsNotRefused() throws Exception {
        start("function Listed() RBLFound = false end\n");
        listed();

        assertThat(text(rcpt("TO:<bob@example.org>"))).startsWith("250 2.1.5 ");
    }

    private void start(String script) throws Exception {
        session = ScriptedSession.start(folder, script);
        sender();
    }

    private void sender() throws Exception {
        session.smtp()
                .setAttachment(
                        SMTPSession.SENDER, MaybeSender.of(new MailAddress("alice@example.org")), State.Transaction);
    }

    /** Runs Listed(), whose globals are read back as after the RBL lookups and RBLResults. */
    private void listed() {
        session.script().ask("Listed", values -> null);
    }

    private Response rcpt(String argument) throws Exception {
        return run(
                session.smtp(),
                wired(new RcptCmdHandler(new RecordingMetricFactory()), new ScriptRcptHook()),
                "RCPT",
                argument);
    }

    private List<MailAddress> recipients() {
        return session.smtp()
                .getAttachment(SMTPSession.RCPT_LIST, State.Transaction)
                .orElse(List.of());
    }
}
