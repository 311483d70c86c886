package org.jameslua.server.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Properties;
import javax.mail.MessagingException;
import javax.mail.Session;
import javax.mail.internet.MimeMessage;
import org.jameslua.server.JamesLuaServer;
import org.jameslua.server.testing.DnsBlocklistStub;
import org.jameslua.server.testing.ImapMailboxReader;
import org.jameslua.server.testing.JamesLuaServerExtension;
import org.jameslua.server.testing.LuaScripts;
import org.jameslua.server.testing.RawSmtpClient;
import org.jameslua.server.testing.SmtpReply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * SMTPSVR.LUA on messages: DoDATAStart, ProcessMessage and the RBL globals, on the real James, with what was
 * delivered read back over IMAP. Each test has mailboxes of its own. The client (127.0.0.1) is outside
 * {@code authorizedAddresses}, and a DNS blocklist stub on loopback lists it under {@code listed.test}.
 */
class SmtpMessageScriptTest {
    private static final String HOST = "127.0.0.1";
    private static final String PASSWORD = "secret";
    private static final Duration DELIVERY = Duration.ofSeconds(10);
    // how long an INBOX must stay as expected once the marker, sent after the mail checked, is in: James's spool
    // takes mail in the order it came, so a wrong delivery of the earlier mail would come within a moment
    private static final Duration SETTLED = Duration.ofMillis(1500);
    private static final String[] USERS = {
        "datastart",
        "datastart-session",
        "datastart-edges",
        "pm-a",
        "pm-b",
        "reject",
        "drop",
        "orig",
        "only",
        "bad",
        "broken",
        "rbl-a",
        "rbl-quarantine",
        "hole",
        "white",
        "relay",
        "crlf"
    };

    static final DnsBlocklistStub DNS = new DnsBlocklistStub()
            .list("127.0.0.1", "listed.test", "127.0.0.2")
            .list("127.0.0.1", "also.test", "127.0.0.10");

    @RegisterExtension
    static JamesLuaServerExtension james = new JamesLuaServerExtension(builder -> {
        builder.authorizedAddresses("192.0.2.0/24").packSetting("dns.servers", DNS.address());
        for (String user : USERS) {
            builder.user(user + "@example.local", PASSWORD);
        }
        return builder;
    });

    private static LuaScripts scripts;

    @BeforeAll
    static void scriptsFolder(JamesLuaServer server) {
        scripts = new LuaScripts(server.workingDirectory().resolve("scripts"));
    }

    @AfterAll
    static void stopDns() {
        DNS.close();
    }

    @Test
    void doDataStartAddsHeadersAfterReceivedAndRewordsOrRefusesTheGoAhead(JamesLuaServer server) throws Exception {
        scripts.install("""
            function DoDATAStart(recipients)
              if #recipients > 1 then return "554 5.5.1 One recipient at a time", nil end
              return "354 Scripted go ahead", {"X-Data-Start: yes", "X-Recipients: " .. table.concat(recipients, ",")}
            end
            """);

        try (RawSmtpClient smtp = greeted(server)) {
            smtp.command("MAIL FROM:<alice@client.example>");
            smtp.command("RCPT TO:<datastart@example.local>");
            assertThat(smtp.command("DATA").lines()).containsExactly("354 Scripted go ahead");
            assertThat(smtp.sendMessage("Subject: data start\n\nbody\n").lines())
                    .containsExactly("250 2.6.0 Message received");
            smtp.command("MAIL FROM:<alice@client.example>");
            smtp.command("RCPT TO:<datastart@example.local>");
            smtp.command("RCPT TO:<user@example.local>");
            assertThat(smtp.command("DATA").lines()).containsExactly("554 5.5.1 One recipient at a time");
        }

        String delivered = awaitMessage(server, "datastart", "data start");
        assertThat(delivered).contains("\r\nReceived: ");
        assertThat(delivered.indexOf("X-Data-Start: yes\r\nX-Recipients: datastart@example.local\r\n"))
                .isGreaterThan(delivered.indexOf("Received: "))
                .isLessThan(delivered.indexOf("Subject: data start"));
    }

    @Test
    void doDataStartLinesGoInFrontOfEachMessageOfASessionAndNotPastTheSizeLimit(JamesLuaServer server)
            throws Exception {
        scripts.install("""
            function GetMaxMessageSize(host, current) return 300 end
            function DoDATAStart(recipients)
              Messages = (Messages or 0) + 1
              return "", "X-Data-Start: " .. Messages
            end
            """);

        try (RawSmtpClient smtp = greeted(server)) {
            for (String subject : List.of("first", "too big", "third")) {
                smtp.command("MAIL FROM:<alice@client.example>");
                smtp.command("RCPT TO:<datastart-session@example.local>");
                assertThat(smtp.command("DATA").code()).isEqualTo(354);
                String body =
                        subject.equals("too big") ? "x".repeat(70).concat("\n").repeat(6) : "body\n";
                assertThat(smtp.sendMessage("Subject: " + subject + "\n\n" + body)
                                .code())
                        .isEqualTo(subject.equals("too big") ? 552 : 250);
            }
        }

        String first = awaitMessage(server, "datastart-session", "first");
        String third = awaitMessage(server, "datastart-session", "third");
        // each message's own line, once, after James's Received line; the refused message's line went nowhere
        assertThat(first.indexOf("X-Data-Start: 1\r\n"))
                .isGreaterThan(first.indexOf("Received: "))
                .isLessThan(first.indexOf("Subject: first"));
        assertThat(first).doesNotContain("X-Data-Start: 2").containsOnlyOnce("X-Data-Start:");
        assertThat(third.indexOf("X-Data-Start: 3\r\n"))
                .isGreaterThan(third.indexOf("Received: "))
                .isLessThan(third.indexOf("Subject: third"));
        assertThat(third).containsOnlyOnce("X-Data-Start:");
        assertSubjectsStay(server, "datastart-session", "first", "third");
    }

    /**
     * DoDATAStart's line with no message line to go in front of (the end of DATA at once), and with a first line
     * that alone is past the size limit (that message refused, its line kept from the next).
     */
    @Test
    void doDataStartLinesWithAnEmptyMessageAndAFirstLinePastTheSizeLimit(JamesLuaServer server) throws Exception {
        scripts.install("""
            function GetMaxMessageSize(host, current) return 300 end
            function DoDATAStart(recipients)
              Messages = (Messages or 0) + 1
              return "", "X-Data-Start: " .. Messages
            end
            """);

        try (RawSmtpClient smtp = greeted(server)) {
            for (String message :
                    List.of("", "Subject: " + "x".repeat(400) + "\n\nbody\n", "Subject: third\n\nbody\n")) {
                smtp.command("MAIL FROM:<alice@client.example>");
                smtp.command("RCPT TO:<datastart-edges@example.local>");
                assertThat(smtp.command("DATA").code()).isEqualTo(354);
                SmtpReply reply = message.isEmpty() ? smtp.command(".") : smtp.sendMessage(message);
                assertThat(reply.code()).isEqualTo(message.length() > 300 ? 552 : 250);
            }
        }

        String empty = awaitMessage(server, "datastart-edges", "");
        String third = awaitMessage(server, "datastart-edges", "third");
        assertThat(empty.indexOf("X-Data-Start: 1\r\n")).isGreaterThan(empty.indexOf("Received: "));
        assertThat(empty).containsOnlyOnce("X-Data-Start:");
        assertThat(third.indexOf("X-Data-Start: 3\r\n"))
                .isGreaterThan(third.indexOf("Received: "))
                .isLessThan(third.indexOf("Subject: third"));
        assertThat(third).containsOnlyOnce("X-Data-Start:");
        assertSubjectsStay(server, "datastart-edges", "", "third");
    }

    @Test
    void processMessageSeesTheMessageAddsHeadersAndRecipients(JamesLuaServer server) throws Exception {
        scripts.install("""
            function ProcessMessage(from, subject, recipients, actions, mime, size, attachments)
              local count, first = VPOP3.GetMessageLine(1)
              actions.Recipients = {"pm-b"}
              actions.HeaderModifiers = {
                "X-Scanned: yes",
                "X-Envelope: " .. from .. " to " .. table.concat(recipients, ","),
                "X-Size: " .. size,
                "X-Structure: " .. #mime .. " " .. mime[1].ContentType .. "/" .. mime[1].ContentSubtype
                  .. " " .. mime[2].ContentType .. "/" .. mime[2].ContentSubtype,
                "X-Attachments: " .. #attachments .. " " .. attachments[1].Name,
                "X-First-Line: " .. string.sub(first, 1, 9),
                "X-Folded: first",
                "\\tsecond"
              }
              return actions, "250 2.6.0 Scripted accept"
            end
            """);

        assertThat(send(server, "pm-a", """
                Subject: route me
                MIME-Version: 1.0
                Content-Type: multipart/mixed; boundary="b1"

                --b1
                Content-Type: text/plain

                see the report
                --b1
                Content-Type: application/pdf; name="report.pdf"
                Content-Disposition: attachment; filename="report.pdf"
                Content-Transfer-Encoding: base64

                JVBERi0xLjQK
                --b1--
                """).lines()).containsExactly("250 2.6.0 Scripted accept");

        for (String user : List.of("pm-a", "pm-b")) {
            MimeMessage delivered = parse(awaitMessage(server, user, "route me"));
            assertThat(delivered.getHeader("X-Scanned", null)).isEqualTo("yes");
            assertThat(delivered.getHeader("X-Envelope", null)).isEqualTo("alice@client.example to pm-a@example.local");
            assertThat(delivered.getHeader("X-Size", null)).matches("[1-9][0-9]*");
            assertThat(delivered.getHeader("X-Structure", null)).isEqualTo("2 text/plain application/pdf");
            assertThat(delivered.getHeader("X-Attachments", null)).isEqualTo("1 report.pdf");
            assertThat(delivered.getHeader("X-First-Line", null)).isEqualTo("Received:");
            assertThat(delivered.getHeader("X-Folded", null)).isEqualTo("first\r\n\tsecond");
        }
    }

    @Test
    void numbersInHeadersAndRepliesAreWrittenAsLua52Does(JamesLuaServer server) throws Exception {
        scripts.install("""
            function ProcessMessage(from, subject, recipients, actions, mime, size, attachments)
              actions.HeaderModifiers = {
                "X-Ratio: " .. 1/3,
                "X-Score: " .. string.format("%05.1f|%-6.2e|%x", 7.256, 1234.5, 255),
                "X-Big: " .. tostring(1e15) .. " " .. 2^53
              }
              return actions, "250 2.6.0 score " .. string.format("%.2f", 25.5) .. " of " .. 1e100
            end
            """);

        assertThat(send(server, "pm-a", """
                Subject: numbers

                body
                """).lines()).containsExactly("250 2.6.0 score 25.50 of 1e+100");

        MimeMessage delivered = parse(awaitMessage(server, "pm-a", "numbers"));
        assertThat(delivered.getHeader("X-Ratio", null)).isEqualTo("0.33333333333333");
        assertThat(delivered.getHeader("X-Score", null)).isEqualTo("007.3|1.23e+03|ff");
        assertThat(delivered.getHeader("X-Big", null)).isEqualTo("1e+15 9.007199254741e+15");
    }

    @Test
    void deleteAndIgnoreRefuseTheMessageWithTheReasonOrTheResultReply(JamesLuaServer server) throws Exception {
        scripts.install("""
            function ProcessMessage(from, subject, recipients, actions, mime, size, attachments)
              if subject == "marker" then return actions, "" end
              actions.Ignore = true
              if subject == "reason" then
                actions.Reason = "Bad content\\r\\nhere"
                return actions, ""
              end
              return actions, "554-5.7.1 Refused by\\r\\n554 5.7.1 the script"
            end
            """);

        assertThat(send(server, "reject", "Subject: reason\n\nbody\n").lines())
                .containsExactly("550 5.7.1 Bad content here");
        assertThat(send(server, "reject", "Subject: reply\n\nbody\n").lines())
                .containsExactly("554-5.7.1 Refused by", "554 5.7.1 the script");
        assertThat(send(server, "reject", "Subject: marker\n\nbody\n").code()).isEqualTo(250);

        awaitMessage(server, "reject", "marker");
        assertSubjectsStay(server, "reject", "marker");
    }

    /**
     * A header line written with its line end, as DoDATAStart's string takes it: the line end goes, and the rest of
     * the return stands. It was a BAD_RETURN, so a virus refusal that also marked the message let the message in.
     */
    @Test
    void headerModifiersEndingInALineEndAreAddedAndTheRefusalStands(JamesLuaServer server) throws Exception {
        scripts.install("""
            function ProcessMessage(from, subject, recipients, actions, mime, size, attachments)
              table.insert(actions.HeaderModifiers, "X-Checked: yes\\r\\n")
              if subject == "virus" then
                actions.Ignore = true
                actions.Reason = "Virus found"
              end
              return actions, ""
            end
            """);

        assertThat(send(server, "crlf", "Subject: virus\n\nbody\n").lines()).containsExactly("550 5.7.1 Virus found");
        assertThat(send(server, "crlf", "Subject: clean\n\nbody\n").code()).isEqualTo(250);

        MimeMessage delivered = parse(awaitMessage(server, "crlf", "clean"));
        assertThat(delivered.getHeader("X-Checked", null)).isEqualTo("yes");
        assertSubjectsStay(server, "crlf", "clean");
        assertThat(scripts.errors()).noneMatch(line -> line.contains("X-Checked"));
    }

    @Test
    void ignoreWithoutDeleteAcceptsAndThrowsAway(JamesLuaServer server) throws Exception {
        scripts.install("""
            function ProcessMessage(from, subject, recipients, actions, mime, size, attachments)
              if subject == "drop me" then
                actions.Delete = false
                actions.Ignore = true
              end
              return actions, ""
            end
            """);

        assertThat(send(server, "drop", "Subject: drop me\n\nbody\n").lines())
                .containsExactly("250 2.6.0 Message received");
        assertThat(send(server, "drop", "Subject: marker\n\nbody\n").code()).isEqualTo(250);

        awaitMessage(server, "drop", "marker");
        assertSubjectsStay(server, "drop", "marker");
    }

    @Test
    void notSendingToTheOriginalRecipientsReplacesThem(JamesLuaServer server) throws Exception {
        scripts.install("""
            function ProcessMessage(from, subject, recipients, actions, mime, size, attachments)
              if subject == "redirect me" then
                actions.SendToOriginalRecipients = false
                actions.Recipients = {"only@example.local"}
              end
              return actions
            end
            """);

        assertThat(send(server, "orig", "Subject: redirect me\n\nbody\n").code())
                .isEqualTo(250);
        assertThat(send(server, "orig", "Subject: marker\n\nbody\n").code()).isEqualTo(250);

        awaitMessage(server, "only", "redirect me");
        awaitMessage(server, "orig", "marker");
        assertSubjectsStay(server, "orig", "marker");
    }

    @Test
    void unusableActionsOrAFailureDeliverAsJamesWould(JamesLuaServer server) throws Exception {
        scripts.install("""
            function ProcessMessage(from, subject, recipients, actions, mime, size, attachments)
              if subject == "fails" then error("scanner crashed") end
              actions.Recipients = {"nobody-at-all@"}
              actions.HeaderModifiers = {"X-Bad: a\\r\\nBcc: evil@example.com"}
              return actions, "250 2.6.0 never shown"
            end
            """);

        assertThat(send(server, "bad", "Subject: smuggle\n\nbody\n").lines())
                .containsExactly("250 2.6.0 Message received");
        assertThat(send(server, "broken", "Subject: fails\n\nbody\n").lines())
                .containsExactly("250 2.6.0 Message received");

        MimeMessage smuggled = parse(awaitMessage(server, "bad", "smuggle"));
        assertThat(smuggled.getHeader("X-Bad")).isNull();
        assertThat(smuggled.getHeader("Bcc")).isNull();
        awaitMessage(server, "broken", "fails");
        assertThat(scripts.errors())
                .anyMatch(line -> line.contains("ProcessMessage line 5 [BAD_RETURN]")
                        && line.contains("ProcessMessage's Recipients entry is not an email address"))
                .anyMatch(line -> line.contains("ProcessMessage line 2 [RUNTIME]") && line.contains("scanner crashed"));
    }

    @Test
    void aListedClientIsReportedToRblResultsAndItsRecipientsRefused(JamesLuaServer server) throws IOException {
        scripts.install("""
            function Start()
              RBLServers = {"clean.test", "listed.test", "also.test"}
              return ""
            end
            function RBLResults()
              return "220 rbl found=" .. tostring(RBLFound) .. " listed=" .. tostring(RBLResultInfo["listed.test"])
                .. " clean=" .. tostring(RBLResultInfo["clean.test"]) .. " also=" .. tostring(RBLResultInfo["also.test"])
            end
            """);

        try (RawSmtpClient smtp = RawSmtpClient.connect(HOST, server.smtpPort())) {
            // RBLCheckAllServers is false: the lookups stop at the first list naming the client
            assertThat(smtp.readReply().lines())
                    .containsExactly("220 rbl found=true listed=33554559 clean=nil also=nil");
            smtp.command("EHLO client.example");
            smtp.command("MAIL FROM:<alice@client.example>");
            assertThat(smtp.command("RCPT TO:<rbl-a@example.local>").lines())
                    .containsExactly("550 5.7.1 Rejected: 127.0.0.1 is listed by a DNS blocklist");
            smtp.command("RSET");
            // an authenticated client is not held back by a listing
            assertThat(smtp.command("AUTH PLAIN "
                                    + Base64.getEncoder()
                                            .encodeToString(
                                                    "\0relay@example.local\0secret".getBytes(StandardCharsets.UTF_8)))
                            .code())
                    .isEqualTo(235);
            smtp.command("MAIL FROM:<relay@example.local>");
            assertThat(smtp.command("RCPT TO:<rbl-a@example.local>").code()).isEqualTo(250);
        }
    }

    @Test
    void rblRejectMessageAndAResultsRefusalAreTheScripts(JamesLuaServer server) throws IOException {
        scripts.install("""
            function Start() RBLServers = {"listed.test", "also.test"} RBLCheckAllServers = true return "" end
            function RBLResults()
              RBLRejectMessage = "554 5.7.1 " .. IPAddress .. " is listed, also as " .. RBLResultInfo["also.test"]
              return ""
            end
            """);

        try (RawSmtpClient smtp = RawSmtpClient.connect(HOST, server.smtpPort())) {
            assertThat(smtp.readReply().lines()).containsExactly("220 james-lua ESMTP ready");
            smtp.command("EHLO client.example");
            smtp.command("MAIL FROM:<alice@client.example>");
            assertThat(smtp.command("RCPT TO:<rbl-a@example.local>").lines())
                    .containsExactly("554 5.7.1 127.0.0.1 is listed, also as 167772287");
        }
        scripts.install("""
            function Start() RBLServers = {"listed.test"} return "" end
            function RBLResults() return "554 5.7.1 Listed, go away" end
            """);
        try (RawSmtpClient smtp = RawSmtpClient.connect(HOST, server.smtpPort())) {
            assertThat(smtp.readReply().lines()).containsExactly("554 5.7.1 Listed, go away");
            assertThat(smtp.isClosedByServer()).isTrue();
        }
    }

    @Test
    void rblRedirectSendsAListedClientsMailElsewhereWithTheRblHeader(JamesLuaServer server) throws Exception {
        scripts.install("""
            function Start() RBLServers = {"listed.test"} return "" end
            function RBLResults()
              RBLRedirect = "rbl-quarantine"
              RBLHeader = "X-RBL: listed by listed.test"
              return ""
            end
            """);

        assertThat(send(server, "rbl-a", "Subject: from a listed client\n\nbody\n")
                        .code())
                .isEqualTo(250);

        MimeMessage quarantined = parse(awaitMessage(server, "rbl-quarantine", "from a listed client"));
        assertThat(quarantined.getHeader("X-RBL", null)).isEqualTo("listed by listed.test");
        assertSubjectsStay(server, "rbl-a");
    }

    @Test
    void rblBlackholeAcceptsAndThrowsAway(JamesLuaServer server) throws Exception {
        scripts.install("""
            function Start() RBLServers = {"listed.test"} RBLBlackhole = true return "" end
            function DoMAILFROM(data, from, params)
              if from == "marker@client.example" then RBLBlackhole = false RBLAccept = true end
              return ""
            end
            """);

        assertThat(send(server, "hole", "Subject: into the hole\n\nbody\n").lines())
                .containsExactly("250 2.6.0 Message received");
        try (RawSmtpClient smtp = greeted(server)) {
            smtp.command("MAIL FROM:<marker@client.example>");
            smtp.command("RCPT TO:<hole@example.local>");
            smtp.command("DATA");
            assertThat(smtp.sendMessage("Subject: marker\n\nbody\n").code()).isEqualTo(250);
        }

        awaitMessage(server, "hole", "marker");
        assertSubjectsStay(server, "hole", "marker");
    }

    @Test
    void aWhitelistedClientIsNotLookedUp(JamesLuaServer server) throws Exception {
        scripts.install("""
            function Start() RBLServers = {"listed.test"} RBLWhitelist = {"10.*", "127.0.0.?"} return "" end
            function RBLResults() return "554 5.7.1 RBLResults must not run" end
            """);

        try (RawSmtpClient smtp = RawSmtpClient.connect(HOST, server.smtpPort())) {
            assertThat(smtp.readReply().lines()).containsExactly("220 james-lua ESMTP ready");
        }
        assertThat(send(server, "white", "Subject: whitelisted\n\nbody\n").code())
                .isEqualTo(250);
        awaitMessage(server, "white", "whitelisted");
    }

    private static RawSmtpClient greeted(JamesLuaServer server) throws IOException {
        RawSmtpClient smtp = RawSmtpClient.connect(HOST, server.smtpPort());
        smtp.readReply();
        smtp.command("EHLO client.example");
        return smtp;
    }

    /** Sends one message from alice@client.example to a local user; the reply to the end of DATA. */
    private static SmtpReply send(JamesLuaServer server, String user, String message) throws IOException {
        try (RawSmtpClient smtp = greeted(server)) {
            assertThat(smtp.command("MAIL FROM:<alice@client.example>").code()).isEqualTo(250);
            assertThat(smtp.command("RCPT TO:<" + user + "@example.local>").code())
                    .isEqualTo(250);
            assertThat(smtp.command("DATA").code()).isEqualTo(354);
            return smtp.sendMessage(message);
        }
    }

    private static String awaitMessage(JamesLuaServer server, String user, String subject) {
        List<String> found = new ArrayList<>();
        // a mailbox read while James is still delivering into it may come back incomplete: read it again
        await().atMost(DELIVERY).ignoreExceptionsInstanceOf(IOException.class).untilAsserted(() -> {
            found.clear();
            found.addAll(messages(server, user));
            assertThat(found).anyMatch(message -> subjectOf(message).equals(subject));
        });
        return found.stream()
                .filter(message -> subjectOf(message).equals(subject))
                .findFirst()
                .orElseThrow();
    }

    /**
     * A negative check: the INBOX holds exactly these subjects (in any order: James delivers a session's mails
     * concurrently), read again and again for as long as a delivery may
     * take, so that a late wrong delivery fails the test as an early one would.
     */
    private static void assertSubjectsStay(JamesLuaServer server, String user, String... subjects) {
        // a read that races a delivery may come back incomplete or fail, and restarts the watch: room for a few
        await().atMost(DELIVERY.multipliedBy(2))
                .during(SETTLED)
                .ignoreExceptionsInstanceOf(IOException.class)
                .untilAsserted(() -> assertThat(messages(server, user))
                        .map(SmtpMessageScriptTest::subjectOf)
                        .containsExactlyInAnyOrder(subjects));
    }

    private static List<String> messages(JamesLuaServer server, String user) throws IOException {
        try (ImapMailboxReader imap =
                ImapMailboxReader.login(HOST, server.imapPort(), user + "@example.local", PASSWORD)) {
            List<String> messages = new ArrayList<>();
            int count = imap.messageCount("INBOX");
            for (int i = 1; i <= count; i++) {
                messages.add(imap.readMessage("INBOX", i));
            }
            return messages;
        }
    }

    private static String subjectOf(String message) {
        try {
            String subject = parse(message).getSubject();
            return subject == null ? "" : subject;
        } catch (MessagingException e) {
            return "";
        }
    }

    private static MimeMessage parse(String message) throws MessagingException {
        return new MimeMessage(
                Session.getDefaultInstance(new Properties()),
                new ByteArrayInputStream(message.getBytes(StandardCharsets.UTF_8)));
    }
}
