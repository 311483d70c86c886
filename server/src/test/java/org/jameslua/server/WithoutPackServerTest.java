package org.jameslua.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.time.Duration;
import org.jameslua.server.testing.ImapMailboxReader;
import org.jameslua.server.testing.RawSmtpClient;
import org.junit.jupiter.api.Test;

/** A server built {@code withoutPack()} is a stock James: a script refusing every sender is never run. */
class WithoutPackServerTest {

    private static final String HOST = "127.0.0.1";
    private static final String USER = "user@example.local";

    @Test
    void deliversMailThatSmtpsvrLuaWouldRefuse() throws Exception {
        try (JamesLuaServer server = JamesLuaServer.builder().withoutPack().start()) {
            Files.writeString(
                    server.scriptsFolder().resolve("SMTPSVR.LUA"),
                    "function DoMAILFROM(data, from, params) return '550 refused by the script', params end\n");

            try (RawSmtpClient smtp = RawSmtpClient.connect(HOST, server.smtpPort())) {
                smtp.readReply();
                smtp.command("EHLO client.example");
                assertThat(smtp.command("MAIL FROM:<sender@example.org>").code())
                        .isEqualTo(250);
                assertThat(smtp.command("RCPT TO:<" + USER + ">").code()).isEqualTo(250);
                assertThat(smtp.command("DATA").code()).isEqualTo(354);
                assertThat(smtp.sendMessage("Subject: stock\n\nhello\n").code()).isEqualTo(250);
            }

            try (ImapMailboxReader imap =
                    ImapMailboxReader.login(HOST, server.imapPort(), USER, JamesLuaServer.DEFAULT_PASSWORD)) {
                await().atMost(Duration.ofSeconds(10)).until(() -> imap.messageCount("INBOX") == 1);
            }
        }
    }
}
