package org.jameslua.server.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jameslua.server.JamesLuaServer;
import org.jameslua.server.testing.ImapMailboxReader;
import org.jameslua.server.testing.LuaScripts;
import org.jameslua.server.testing.RawSmtpClient;
import org.jameslua.server.testing.SmtpReply;
import org.junit.jupiter.api.Test;

/**
 * A message with a 2 MB header line gets two replies to its DATA: James's line decoder answers the over-long line
 * with {@code 500 Line length exceeded}, drops it and goes on reading, and the end of the message then gets its
 * {@code 250}; the message is delivered without that line. Stock James 3.8.1 does exactly this; the pack must answer
 * the same and deliver the same.
 */
class OverlongHeaderLineTest {
    private static final String HOST = "127.0.0.1";
    private static final String USER = "user@example.local";
    private static final int LINE_LENGTH = 2 * 1024 * 1024;

    @Test
    void stockJamesRepliesTwiceAndDropsTheLine() throws Exception {
        try (JamesLuaServer server = JamesLuaServer.builder().withoutPack().start()) {
            assertTwoRepliesAndDeliveryWithoutTheLine(server);
        }
    }

    @Test
    void thePackRepliesAndDeliversAsStockJamesDoes() throws Exception {
        try (JamesLuaServer server = JamesLuaServer.builder().start()) {
            assertTwoRepliesAndDeliveryWithoutTheLine(server);
            assertThat(new LuaScripts(server.scriptsFolder()).errors()).isEmpty();
        }
    }

    private static void assertTwoRepliesAndDeliveryWithoutTheLine(JamesLuaServer server) throws Exception {
        List<String> replies = repliesToOverlongHeader(server.smtpPort());
        assertThat(replies).hasSize(3);
        assertThat(replies.get(0)).startsWith("500 ").contains("Line length exceeded");
        assertThat(replies.get(1)).startsWith("250 ");
        assertThat(replies.get(2)).startsWith("221 ");

        try (ImapMailboxReader imap =
                ImapMailboxReader.login(HOST, server.imapPort(), USER, JamesLuaServer.DEFAULT_PASSWORD)) {
            await().atMost(Duration.ofSeconds(15)).until(() -> imap.messageCount("INBOX") == 1);
            String message = imap.readMessage("INBOX", 1);
            assertThat(message)
                    .contains("Subject: overlong")
                    .contains("after the long line")
                    .doesNotContain("X-Long:");
        }
    }

    /** Every reply after DATA's 354, up to QUIT's, each as its last line. */
    private static List<String> repliesToOverlongHeader(int port) throws IOException {
        try (RawSmtpClient smtp = RawSmtpClient.connect(HOST, port)) {
            smtp.readReply();
            smtp.command("EHLO client.example");
            assertThat(smtp.command("MAIL FROM:<sender@example.org>").code()).isEqualTo(250);
            assertThat(smtp.command("RCPT TO:<" + USER + ">").code()).isEqualTo(250);
            assertThat(smtp.command("DATA").code()).isEqualTo(354);
            String message = "Subject: overlong\r\nX-Long: " + "a".repeat(LINE_LENGTH) + "\r\n"
                    + "X-After: after the long line\r\n\r\nbody\r\n.\r\nQUIT\r\n";
            smtp.sendBytes(message.getBytes(StandardCharsets.US_ASCII));
            List<String> replies = new ArrayList<>();
            try {
                SmtpReply reply;
                do {
                    reply = smtp.readReply();
                    replies.add(reply.lines().get(reply.lines().size() - 1));
                } while (reply.code() != 221);
            } catch (EOFException closed) {
                replies.add("closed");
            }
            return replies;
        }
    }
}
