package org.jameslua.server.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.mail.internet.MimeMessage;
import org.jameslua.server.JamesLuaServer;
import org.jameslua.server.testing.JamesLuaServerExtension;
import org.jameslua.server.testing.LoopbackSmtpServer;
import org.jameslua.server.testing.LuaScripts;
import org.jameslua.server.testing.MailFlow;
import org.jameslua.server.testing.OutboundConf;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * ERRORS.LUA on RemoteDelivery's failures, as shipped: RemoteDelivery hands a mail it gave up on to the
 * {@code bounces} processor, where ErrorsMailet asks the script for the notice. The remote server is a loopback
 * one refusing some recipients for good (5xx) or for now (4xx, until RemoteDelivery's two retries, a second apart,
 * run out, or at once after MXOUT.LUA's ForceLastTry). The notices are read from the local users' mailboxes.
 */
class DeliveryFailureNoticeTest {
    private static final String SCRIPT = "ERRORS.LUA";
    private static final String MX_OUT = "MXOUT.LUA";
    private static final String USER = "user@example.local";
    private static final String OPS = "ops@example.local";
    private static final String IN_A_HURRY = "hurried@example.local";
    private static final String UNKNOWN = "nobody@remote.test";
    private static final String BUSY = "busy@remote.test";
    private static final String NO_SUCH_USER = "550 5.1.1 No such user here";

    @TempDir
    static Path conf;

    static LoopbackSmtpServer remote = new LoopbackSmtpServer();

    @RegisterExtension
    static JamesLuaServerExtension james =
            new JamesLuaServerExtension(builder -> builder.confTemplate(OutboundConf.mxOut(conf, "2 seconds"))
                    .outboundGateway(remote.host(), remote.port())
                    .user(OPS, JamesLuaServer.DEFAULT_PASSWORD)
                    .user(IN_A_HURRY, JamesLuaServer.DEFAULT_PASSWORD));

    private static LuaScripts scripts;
    private static MailFlow mail;

    @BeforeAll
    static void setUp(JamesLuaServer server) throws IOException {
        scripts = new LuaScripts(server.scriptsFolder());
        mail = new MailFlow(server);
        remote.refuse(UNKNOWN, NO_SUCH_USER).refuse(BUSY, "451 4.2.1 Mailbox busy, try again later");
    }

    @AfterEach
    void putTheSamplesBack() throws IOException {
        scripts.putBack();
    }

    @AfterAll
    static void stopRemote() throws IOException {
        remote.close();
    }

    @Test
    void aPermanentRefusalReachesTheSenderAsTheSampleWordsIt() throws Exception {
        mail.send(USER, List.of(UNKNOWN), "Subject: to nobody\n\nHello?\n");

        MimeMessage notice = mail.awaitSingle(USER, "Message delivery failed", Map.of(USER, 1, OPS, 0));
        assertThat((String) notice.getContent())
                .contains("Your message to " + UNKNOWN + " (subject \"to nobody\") could not be delivered:")
                .contains(NO_SUCH_USER);
        assertThat(notice.getHeader("Auto-Submitted", null)).isEqualTo("auto-generated");
        assertThat(remote.deliveries()).noneMatch(delivery -> delivery.subject().equals("to nobody"));
        assertThat(scripts.errors()).isEmpty();
    }

    @Test
    void aTemporaryRefusalUntilTheRetriesRunOutReachesTheSender() throws Exception {
        mail.send(USER, List.of(BUSY), "Subject: to a busy box\n\nHello?\n");

        MimeMessage notice =
                mail.awaitSingle(USER, "Message delivery failed: too many retries", Map.of(USER, 1, OPS, 0));
        assertThat((String) notice.getContent())
                .contains("Your message to " + BUSY
                        + " (subject \"to a busy box\") could not be delivered (delivery attempts: 3):")
                .contains("Too many retries");
        assertThat(scripts.errors()).isEmpty();
    }

    @Test
    void forceLastTryFromMxOutGivesUpAfterOneAttempt() throws Exception {
        scripts.install(MX_OUT, """
            function CheckFile(filename, actions, size, created, retries, lastTry, returnPath, recipients,
                               headerData, headerLines)
              actions.ForceLastTry = true
              actions.Reason = "one try only"
              return actions
            end
            """);

        // its own sender: the notice has the same subject as the one of the test above
        mail.send(IN_A_HURRY, List.of(BUSY), "Subject: just once\n\nHello?\n");

        MimeMessage notice =
                mail.awaitSingle(IN_A_HURRY, "Message delivery failed: too many retries", Map.of(IN_A_HURRY, 1));
        // relay's RemoteDelivery would have made 3 (two retries a second apart)
        assertThat((String) notice.getContent())
                .contains("Your message to " + BUSY
                        + " (subject \"just once\") could not be delivered (delivery attempts: 1):")
                .contains("Too many retries");
        assertThat(scripts.errors()).isEmpty();
    }

    @Test
    void theScriptChoosesSubjectTextTargetAndSenderOrNoNoticeAtAll() throws Exception {
        scripts.install(SCRIPT, """
            function ProcessError(itemid, errorText, connectionError, subjectId, subjectText, formatId, formatText,
                                  params, target, sender)
              if string.find(params[3], "quietly") then
                return "Quiet: " .. params[3], "", "ops@example.local"
              end
              return "Bounced: " .. params[3],
                     "Mail from %1 to %2 failed (" .. subjectId .. "/" .. formatId .. "): %4",
                     "ops@example.local", "mailer-daemon@example.local"
            end
            """);

        mail.send(USER, List.of(UNKNOWN), "Subject: failing quietly\n\n.\n");
        mail.send(USER, List.of(UNKNOWN), "Subject: failing loudly\n\n.\n");

        MimeMessage notice = mail.awaitSingle(OPS, "Bounced: failing loudly", Map.of(OPS, 1, USER, 0));
        assertThat(((String) notice.getContent()).strip())
                .isEqualTo("Mail from " + USER + " to " + UNKNOWN + " failed (102/202): " + NO_SUCH_USER);
        assertThat(notice.getFrom()).extracting(Object::toString).containsExactly("mailer-daemon@example.local");
        // a blank text: no notice (the script gave it a subject of its own, so one would show)
        mail.awaitDeliveries(subject -> subject.contains("quietly"), Map.of(OPS, 0, USER, 0));
        assertThat(mail.messages(USER, subject -> subject.contains("failing"))).isEmpty();
        assertThat(scripts.errors()).isEmpty();
    }
}
