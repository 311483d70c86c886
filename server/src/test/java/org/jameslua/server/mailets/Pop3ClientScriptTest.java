package org.jameslua.server.mailets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import javax.mail.internet.MimeMessage;
import org.jameslua.server.JamesLuaServer;
import org.jameslua.server.testing.LoopbackFetchmail;
import org.jameslua.server.testing.LoopbackPop3Server;
import org.jameslua.server.testing.LuaScripts;
import org.jameslua.server.testing.MailFlow;
import org.jameslua.server.testing.MailRepositories;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * POP3CLT.LUA end to end: a POP3 server on loopback holds mail for a remote account; the shipped James runs
 * FetchMail from conf-samples' fetchmail.xml (switched on and pointed at it), and the script decides what
 * becomes of each message, as the local users see it over IMAP.
 */
class Pop3ClientScriptTest {
    private static final String SCRIPT = "POP3CLT.LUA";
    private static final String REMOTE = "remote-user";
    private static final String REMOTE_PASSWORD = "remote-secret";
    // the sample fetchmail.xml's recipient for the account
    private static final String USER = "user@example.local";
    private static final String OTHER = "other@example.local";
    private static final Duration FETCHED = Duration.ofSeconds(10);

    @TempDir
    static Path template;

    private static LoopbackPop3Server pop3;
    private static JamesLuaServer server;
    private static LuaScripts scripts;
    private static MailFlow mail;

    @BeforeAll
    static void start() throws Exception {
        pop3 = LoopbackPop3Server.start().account(REMOTE, REMOTE_PASSWORD);
        server = JamesLuaServer.builder()
                .confTemplate(LoopbackFetchmail.template(template, pop3, REMOTE, REMOTE_PASSWORD))
                .user(OTHER, JamesLuaServer.DEFAULT_PASSWORD)
                .start();
        scripts = new LuaScripts(server.scriptsFolder());
        mail = new MailFlow(server);
    }

    @AfterAll
    static void stop() throws IOException {
        if (server != null) {
            server.close();
        }
        if (pop3 != null) {
            pop3.close();
        }
    }

    @AfterEach
    void putTheSamplesBack() throws IOException {
        scripts.putBack();
    }

    @Test
    void theSampleScriptMarksMailingListMailAndFetchedMailLeavesThePop3Server() throws Exception {
        pop3.deliver(REMOTE, """
            From: list@lists.example.org
            To: remote-user@isp.example.net
            Subject: list digest
            List-Id: <news.lists.example.org>

            Today on the list.
            """);

        MimeMessage delivered = mail.awaitSingle(USER, "list digest", Map.of(USER, 1));
        assertThat(delivered.getHeader("X-Mailing-List", null)).isEqualTo("yes");
        // FetchMail's own mark, and its <fetched leaveonserver="false">
        assertThat(delivered.getHeader("X-fetched-from", null)).isEqualTo("isp");
        assertThat(pop3.messageCount(REMOTE)).isZero();
    }

    @Test
    void theSampleScriptDropsMailWithAProgramAttached() throws Exception {
        pop3.deliver(REMOTE, """
            From: someone@elsewhere.example
            Subject: the installer
            MIME-Version: 1.0
            Content-Type: multipart/mixed; boundary="b1"

            --b1
            Content-Type: text/plain

            here it is
            --b1
            Content-Type: application/octet-stream; name="setup.exe"
            Content-Disposition: attachment; filename="setup.exe"
            Content-Transfer-Encoding: base64

            TVqQAAMAAAAEAAAA
            --b1--
            """);
        pop3.deliver(REMOTE, "From: someone@elsewhere.example\nSubject: after the installer\n\nplain text\n");

        awaitFetched();
        mail.awaitDeliveries(Map.of("after the installer", Map.of(USER, 1), "the installer", Map.of(USER, 0)));
    }

    @Test
    void recipientsAndSendToOriginalRecipientsDecideWhoGetsTheMail() throws Exception {
        scripts.install(SCRIPT, """
            function ProcessMessage(mailfrom, subject, recipients, actions, structure, size, attachments)
              if subject == "for other only" then
                actions.SendToOriginalRecipients = false
                table.insert(actions.Recipients, "other@example.local")
              elseif subject == "for both" then
                table.insert(actions.Recipients, "other@example.local")
              end
              print("POP3CLT " .. subject .. " from " .. mailfrom .. " to " .. table.concat(recipients, ","))
              return actions, "routed"
            end
            """);

        pop3.deliver(REMOTE, "From: a@elsewhere.example\nSubject: for other only\n\nhello\n");
        pop3.deliver(REMOTE, "From: b@elsewhere.example\nSubject: for both\n\nhello\n");

        mail.awaitDeliveries(Map.of(
                "for other only", Map.of(USER, 0, OTHER, 1),
                "for both", Map.of(USER, 1, OTHER, 1)));
        // the script saw FetchMail's envelope: the From: address as sender, the account's recipient
        assertThat(scripts.luaOut())
                .contains("POP3CLT for other only from a@elsewhere.example to " + USER)
                .contains("POP3CLT for both from b@elsewhere.example to " + USER);
    }

    @Test
    void headerModifiersAddLinesAndIgnoreDropsTheMail() throws Exception {
        scripts.install(SCRIPT, """
            function ProcessMessage(mailfrom, subject, recipients, actions, structure, size, attachments)
              if subject == "unwanted" then
                actions.Ignore = true
                actions.Reason = "not wanted here"
              else
                table.insert(actions.HeaderModifiers, "X-Fetched-By: POP3CLT.LUA")
                table.insert(actions.HeaderModifiers, "X-Size: " .. size)
              end
              return actions, "done"
            end
            """);

        pop3.deliver(REMOTE, "From: a@elsewhere.example\nSubject: unwanted\n\nspam\n");
        pop3.deliver(REMOTE, "From: a@elsewhere.example\nSubject: with headers\n\nhello\n");

        awaitFetched();
        // Ignore drops James's copy; the POP3 server's was deleted by FetchMail's settings all the same
        MimeMessage delivered = mail.awaitDeliveries(
                        Map.of("with headers", Map.of(USER, 1), "unwanted", Map.of(USER, 0, OTHER, 0)))
                .get("with headers")
                .get(USER)
                .get(0);
        assertThat(delivered.getHeader("X-Fetched-By", null)).isEqualTo("POP3CLT.LUA");
        assertThat(delivered.getHeader("X-Size", null)).matches("\\d+");
    }

    @Test
    void aFailingScriptLosesNothing() throws Exception {
        scripts.install(SCRIPT, """
            function ProcessMessage(mailfrom, subject, recipients, actions, structure, size, attachments)
              error("broken on purpose")
            end
            """);

        pop3.deliver(REMOTE, "From: a@elsewhere.example\nSubject: despite the error\n\nhello\n");

        MimeMessage delivered = mail.awaitSingle(USER, "despite the error", Map.of(USER, 1, OTHER, 0));
        assertThat(delivered.getHeader("X-fetched-from", null)).isEqualTo("isp");
        assertThat(scripts.errors())
                .anySatisfy(line ->
                        assertThat(line).contains("POP3CLT.LUA ProcessMessage").contains("broken on purpose"));
    }

    /** Fetched mail comes from no authenticated or authorized client, so a remote recipient added is not relayed. */
    @Test
    void aRemoteRecipientTheScriptAddsIsDeniedRelay() throws Exception {
        scripts.install(SCRIPT, """
            function ProcessMessage(mailfrom, subject, recipients, actions, structure, size, attachments)
              table.insert(actions.Recipients, "pop-victim@remote.example")
              return actions, "routed"
            end
            """);

        pop3.deliver(REMOTE, "From: a@elsewhere.example\nSubject: and to the outside\n\nhello\n");

        mail.awaitDeliveries("and to the outside", Map.of(USER, 1));
        MailRepositories repositories = new MailRepositories(server);
        repositories.awaitMailTo(MailRepositories.RELAY_DENIED, "pop-victim@remote.example");
        repositories.assertNeverTo(MailRepositories.OUTBOUND, "pop-victim@remote.example");
    }

    private static void awaitFetched() {
        await().atMost(FETCHED).until(() -> pop3.messageCount(REMOTE) == 0);
    }
}
