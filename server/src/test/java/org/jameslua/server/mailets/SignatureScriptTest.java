package org.jameslua.server.mailets;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import javax.mail.BodyPart;
import javax.mail.MessagingException;
import javax.mail.Multipart;
import javax.mail.internet.MimeMessage;
import org.jameslua.server.JamesLuaServer;
import org.jameslua.server.testing.JamesLuaServerExtension;
import org.jameslua.server.testing.LuaScripts;
import org.jameslua.server.testing.MailFlow;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * SIGNATURE.LUA on the shipped mailetcontainer.xml (SignatureMailet in {@code transport}, matched
 * SMTPAuthSuccessful): users authenticate over SMTP, and the signature the script chose is in the text/plain and
 * text/html parts the recipient reads over IMAP.
 */
class SignatureScriptTest {
    private static final String SCRIPT = "SIGNATURE.LUA";
    private static final String PASSWORD = JamesLuaServer.DEFAULT_PASSWORD;
    private static final String RECIPIENT = "user@example.local";
    private static final String SALES = "sales@example.local";
    private static final String BOB = "bob@example.local";
    private static final String QUIET = "quiet@example.local";
    private static final String MAILET_PLAIN_SIGNATURE = "--\r\nExample Ltd";
    private static final String MAILET_HTML_SIGNATURE = "<p>-- <br>Example Ltd</p>";

    @RegisterExtension
    static JamesLuaServerExtension james = new JamesLuaServerExtension(
            builder -> builder.user(SALES, PASSWORD).user(BOB, PASSWORD).user(QUIET, PASSWORD));

    private static LuaScripts scripts;
    private static MailFlow mail;

    @BeforeAll
    static void setUp(JamesLuaServer server) throws IOException {
        scripts = new LuaScripts(server.scriptsFolder());
        mail = new MailFlow(server);
    }

    @AfterEach
    void putTheSamplesBack() throws IOException {
        scripts.putBack();
    }

    @Test
    void theSampleScriptGivesTheSalesDepartmentItsSignatureInBothParts() throws Exception {
        mail.sendAuthenticated(SALES, PASSWORD, SALES, List.of(RECIPIENT), alternative("from sales"));

        MimeMessage delivered = mail.awaitSingle(RECIPIENT, "from sales", Map.of(RECIPIENT, 1));
        assertThat(part(delivered, 0))
                .startsWith("Hello in plain text")
                .endsWith("-- \r\nSales, Example Ltd - +44 20 7946 0000");
        assertThat(part(delivered, 1))
                .contains("<p>Hello in HTML</p>")
                .containsSubsequence(
                        "<p>Hello in HTML</p>",
                        "<p>-- <br><b>Sales</b>, Example Ltd &middot; +44 20 7946 0000</p>",
                        "</body>");
        assertThat(scripts.errors()).isEmpty();
    }

    @Test
    void aUsersOwnStoredSignatureWinsAndAnEmptyAnswerFallsBackToTheMailetsSignature() throws Exception {
        // only SignaturePLAIN is stored: the script answers "" for HTML, which means the mailet's htmlSignature
        mail.setUserSetting(BOB, "signatureplain", "-- Bob, at home");

        mail.sendAuthenticated(BOB, PASSWORD, BOB, List.of(RECIPIENT), alternative("from bob"));

        MimeMessage delivered = mail.awaitSingle(RECIPIENT, "from bob", Map.of(RECIPIENT, 1));
        assertThat(part(delivered, 0)).startsWith("Hello in plain text").endsWith("-- Bob, at home");
        assertThat(part(delivered, 1)).containsSubsequence("<p>Hello in HTML</p>", MAILET_HTML_SIGNATURE, "</body>");
    }

    @Test
    void blankMeansNoSignatureInEitherPart() throws Exception {
        scripts.install(SCRIPT, """
            function GetSignature(format, authUser, sender)
              if authUser == "quiet@example.local" then
                return "<blank>"
              end
              return ""
            end
            """);

        mail.sendAuthenticated(QUIET, PASSWORD, QUIET, List.of(RECIPIENT), alternative("from quiet"));
        mail.sendAuthenticated(BOB, PASSWORD, BOB, List.of(RECIPIENT), alternative("from bob again"));

        Map<String, Map<String, List<MimeMessage>>> delivered = mail.awaitDeliveries(
                Map.of("from quiet", Map.of(RECIPIENT, 1), "from bob again", Map.of(RECIPIENT, 1)));
        MimeMessage quiet = delivered.get("from quiet").get(RECIPIENT).get(0);
        assertThat(part(quiet, 0)).isEqualTo("Hello in plain text");
        assertThat(part(quiet, 1)).doesNotContain("Example Ltd").doesNotContain("--");
        // the same script gives everyone else the mailet's signatures
        MimeMessage other = delivered.get("from bob again").get(RECIPIENT).get(0);
        assertThat(part(other, 0)).endsWith(MAILET_PLAIN_SIGNATURE);
        assertThat(part(other, 1)).contains(MAILET_HTML_SIGNATURE);
        assertThat(scripts.errors()).isEmpty();
    }

    @Test
    void onlyTheSignedPartChangesHeaderOrderAndBytesAndEightBitAreKept() throws Exception {
        String header = """
            Received: from laptop.example.local ([192.0.2.7])
            \tby client.example with ESMTP; Sun, 6 Dec 2026 07:00:00 +0000
            From: Sales <sales@example.local>
            To: user@example.local
            Subject: eight bit from sales
            X-Mailer: test,
             folded on two lines
            MIME-Version: 1.0
            Content-Type: multipart/mixed; boundary="mix"
            """;
        String body = """

            preamble
            --mix
            Content-Type: text/plain; charset=UTF-8
            Content-Transfer-Encoding: 8bit

            Café tonight?
            --mix
            Content-Type: text/plain; name="notes.txt"
            Content-Disposition: attachment; filename="notes.txt"

            attached   notes\t
            --mix--
            """;

        mail.sendAuthenticated(SALES, PASSWORD, SALES, List.of(RECIPIENT), header + body);

        mail.awaitSingle(RECIPIENT, "eight bit from sales", Map.of(RECIPIENT, 1));
        String delivered =
                mail.rawMessages(RECIPIENT, "eight bit from sales"::equals).get(0);
        // the shipped ROUTING.LUA names the attachments in a field at the header's end
        String signed = crlf(header
                + "X-Attachments: notes.txt\n"
                + body.replace("Café tonight?\n", "Café tonight?\n-- \nSales, Example Ltd - +44 20 7946 0000\n"));
        // the sender's header and every other byte as sent, the text part still 8bit, nothing re-encoded
        assertThat(delivered).endsWith(signed);
        // before it only the fields James adds on the way in: no Message-ID, Date or MIME-Version of javax.mail's
        String added = delivered.substring(0, delivered.length() - signed.length());
        assertThat(added.lines().map(line -> line.replaceFirst(":.*", "")))
                .allMatch(name -> name.startsWith("\t")
                        || name.startsWith(" ")
                        || List.of("Return-Path", "Delivered-To", "Received").contains(name));
        assertThat(scripts.errors()).isEmpty();
    }

    /**
     * A multipart whose first Content-Type names no boundary (a later one does): javax.mail reads its parts by the
     * first line starting with {@code --}, and the mailet cannot write a signature where javax.mail read the text, so
     * it passes the message on as it came rather than put the signature inside the first part and drop its close
     * delimiter.
     */
    @Test
    void aMultipartWhoseBoundaryOnlyALaterContentTypeNamesIsDeliveredAsSent() throws Exception {
        String header = """
            Subject: two content types
            MIME-Version: 1.0
            Content-Type: multipart/mixed
            Content-Type: multipart/mixed; boundary="b"
            """;
        String body = """

            --a
            Content-Type: text/plain

            one
            --b
            Content-Type: text/plain

            two
            --a--
            """;

        mail.sendAuthenticated(SALES, PASSWORD, SALES, List.of(RECIPIENT), header + body);

        mail.awaitSingle(RECIPIENT, "two content types", Map.of(RECIPIENT, 1));
        String delivered =
                mail.rawMessages(RECIPIENT, "two content types"::equals).get(0);
        assertThat(delivered).endsWith(crlf(body)).doesNotContain("Example Ltd");
        assertThat(scripts.errors()).isEmpty();
    }

    private static String crlf(String text) {
        return text.replace("\n", "\r\n");
    }

    @Test
    void mailFromOutsideIsNotSigned() throws Exception {
        mail.send("sales@client.example", List.of(RECIPIENT), alternative("from outside"));

        MimeMessage delivered = mail.awaitSingle(RECIPIENT, "from outside", Map.of(RECIPIENT, 1));
        assertThat(part(delivered, 0)).isEqualTo("Hello in plain text");
        assertThat(part(delivered, 1)).doesNotContain("Sales").doesNotContain("Example Ltd");
    }

    private static String alternative(String subject) {
        return """
            Subject: %s
            MIME-Version: 1.0
            Content-Type: multipart/alternative; boundary="alt"

            --alt
            Content-Type: text/plain; charset=UTF-8

            Hello in plain text
            --alt
            Content-Type: text/html; charset=UTF-8

            <html><body><p>Hello in HTML</p></body></html>
            --alt--
            """.formatted(subject);
    }

    private static String part(MimeMessage message, int index) throws IOException, MessagingException {
        BodyPart part = ((Multipart) message.getContent()).getBodyPart(index);
        return (String) part.getContent();
    }
}
