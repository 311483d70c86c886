package org.jameslua.smtp.rbl;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Properties;
import javax.mail.Session;
import javax.mail.internet.MimeMessage;
import org.apache.james.core.Domain;
import org.apache.james.core.MailAddress;
import org.apache.james.core.Username;
import org.apache.james.domainlist.lib.DomainListConfiguration;
import org.apache.james.domainlist.memory.MemoryDomainList;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.HookReturnCode;
import org.apache.mailet.Mail;
import org.apache.mailet.base.test.FakeMail;
import org.jameslua.smtp.data.MessageHeaders;
import org.jameslua.smtp.session.ScriptedSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the RBL globals do to a listed client's message, as the client and the delivered mail see it. */
class RblMessageHookTest {
    private static final String RAW = "From: alice@example.org\r\nSubject: Hi\r\n\r\nbody\r\n";

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
        session.close();
    }

    @Test
    void aClientNoListNamesSendsAsIfThereWereNoRblGlobals() throws Exception {
        Mail mail = mail();

        assertThat(onMessage("RBLFound = false; RBLBlackhole = true; RBLHeader = 'X-RBL: yes'", mail))
                .isEqualTo(HookResult.DECLINED);

        assertThat(mail.getRecipients()).containsExactly(new MailAddress("bob@example.org"));
        assertThat(delivered(mail)).isEqualTo(RAW);
    }

    @Test
    void aBlackholedMessageIsAcceptedAndThrownAway() throws Exception {
        HookResult result =
                onMessage("RBLFound = true; RBLBlackhole = true; RBLRedirect = 'abuse@example.org'", mail());

        assertThat(result.getResult()).isEqualTo(HookReturnCode.ok());
        assertThat(result.getSmtpRetCode()).isEqualTo("250");
        assertThat(result.getSmtpDescription()).isEqualTo("2.6.0 Message received");
    }

    @Test
    void aRedirectedMessageGoesThereInsteadABareNameInTheDefaultDomain() throws Exception {
        Mail mail = mail();
        assertThat(onMessage("RBLFound = true; RBLRedirect = ' abuse@example.org '", mail))
                .isEqualTo(HookResult.DECLINED);
        assertThat(mail.getRecipients()).containsExactly(new MailAddress("abuse@example.org"));
        session.close();

        Mail other = mail();
        onMessage("RBLFound = true; RBLRedirect = 'abuse'", other);
        assertThat(other.getRecipients()).containsExactly(new MailAddress("abuse@home.example"));
    }

    @Test
    void anUnusableRedirectLeavesTheRecipientsAndTellsTheOperator() throws Exception {
        Mail mail = mail();

        assertThat(onMessage("RBLFound = true; RBLRedirect = 'a b@@'", mail)).isEqualTo(HookResult.DECLINED);

        assertThat(mail.getRecipients()).containsExactly(new MailAddress("bob@example.org"));
        assertThat(session.errorLog()).contains("RBLRedirect");
    }

    @Test
    void rblHeaderIsAddedToEveryMessageOfAListedClientEvenAnAcceptedOne() throws Exception {
        Mail mail = mail();

        onMessage(
                "RBLFound = true; RBLAccept = true; RBLRedirect = 'abuse@example.org'; RBLHeader = 'X-RBL: listed'",
                mail);

        assertThat(mail.getRecipients())
                .as("accepted: not redirected")
                .containsExactly(new MailAddress("bob@example.org"));
        assertThat(delivered(mail))
                .isEqualTo("From: alice@example.org\r\nSubject: Hi\r\nX-RBL: listed\r\n\r\nbody\r\n");
    }

    @Test
    void anAuthenticatedClientIsNotRedirected() throws Exception {
        Mail mail = mail();
        session = ScriptedSession.start(folder, "function Listed() RBLFound = true; RBLRedirect = 'abuse' end\n");
        session.script().ask("Listed", values -> null);
        session.smtp().setUsername(Username.of("alice"));

        assertThat(new RblMessageHook(domains).onMessage(session.smtp(), mail)).isEqualTo(HookResult.DECLINED);

        assertThat(mail.getRecipients()).containsExactly(new MailAddress("bob@example.org"));
    }

    @Test
    void anUnusableRblHeaderAddsNothingAndTellsTheOperator() throws Exception {
        Mail mail = mail();

        onMessage("RBLFound = true; RBLHeader = 'no header line'", mail);

        assertThat(delivered(mail)).isEqualTo(RAW);
        assertThat(session.errorLog()).contains("RBLHeader");
    }

    /** The globals as set by a callback, then the message hooks: this one, then the one writing header lines. */
    private HookResult onMessage(String globals, Mail mail) throws Exception {
        session = ScriptedSession.start(folder, "function Listed() " + globals + " end\n");
        session.script().ask("Listed", values -> null);
        return new RblMessageHook(domains).onMessage(session.smtp(), mail);
    }

    private String delivered(Mail mail) throws Exception {
        new MessageHeaders().onMessage(session.smtp(), mail);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        mail.getMessage().writeTo(out);
        return out.toString(StandardCharsets.US_ASCII);
    }

    private static Mail mail() throws Exception {
        return FakeMail.builder()
                .name("m1")
                .sender("alice@example.org")
                .recipients("bob@example.org")
                .mimeMessage(new MimeMessage(
                        Session.getInstance(new Properties()),
                        new ByteArrayInputStream(RAW.getBytes(StandardCharsets.US_ASCII))))
                .build();
    }
}
