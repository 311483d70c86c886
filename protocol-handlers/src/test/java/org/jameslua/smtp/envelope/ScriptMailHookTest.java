package org.jameslua.smtp.envelope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jameslua.smtp.JamesCommands.run;
import static org.jameslua.smtp.JamesCommands.text;
import static org.jameslua.smtp.JamesCommands.wired;

import java.nio.file.Path;
import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.apache.james.metrics.tests.RecordingMetricFactory;
import org.apache.james.protocols.api.ProtocolSession.State;
import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.core.MailCmdHandler;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.HookReturnCode;
import org.apache.james.protocols.smtp.hook.MailHook;
import org.jameslua.james.ScriptFailure;
import org.jameslua.smtp.session.ScriptedSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** DoMAILFROM's arguments and return conventions, as the client sees them through James's MAIL handler. */
class ScriptMailHookTest {
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
    void doMailFromGetsTheDataTheAddressAndTheParameters() throws Exception {
        start("function DoMAILFROM(data, from, parameters)\n"
                + "  return '250 2.1.0 [' .. data .. '] [' .. from .. '] [' .. parameters.SIZE .. ']'\n"
                + "end\n");

        Response response = mail("FROM:<alice@example.org> size=1000");

        assertThat(text(response)).isEqualTo("250 2.1.0 [<alice@example.org> size=1000] [alice@example.org] [1000]");
        assertThat(sender()).isTrue();
    }

    @Test
    void theNullSenderIsAnEmptyAddress() throws Exception {
        start("function DoMAILFROM(data, from) return '250 2.1.0 [' .. from .. ']' end\n");

        assertThat(text(mail("FROM:<>"))).isEqualTo("250 2.1.0 []");
    }

    @Test
    void anEmptyReplyKeepsJamesAcceptance() throws Exception {
        start("function DoMAILFROM() return '' end\n");

        assertThat(text(mail("FROM:<alice@example.org>"))).startsWith("250 2.1.0 Sender <alice@example.org> OK");
    }

    @Test
    void aFailureReplyRefusesTheSenderWhole() throws Exception {
        start("function DoMAILFROM() return '553-5.7.1 not you\\r\\n553 5.7.1 really' end\n");

        Response response = mail("FROM:<alice@example.org>");

        assertThat(text(response)).isEqualTo("553-5.7.1 not you\r\n553 5.7.1 really");
        assertThat(response.isEndSession()).isFalse();
        assertThat(sender()).as("a sender James kept").isFalse();
    }

    @Test
    void a421ClosesTheConnection() throws Exception {
        start("function DoMAILFROM() return '421 4.7.0 bye' end\n");

        Response response = mail("FROM:<alice@example.org>");

        assertThat(text(response)).isEqualTo("421 4.7.0 bye");
        assertThat(response.isEndSession()).isTrue();
    }

    @Test
    void aPositiveReplyNeverOverridesJamesRefusal() throws Exception {
        start("function DoMAILFROM() return '250 2.1.0 welcome' end\n");
        MailHook jamesCheck = new MailHook() {
            @Override
            public HookResult doMail(SMTPSession smtp, MaybeSender sender) {
                return HookResult.builder()
                        .hookReturnCode(HookReturnCode.deny())
                        .smtpReturnCode("530")
                        .smtpDescription("5.7.0 Authentication required")
                        .build();
            }
        };

        Response response = run(
                session.smtp(),
                wired(new MailCmdHandler(new RecordingMetricFactory()), new ScriptMailHook(), jamesCheck),
                "MAIL",
                "FROM:<alice@example.org>");

        assertThat(text(response)).isEqualTo("530 5.7.0 Authentication required");
    }

    @Test
    void a3xxReplyIsUnusableAndTheOperatorToldSo() throws Exception {
        start("function DoMAILFROM() return '354 what' end\n");

        assertThat(text(mail("FROM:<alice@example.org>"))).startsWith("250 2.1.0 Sender");
        assertThat(session.errorLog()).contains("DoMAILFROM gave a 3xx reply, which MAILFROM cannot have");
    }

    @Test
    void aNewSizeParameterOverTheSessionsLimitRefusesTheSender() throws Exception {
        start("function GetMaxMessageSize(helo) if helo == 'small.example' then return 1000 end end\n"
                + "function DoMAILFROM(data) return '', {size = data:match('X=(%d+)')} end\n");
        new ScriptHeloHook().doHelo(session.smtp(), "small.example");

        assertThat(text(mail("FROM:<alice@example.org> X=1000"))).startsWith("250 ");
        session.smtp().resetState();
        Response response = mail("FROM:<alice@example.org> X=1001");

        assertThat(response.getRetCode()).isEqualTo("552");
        assertThat(text(response)).startsWith("552 5.3.4 ");
        assertThat(sender()).isFalse();
    }

    @Test
    void aNewSizeOfNoneOrOtherNewParametersLeaveTheReplyAsItIs() throws Exception {
        start("function DoMAILFROM(data)\n"
                + "  if data:find('zero') then return '553 5.7.1 zero', {SIZE = 0} end\n"
                + "  if data:find('alice') then return '553 5.7.1 other', {BODY = '8BITMIME'} end\n"
                + "  return '250 2.1.0 fine', {BODY = '8BITMIME'}\n"
                + "end\n");

        assertThat(text(mail("FROM:<zero@example.org>"))).isEqualTo("553 5.7.1 zero");
        assertThat(text(mail("FROM:<alice@example.org>"))).isEqualTo("553 5.7.1 other");
        assertThat(text(mail("FROM:<bob@example.org>"))).isEqualTo("250 2.1.0 fine");
        assertThat(session.errorLog()).isEmpty();
    }

    @Test
    void aNegativeNewSizeIsUnusable() throws Exception {
        start("function DoMAILFROM() return '553 5.7.1 lost', {SIZE = -1} end\n");

        assertThat(text(mail("FROM:<alice@example.org>"))).startsWith("250 2.1.0 Sender");
        assertThat(session.errorLog())
                .contains("DoMAILFROM's new SIZE parameter must be a whole number of bytes, not -1");
    }

    @Test
    void withoutTheScriptsInstanceJamesDecides() throws Exception {
        SMTPSession plain = ScriptedSession.withoutScript();

        assertThat(new ScriptMailHook().doMail(plain, MaybeSender.nullSender())).isEqualTo(HookResult.DECLINED);
        assertThat(new ScriptRcptHook()
                        .doRcpt(plain, MaybeSender.nullSender(), new MailAddress("postmaster@example.org")))
                .isEqualTo(HookResult.DECLINED);
    }

    @Test
    void aNewSizeParameterThatIsNoSizeIsUnusable() throws Exception {
        start("function DoMAILFROM() return '553 5.7.1 lost', {SIZE = 'ten'} end\n");

        assertThat(text(mail("FROM:<alice@example.org>"))).startsWith("250 2.1.0 Sender");
        assertThat(session.errorLog())
                .contains("DoMAILFROM's new SIZE parameter must be a whole number of bytes, not ten");
    }

    @Test
    void newParametersThatAreNoTableAreUnusable() throws Exception {
        start("function DoMAILFROM() return '553 5.7.1 lost', 'SIZE=10' end\n");

        assertThat(text(mail("FROM:<alice@example.org>"))).startsWith("250 2.1.0 Sender");
        assertThat(session.errorLog()).contains("DoMAILFROM's new parameters must be a table, not string");
    }

    @Test
    void aFailingDoMailFromAcceptsOrUnderTempfailRefusesWith451() throws Exception {
        String failing = "function DoMAILFROM() error('broken') end\n";
        start(failing);
        assertThat(text(mail("FROM:<alice@example.org>"))).startsWith("250 ");
        session.close();

        session = ScriptedSession.start(folder, failing, ScriptFailure.TEMPFAIL);
        greeted();
        Response response = mail("FROM:<alice@example.org>");

        assertThat(text(response)).startsWith("451 4.3.0 ");
        assertThat(sender()).isFalse();
    }

    @Test
    void withoutDoMailFromJamesAnswers() throws Exception {
        start("");

        assertThat(text(mail("FROM:<alice@example.org>"))).startsWith("250 2.1.0 Sender <alice@example.org> OK");
    }

    private void start(String script) throws Exception {
        session = ScriptedSession.start(folder, script);
        greeted();
    }

    /** As James's EHLO handler leaves the session: James takes MAIL only after a greeting. */
    private void greeted() {
        session.smtp().setAttachment(SMTPSession.CURRENT_HELO_MODE, "EHLO", State.Connection);
    }

    private Response mail(String argument) throws Exception {
        return run(
                session.smtp(),
                wired(new MailCmdHandler(new RecordingMetricFactory()), new ScriptMailHook()),
                "MAIL",
                argument);
    }

    private boolean sender() {
        return session.smtp()
                .getAttachment(SMTPSession.SENDER, State.Transaction)
                .isPresent();
    }
}
