package org.jameslua.server.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import org.jameslua.server.JamesLuaServer;
import org.jameslua.server.testing.ImapMailboxReader;
import org.jameslua.server.testing.JamesLuaServerExtension;
import org.jameslua.server.testing.LuaScripts;
import org.jameslua.server.testing.RawSmtpClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code script.failure=tempfail}: a failing callback, or one returning something unusable, answers with a temporary
 * failure instead of James's default.
 */
class SmtpScriptTempfailTest {
    private static final String HOST = "127.0.0.1";
    private static final String TEMP_FAIL = "451 4.3.0 Temporary local problem, please try again later";

    @RegisterExtension
    static JamesLuaServerExtension james = new JamesLuaServerExtension(
            builder -> builder.packSetting("script.failure", "tempfail").user("later@example.local", "secret"));

    private static LuaScripts scripts;

    @BeforeAll
    static void scriptsFolder(JamesLuaServer server) {
        scripts = new LuaScripts(server.workingDirectory().resolve("scripts"));
    }

    @Test
    void aFailingStartClosesWith421(JamesLuaServer server) throws IOException {
        scripts.install("""
            function Start() error("no banner today") end
            """);

        try (RawSmtpClient smtp = RawSmtpClient.connect(HOST, server.smtpPort())) {
            assertThat(smtp.readReply().lines())
                    .containsExactly(
                            "421 4.3.0 mail.example.local Service temporarily unavailable, please try again later");
            assertThat(smtp.isClosedByServer()).isTrue();
        }
    }

    @Test
    void failingCommandCallbacksAnswer451(JamesLuaServer server) throws IOException {
        scripts.install("""
            function DoNOOP() error("noop") end
            function DoMAILFROM(data, from, params)
              if from == "fails@client.example" then error("mail") end
              return ""
            end
            function DoRCPTTO(data, rcpt, params, soFar)
              if rcpt == "later@example.local" then error("rcpt") end
              return ""
            end
            function DoDATAStart(recipients) error("data") end
            function DoQUIT() error("quit") end
            """);

        try (RawSmtpClient smtp = RawSmtpClient.connect(HOST, server.smtpPort())) {
            smtp.readReply();
            smtp.command("EHLO client.example");
            assertThat(smtp.command("NOOP").lines()).containsExactly(TEMP_FAIL);
            assertThat(smtp.command("MAIL FROM:<fails@client.example>").lines()).containsExactly(TEMP_FAIL);
            assertThat(smtp.command("MAIL FROM:<alice@client.example>").code()).isEqualTo(250);
            assertThat(smtp.command("RCPT TO:<later@example.local>").lines()).containsExactly(TEMP_FAIL);
            assertThat(smtp.command("RCPT TO:<user@example.local>").code()).isEqualTo(250);
            assertThat(smtp.command("DATA").lines()).containsExactly(TEMP_FAIL);
            // QUIT still closes with James's reply: the client is leaving anyway
            assertThat(smtp.command("QUIT").lines())
                    .containsExactly("221 2.0.0 mail.example.local Service closing transmission channel");
        }
    }

    @Test
    void anUnusableReturnIsAnsweredAsAFailedCallback(JamesLuaServer server) throws IOException {
        scripts.install("""
            function DoMAILFROM(data, from, params)
              if from == "garbled@client.example" then return {} end
              return ""
            end
            function DoRSET() ValidClientAddress = "yes" end
            """);

        try (RawSmtpClient smtp = RawSmtpClient.connect(HOST, server.smtpPort())) {
            smtp.readReply();
            smtp.command("EHLO client.example");
            assertThat(smtp.command("MAIL FROM:<garbled@client.example>").lines())
                    .containsExactly(TEMP_FAIL);
            assertThat(smtp.command("MAIL FROM:<alice@client.example>").code()).isEqualTo(250);
            // an unusable global is left unused: the callback itself returned what it may
            assertThat(smtp.command("RSET").code()).isEqualTo(250);
        }

        assertThat(scripts.errors())
                .anyMatch(line -> line.contains("DoMAILFROM line 2 [BAD_RETURN]") && line.contains("not table"))
                .anyMatch(line -> line.contains("DoRSET line 5 [BAD_RETURN]")
                        && line.contains("ValidClientAddress must be a boolean"));
    }

    @Test
    void aFailingProcessMessageRefusesTheMessageForNow(JamesLuaServer server) throws Exception {
        scripts.install("""
            function ProcessMessage(from, subject, recipients, actions, mime, size, attachments)
              if subject == "fails" then error("scanner down") end
              return actions, ""
            end
            """);

        try (RawSmtpClient smtp = RawSmtpClient.connect(HOST, server.smtpPort())) {
            smtp.readReply();
            smtp.command("EHLO client.example");
            smtp.command("MAIL FROM:<alice@client.example>");
            smtp.command("RCPT TO:<later@example.local>");
            smtp.command("DATA");
            assertThat(smtp.sendMessage("Subject: fails\n\nbody\n").lines()).containsExactly(TEMP_FAIL);
            smtp.command("MAIL FROM:<alice@client.example>");
            smtp.command("RCPT TO:<later@example.local>");
            smtp.command("DATA");
            assertThat(smtp.sendMessage("Subject: marker\n\nbody\n").code()).isEqualTo(250);
        }

        try (ImapMailboxReader imap =
                ImapMailboxReader.login(HOST, server.imapPort(), "later@example.local", "secret")) {
            // a mailbox read while James is still delivering into it may come back incomplete: read it again
            await().atMost(Duration.ofSeconds(10))
                    .ignoreExceptionsInstanceOf(IOException.class)
                    .untilAsserted(() -> {
                        assertThat(imap.messageCount("INBOX")).isEqualTo(1);
                        assertThat(imap.readMessage("INBOX", 1)).contains("Subject: marker");
                    });
        }
    }
}
