package org.jameslua.smtp.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Properties;
import javax.mail.MessagingException;
import javax.mail.Session;
import javax.mail.internet.MimeMessage;
import org.apache.james.core.Domain;
import org.apache.james.core.MailAddress;
import org.apache.james.domainlist.api.DomainList;
import org.apache.james.domainlist.api.DomainListException;
import org.apache.james.domainlist.lib.DomainListConfiguration;
import org.apache.james.domainlist.memory.MemoryDomainList;
import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.smtp.SMTPResponse;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.HookReturnCode;
import org.apache.mailet.Mail;
import org.apache.mailet.base.test.FakeMail;
import org.jameslua.james.ScriptFailure;
import org.jameslua.smtp.reply.MessageReplies;
import org.jameslua.smtp.session.ScriptedSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ProcessMessage's return conventions as the client and the delivered mail see them: the hook's result (James's reply
 * to the end of DATA), the reply {@link MessageReplies} gives in its place, the mail's recipients and its header.
 */
class ScriptMessageHookTest {
    private static final String RAW = "From: alice@example.org\r\nSubject: Hello there\r\n\r\nbody\r\n";

    @TempDir
    Path folder;

    private MemoryDomainList domains;
    private ScriptedSession session;

    @BeforeEach
    void domains() throws Exception {
        domains = new MemoryDomainList(null);
        domains.configure(DomainListConfiguration.builder()
                .autoDetect(false)
                .autoDetectIp(false)
                .defaultDomain(Domain.of("home.example"))
                .build());
    }

    @AfterEach
    void close() {
        if (session != null) {
            session.close();
        }
    }

    @Test
    void aScriptWithoutProcessMessageLeavesTheMailAsItCame() throws Exception {
        Mail mail = mail();

        assertThat(onMessage("function DoNOOP() end\n", mail)).isEqualTo(HookResult.DECLINED);

        assertThat(mail.getRecipients())
                .containsExactly(new MailAddress("bob@example.org"), new MailAddress("carol@example.org"));
        assertThat(raw(mail)).isEqualTo(RAW);
    }

    @Test
    void processMessageIsGivenTheSenderSubjectRecipientsActionsAndSize() throws Exception {
        String script = "function ProcessMessage(from, subject, recipients, actions, mime, size, attachments)\n"
                + "  return nil, '250 ' .. table.concat({from, subject, table.concat(recipients, ','), tostring(size),\n"
                + "    tostring(actions.SendToOriginalRecipients), tostring(actions.Delete), tostring(actions.Ignore),\n"
                + "    type(mime), type(attachments)}, '|')\n"
                + "end\n";

        assertThat(onMessage(script, mail())).isEqualTo(HookResult.DECLINED);

        assertThat(replyToTheEndOfData())
                .isEqualTo("250 alice@example.org|Hello there|bob@example.org,carol@example.org|" + RAW.length()
                        + "|true|true|false|table|table");
    }

    @Test
    void deleteAndIgnoreRefuseWithTheReason() throws Exception {
        HookResult result = onMessage(
                "function ProcessMessage(f, s, r, actions)\n"
                        + "  actions.Ignore = true; actions.Reason = 'no spam here'; return actions\n"
                        + "end\n",
                mail());

        assertThat(result.getResult()).isEqualTo(HookReturnCode.deny());
        assertThat(result.getSmtpRetCode()).isEqualTo("550");
        assertThat(result.getSmtpDescription()).isEqualTo("5.7.1 no spam here");
        assertThat(replyToTheEndOfData("550", "5.7.1 no spam here")).isEqualTo("550 5.7.1 no spam here");
    }

    @Test
    void aRefusalWithoutReasonSaysTheMessageIsRejected() throws Exception {
        HookResult result = onMessage(
                "function ProcessMessage(f, s, r, actions) actions.Ignore = true; return actions end\n", mail());

        assertThat(result.getSmtpRetCode()).isEqualTo("550");
        assertThat(result.getSmtpDescription()).isEqualTo("5.7.1 Message rejected");
    }

    @Test
    void aRefusalsResultsTextThatIsNoReplyIsItsReason() throws Exception {
        HookResult result = onMessage(
                "function ProcessMessage(f, s, r, actions)\n"
                        + "  actions.Ignore = true; return actions, 'looks like spam'\n"
                        + "end\n",
                mail());

        assertThat(result.getSmtpRetCode()).isEqualTo("550");
        assertThat(result.getSmtpDescription()).isEqualTo("5.7.1 looks like spam");
    }

    @Test
    void aRefusalsEmptyOrPositiveResultsStringIsNoReason() throws Exception {
        HookResult empty = onMessage(
                "function ProcessMessage(f, s, r, actions) actions.Ignore = true; return actions, '' end\n", mail());
        assertThat(empty.getSmtpDescription()).isEqualTo("5.7.1 Message rejected");
        session.close();

        HookResult positive = onMessage(
                "function ProcessMessage(f, s, r, actions) actions.Ignore = true; return actions, '250 fine' end\n",
                mail());
        assertThat(positive.getSmtpRetCode()).isEqualTo("550");
        assertThat(positive.getSmtpDescription()).isEqualTo("5.7.1 Message rejected");
    }

    @Test
    void aBareNameIsInLocalhostWhenJamesHasNoDefaultDomain() throws Exception {
        DomainList failing = (DomainList) Proxy.newProxyInstance(
                DomainList.class.getClassLoader(), new Class<?>[] {DomainList.class}, (proxy, method, args) -> {
                    throw new DomainListException("no domain list");
                });
        Mail mail = mail();
        session = ScriptedSession.start(
                folder,
                "function ProcessMessage(f, s, r, actions)\n"
                        + "  actions.SendToOriginalRecipients = false; actions.Recipients = {'erin'}; return actions\n"
                        + "end\n");

        new ScriptMessageHook(failing).onMessage(session.smtp(), mail);

        assertThat(mail.getRecipients()).containsExactly(new MailAddress("erin@localhost"));
    }

    @Test
    void aMessageThatCannotBeReadIsDeliveredWithoutAskingTheScript() throws Exception {
        MimeMessage unreadable = new MimeMessage(Session.getInstance(new Properties())) {
            @Override
            public int getSize() throws MessagingException {
                throw new MessagingException("the disk is gone");
            }

            @Override
            public void writeTo(OutputStream out, String[] ignoreList) throws MessagingException {
                throw new MessagingException("the disk is gone");
            }

            @Override
            public InputStream getRawInputStream() throws MessagingException {
                throw new MessagingException("the disk is gone");
            }
        };
        Mail mail = FakeMail.builder()
                .name("m1")
                .sender("alice@example.org")
                .recipients("bob@example.org")
                .mimeMessage(unreadable)
                .build();

        HookResult result = onMessage(
                "function ProcessMessage(f, s, r, actions) actions.Ignore = true; return actions end\n", mail);

        assertThat(result).isEqualTo(HookResult.DECLINED);
        assertThat(mail.getRecipients()).containsExactly(new MailAddress("bob@example.org"));
    }

    @Test
    void aRefusalsReasonIsOnePrintableLineOfAtMost400Characters() throws Exception {
        HookResult result = onMessage(
                "function ProcessMessage(f, s, r, actions)\n"
                        + "  actions.Ignore = true; actions.Reason = ' bad\\r\\n\\1line ' .. string.rep('x', 500)\n"
                        + "  return actions\n"
                        + "end\n",
                mail());

        assertThat(result.getSmtpDescription()).isEqualTo("5.7.1 " + ("bad line " + "x".repeat(500)).substring(0, 400));
    }

    @Test
    void aRefusalsFailureReplyIsGivenWholeAndATemporaryOneIsASoftRefusal() throws Exception {
        HookResult result = onMessage(
                "function ProcessMessage(f, s, r, actions)\n"
                        + "  actions.Ignore = true; actions.Reason = 'ignored: the reply says it'\n"
                        + "  return actions, '452-4.3.1 queue full\\r\\n452 4.3.1 try later'\n"
                        + "end\n",
                mail());

        assertThat(result.getResult()).isEqualTo(HookReturnCode.denySoft());
        assertThat(result.getSmtpRetCode()).isEqualTo("452");
        assertThat(replyToTheEndOfData("452", "4.3.1 queue full"))
                .isEqualTo("452-4.3.1 queue full\r\n452 4.3.1 try later");
    }

    @Test
    void aRefusalWithA421ClosesTheConnection() throws Exception {
        HookResult result = onMessage(
                "function ProcessMessage(f, s, r, actions)\n"
                        + "  actions.Ignore = true; return actions, '421 4.7.0 go away'\n"
                        + "end\n",
                mail());

        assertThat(result.getResult()).isEqualTo(HookReturnCode.disconnected(HookReturnCode.Action.DENYSOFT));
    }

    @Test
    void aRefusalWithAPositiveResultsReplyStillRefuses() throws Exception {
        HookResult result = onMessage(
                "function ProcessMessage(f, s, r, actions)\n"
                        + "  actions.Ignore = true; actions.Reason = 'refused'; return actions, '250 fine'\n"
                        + "end\n",
                mail());

        assertThat(result.getSmtpRetCode()).isEqualTo("550");
        assertThat(result.getSmtpDescription()).isEqualTo("5.7.1 refused");
    }

    @Test
    void ignoreWithoutDeleteAcceptsTheMessageAndDeliversNothing() throws Exception {
        HookResult result = onMessage(
                "function ProcessMessage(f, s, r, actions)\n"
                        + "  actions.Ignore = true; actions.Delete = false; return actions, '554 5.7.1 not said'\n"
                        + "end\n",
                mail());

        // OK ends the message hooks before SendMailHandler queues the mail, and the client is told it was received
        assertThat(result.getResult()).isEqualTo(HookReturnCode.ok());
        assertThat(result.getSmtpRetCode()).isEqualTo("250");
        assertThat(result.getSmtpDescription()).isEqualTo("2.6.0 Message received");
    }

    @Test
    void recipientsAreAddedToTheOriginalOnesOnceEachABareNameInTheDefaultDomain() throws Exception {
        Mail mail = mail();

        HookResult result = onMessage(
                "function ProcessMessage(f, s, r, actions)\n"
                        + "  actions.Recipients = {'dave@example.org', 'bob@example.org', 'erin'}; return actions\n"
                        + "end\n",
                mail);

        assertThat(result).isEqualTo(HookResult.DECLINED);
        assertThat(mail.getRecipients())
                .containsExactly(
                        new MailAddress("bob@example.org"),
                        new MailAddress("carol@example.org"),
                        new MailAddress("dave@example.org"),
                        new MailAddress("erin@home.example"));
    }

    @Test
    void withoutTheOriginalRecipientsOnlyTheNewOnesGetTheMail() throws Exception {
        Mail mail = mail();

        onMessage(
                "function ProcessMessage(f, s, r, actions)\n"
                        + "  actions.SendToOriginalRecipients = false; actions.Recipients = {'dave@example.org'}\n"
                        + "  return actions\n"
                        + "end\n",
                mail);

        assertThat(mail.getRecipients()).containsExactly(new MailAddress("dave@example.org"));
    }

    @Test
    void noRecipientLeftAcceptsTheMessageAndDeliversNothing() throws Exception {
        Mail mail = mail();

        HookResult result = onMessage(
                "function ProcessMessage(f, s, r, actions)\n"
                        + "  actions.SendToOriginalRecipients = false; return actions\n"
                        + "end\n",
                mail);

        assertThat(result.getResult()).isEqualTo(HookReturnCode.ok());
        assertThat(result.getSmtpRetCode()).isEqualTo("250");
    }

    @Test
    void anUnusableRecipientDeliversTheMailAsItCameAndTellsTheOperator() throws Exception {
        Mail mail = mail();

        HookResult result = onMessage(
                "function ProcessMessage(f, s, r, actions)\n"
                        + "  actions.Ignore = true; actions.Recipients = {'a b@@'}; return actions\n"
                        + "end\n",
                mail);

        assertThat(result).isEqualTo(HookResult.DECLINED);
        assertThat(mail.getRecipients()).hasSize(2);
        assertThat(session.errorLog()).contains("ProcessMessage", "Recipients");
    }

    @Test
    void headerModifiersAreAddedToTheHeaderOnceTheOtherHooksRan() throws Exception {
        Mail mail = mail();

        onMessage(
                "function ProcessMessage(f, s, r, actions)\n"
                        + "  actions.HeaderModifiers = {'X-Scanned: yes\\r\\n', 'X-Score: 1'}; return actions\n"
                        + "end\n",
                mail);
        assertThat(raw(mail)).isEqualTo(RAW);
        new MessageHeaders().onMessage(session.smtp(), mail);

        assertThat(raw(mail))
                .isEqualTo("From: alice@example.org\r\nSubject: Hello there\r\nX-Scanned: yes\r\nX-Score: 1\r\n"
                        + "\r\nbody\r\n");
    }

    @Test
    void nilActionsDeliverTheMailAsItCameWithAPositiveResultsReplyForTheClient() throws Exception {
        Mail mail = mail();

        HookResult result =
                onMessage("function ProcessMessage() return nil, '250 2.6.0 Thanks, queued as 42' end\n", mail);

        assertThat(result).isEqualTo(HookResult.DECLINED);
        assertThat(mail.getRecipients()).hasSize(2);
        assertThat(replyToTheEndOfData()).isEqualTo("250 2.6.0 Thanks, queued as 42");
    }

    @Test
    void aDeliveredMessagesResultsTextOrFailureReplyLeavesJamesReply() throws Exception {
        onMessage("function ProcessMessage() return nil, 'checked' end\n", mail());
        assertThat(replyToTheEndOfData()).isEqualTo("250 2.6.0 Message received");
        session.close();

        HookResult result = onMessage("function ProcessMessage() return nil, '554 5.7.1 no' end\n", mail());
        assertThat(result).isEqualTo(HookResult.DECLINED);
        assertThat(replyToTheEndOfData()).isEqualTo("250 2.6.0 Message received");
    }

    @Test
    void aFailingProcessMessageDeliversTheMailOrUnderTempfailRefusesItFor451() throws Exception {
        String failing = "function ProcessMessage() error('broken') end\n";
        Mail mail = mail();
        assertThat(onMessage(failing, mail)).isEqualTo(HookResult.DECLINED);
        assertThat(mail.getRecipients()).hasSize(2);
        session.close();

        session = ScriptedSession.start(folder, failing, ScriptFailure.TEMPFAIL);
        HookResult result = new ScriptMessageHook(domains).onMessage(session.smtp(), mail());

        assertThat(result.getResult()).isEqualTo(HookReturnCode.denySoft());
        assertThat(result.getSmtpRetCode()).isEqualTo("451");
        assertThat(result.getSmtpDescription()).startsWith("4.3.0 ");
    }

    private HookResult onMessage(String script, Mail mail) throws Exception {
        session = ScriptedSession.start(folder, script);
        return new ScriptMessageHook(domains).onMessage(session.smtp(), mail);
    }

    /** What the client gets at the end of DATA once James queued the mail. */
    private String replyToTheEndOfData() {
        return replyToTheEndOfData("250", "2.6.0 Message received");
    }

    /** What the client gets at the end of DATA, James's own reply being {@code code text}. */
    private String replyToTheEndOfData(String code, String text) {
        Response james = new SMTPResponse(code, text);
        Response response = new MessageReplies().onLine(session.smtp(), ".\r\n".getBytes(), (s, line) -> james);
        return String.join("\r\n", response.getLines());
    }

    private static Mail mail() throws Exception {
        MimeMessage message = new MimeMessage(
                Session.getInstance(new Properties()),
                new ByteArrayInputStream(RAW.getBytes(StandardCharsets.US_ASCII)));
        return FakeMail.builder()
                .name("m1")
                .sender("alice@example.org")
                .recipients("bob@example.org", "carol@example.org")
                .mimeMessage(message)
                .size(RAW.length())
                .build();
    }

    private static String raw(Mail mail) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        mail.getMessage().writeTo(out);
        return out.toString(StandardCharsets.US_ASCII);
    }
}
