package org.jameslua.smtp.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import javax.mail.Session;
import javax.mail.internet.MimeMessage;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.mailet.Mail;
import org.apache.mailet.base.test.FakeMail;
import org.jameslua.smtp.session.ScriptedSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The header lines the message hooks add, as the delivered mail has them. */
class MessageHeadersTest {
    private static final String RAW = "From: alice@example.org\r\nSubject: Hi\r\n\r\nbody\r\n";

    @TempDir
    Path folder;

    private ScriptedSession session;

    @BeforeEach
    void start() throws Exception {
        session = ScriptedSession.start(folder, "");
    }

    @AfterEach
    void close() {
        session.close();
    }

    @Test
    void theLinesOfEachHookGoAtTheEndOfTheHeaderInTheOrderAdded() throws Exception {
        Mail mail = mail();
        MessageHeaders.add(session.smtp(), List.of("X-Script: 1"));
        MessageHeaders.add(session.smtp(), List.of());
        MessageHeaders.add(session.smtp(), List.of("X-RBL: listed", "X-RBL-Server: bl.example"));

        assertThat(new MessageHeaders().onMessage(session.smtp(), mail)).isEqualTo(HookResult.DECLINED);

        assertThat(raw(mail))
                .isEqualTo("From: alice@example.org\r\nSubject: Hi\r\nX-Script: 1\r\nX-RBL: listed\r\n"
                        + "X-RBL-Server: bl.example\r\n\r\nbody\r\n");
    }

    @Test
    void theNextMailOfTheSessionGetsNoneOfThem() throws Exception {
        MessageHeaders.add(session.smtp(), List.of("X-Script: 1"));
        new MessageHeaders().onMessage(session.smtp(), mail());

        Mail next = mail();
        assertThat(new MessageHeaders().onMessage(session.smtp(), next)).isEqualTo(HookResult.DECLINED);

        assertThat(raw(next)).isEqualTo(RAW);
    }

    static Mail mail() throws Exception {
        return FakeMail.builder()
                .name("m1")
                .sender("alice@example.org")
                .recipients("bob@example.org")
                .mimeMessage(new MimeMessage(
                        Session.getInstance(new Properties()),
                        new ByteArrayInputStream(RAW.getBytes(StandardCharsets.US_ASCII))))
                .build();
    }

    static String raw(Mail mail) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        mail.getMessage().writeTo(out);
        return out.toString(StandardCharsets.US_ASCII);
    }
}
