package org.jameslua.server.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import org.jameslua.server.JamesLuaServer;
import org.jameslua.server.testing.ImapMailboxReader;
import org.jameslua.server.testing.LuaScripts;
import org.jameslua.server.testing.RawSmtpClient;
import org.junit.jupiter.api.Test;

/**
 * The bytes James stores for a message, with the pack against stock James 3.8.1 on the same configuration (the
 * pack's mailets left out of both, so that only the SMTP server differs). A message the script did not change is
 * stored byte for byte as stock James stores it; one whose header the script added to holds those lines and
 * otherwise the same bytes: no MIME-Version, Message-ID or re-encoded part the client did not send. Only James's
 * Received line differs between two deliveries (its time and id), and is compared without those.
 */
class MessageBytesTest {
    private static final String HOST = "127.0.0.1";
    private static final String USER = "user@example.local";

    // what javax.mail would rewrite: no MIME-Version or Message-ID, folded and oddly spaced fields, a multipart with
    // a preamble and an epilogue, a body line starting with a dot, no line break at the end of a part's text
    private static final String MESSAGE = "From: Alice <alice@client.example>\r\n"
            + "To: user@example.local\r\n"
            + "Subject: bytes   kept\r\n"
            + "X-Folded: first\r\n"
            + "\tsecond  \r\n"
            + "Content-Type: multipart/mixed;\r\n"
            + " boundary=\"b1\"\r\n"
            + "\r\n"
            + "preamble\r\n"
            + "--b1\r\n"
            + "Content-Type: text/plain\r\n"
            + "\r\n"
            + "caf\u00e9 as sent\r\n"
            + ".a line starting with a dot\r\n"
            + "--b1\r\n"
            + "Content-Type: application/octet-stream; name=\"a.bin\"\r\n"
            + "Content-Transfer-Encoding: base64\r\n"
            + "\r\n"
            + "AAECAwQF\r\n"
            + "--b1--\r\n"
            + "epilogue\r\n";

    private static final String HEADER_ADDING_SCRIPT = """
        function DoDATAStart(recipients)
          return "", "X-Data-Start: yes"
        end

        function ProcessMessage(from, subject, recipients, actions, mime, size, attachments)
          actions.HeaderModifiers = {"X-Scanned: " .. #attachments .. " attachment", "X-Folded-Too: one", "\\ttwo"}
          return actions, ""
        end
        """;

    @Test
    void aMessageTheSampleScriptDidNotChangeIsStoredAsStockJamesStoresIt() throws Exception {
        String stock = storedByStockJames();
        String pack;
        try (JamesLuaServer server =
                JamesLuaServer.builder().withoutPackMailets().start()) {
            // the shipped SMTPSVR.LUA: its ProcessMessage reads the attachments and returns them unchanged
            assertThat(new LuaScripts(server.scriptsFolder()).read(LuaScripts.SMTP_SCRIPT))
                    .contains("ProcessMessage");
            pack = sendAndRead(server);
            assertThat(new LuaScripts(server.scriptsFolder()).errors()).isEmpty();
        }

        assertThat(withoutReceivedTimeAndId(pack)).isEqualTo(withoutReceivedTimeAndId(stock));
        assertThat(pack).doesNotContain("MIME-Version").doesNotContain("Message-ID");
    }

    @Test
    void aMessageTheScriptAddedHeadersToKeepsEveryOtherByte() throws Exception {
        String stock = storedByStockJames();
        String pack;
        try (JamesLuaServer server =
                JamesLuaServer.builder().withoutPackMailets().start()) {
            LuaScripts scripts = new LuaScripts(server.scriptsFolder());
            scripts.install(HEADER_ADDING_SCRIPT);
            pack = sendAndRead(server);
            assertThat(scripts.errors()).isEmpty();
        }

        // DoDATAStart's line right after James's Received line, HeaderModifiers' at the end of the header
        String stockText = withoutReceivedTimeAndId(stock);
        // the Received field is folded: it ends where the client's first field starts
        int receivedEnd = stockText.indexOf("From: Alice");
        int headerEnd = stockText.indexOf("\r\n\r\n") + 2;
        String expected = stockText.substring(0, receivedEnd) + "X-Data-Start: yes\r\n"
                + stockText.substring(receivedEnd, headerEnd)
                + "X-Scanned: 1 attachment\r\nX-Folded-Too: one\r\n\ttwo\r\n"
                + stockText.substring(headerEnd);
        assertThat(withoutReceivedTimeAndId(pack)).isEqualTo(expected);
    }

    @Test
    void headersTheScriptAddedAreSeenByTheMailetsAfterIt() throws Exception {
        // the shipped mailetcontainer.xml: ROUTING.LUA's IsBulk matcher reads Precedence, TagBulk adds X-Bulk
        try (JamesLuaServer server = JamesLuaServer.builder().start()) {
            new LuaScripts(server.scriptsFolder()).install("""
                function ProcessMessage(from, subject, recipients, actions, mime, size, attachments)
                  actions.HeaderModifiers = {"Precedence: bulk"}
                  return actions, ""
                end
                """);
            String stored = sendAndRead(server);
            assertThat(stored).contains("\r\nPrecedence: bulk\r\n").contains("\r\nX-Bulk: yes\r\n");
        }
    }

    @Test
    void aMessageAMailetAddedAHeaderToKeepsEveryOtherByte() throws Exception {
        // the shipped mailetcontainer.xml: ROUTING.LUA's IsBulk matches the client's Precedence, TagBulk (a LuaMailet)
        // adds X-Bulk and ListAttachments X-Attachments through HeaderModifiers; SMTPSVR.LUA defines nothing, so
        // only the mailets edit the message
        String bulk = MESSAGE.replace("Subject: bytes", "Precedence: bulk\r\nSubject: bytes");
        String stock;
        try (JamesLuaServer server = JamesLuaServer.builder().withoutPack().start()) {
            stock = sendAndRead(server, bulk);
        }
        String pack;
        try (JamesLuaServer server = JamesLuaServer.builder().start()) {
            LuaScripts scripts = new LuaScripts(server.scriptsFolder());
            scripts.install("-- no callback\n");
            pack = sendAndRead(server, bulk);
            assertThat(scripts.errors()).isEmpty();
        }

        String stockText = withoutReceivedTimeAndId(stock);
        int headerEnd = stockText.indexOf("\r\n\r\n") + 2;
        assertThat(withoutReceivedTimeAndId(pack))
                .isEqualTo(stockText.substring(0, headerEnd)
                        + "X-Bulk: yes\r\nX-Attachments: a.bin\r\n"
                        + stockText.substring(headerEnd));
    }

    private static String storedByStockJames() throws Exception {
        try (JamesLuaServer server = JamesLuaServer.builder().withoutPack().start()) {
            return sendAndRead(server);
        }
    }

    private static String sendAndRead(JamesLuaServer server) throws Exception {
        return sendAndRead(server, MESSAGE);
    }

    private static String sendAndRead(JamesLuaServer server, String message) throws Exception {
        try (RawSmtpClient smtp = RawSmtpClient.connect(HOST, server.smtpPort())) {
            smtp.readReply();
            assertThat(smtp.command("EHLO client.example").code()).isEqualTo(250);
            assertThat(smtp.command("MAIL FROM:<alice@client.example>").code()).isEqualTo(250);
            assertThat(smtp.command("RCPT TO:<" + USER + ">").code()).isEqualTo(250);
            assertThat(smtp.command("DATA").code()).isEqualTo(354);
            assertThat(smtp.sendMessage(message).code()).isEqualTo(250);
            smtp.command("QUIT");
        }
        try (ImapMailboxReader imap =
                ImapMailboxReader.login(HOST, server.imapPort(), USER, JamesLuaServer.DEFAULT_PASSWORD)) {
            await().atMost(Duration.ofSeconds(15))
                    .ignoreExceptionsInstanceOf(IOException.class)
                    .until(() -> imap.messageCount("INBOX") == 1);
            return imap.readMessage("INBOX", 1);
        }
    }

    /** The message with its Received field's id and time masked: they differ between any two deliveries. */
    private static String withoutReceivedTimeAndId(String message) {
        assertThat(message).startsWith("Return-Path: ");
        return message.replaceFirst("(?s)(Received: .*?ID )\\S+(.*?;).*?\r\n(?=\\S)", "$1ID$2 TIME\r\n");
    }
}
