package org.jameslua.server.mailets;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import javax.mail.internet.MimeMessage;
import org.jameslua.server.JamesLuaServer;
import org.jameslua.server.testing.JamesLuaServerExtension;
import org.jameslua.server.testing.LuaScripts;
import org.jameslua.server.testing.MailFlow;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * ROUTING.LUA through the generic LuaMatcher and LuaMailet of the shipped mailetcontainer.xml: IsBulk + TagBulk,
 * and ListAttachments, a LuaMailet with the message helpers. What the functions decided is in the headers of the
 * mail the recipient reads over IMAP.
 */
class RoutingScriptTest {
    private static final String SENDER = "alice@client.example";
    private static final String RECIPIENT = "user@example.local";
    private static final String OTHER = "other@example.local";

    @RegisterExtension
    static JamesLuaServerExtension james =
            new JamesLuaServerExtension(builder -> builder.user(OTHER, JamesLuaServer.DEFAULT_PASSWORD));

    private static MailFlow mail;
    private static LuaScripts scripts;

    @BeforeAll
    static void setUp(JamesLuaServer server) {
        mail = new MailFlow(server);
        scripts = new LuaScripts(server.scriptsFolder());
    }

    @AfterEach
    void putTheSamplesBack() throws IOException {
        scripts.putBack();
    }

    @Test
    void listMailIsTaggedAsBulk() throws Exception {
        mail.send(SENDER, List.of(RECIPIENT), """
                Subject: weekly list
                List-Id: <news.client.example>

                news
                """);

        MimeMessage delivered = mail.awaitSingle(RECIPIENT, "weekly list", Map.of(RECIPIENT, 1));
        assertThat(delivered.getHeader("X-Bulk")).containsExactly("yes");
        assertThat(delivered.getHeader("X-Attachments")).isNull();
    }

    @Test
    void attachmentsAreNamedInAHeaderFoundThroughTheMessageHelpers() throws Exception {
        mail.send(SENDER, List.of(RECIPIENT), withAttachments("invoice", "invoice.pdf", "terms.txt"));

        MimeMessage delivered = mail.awaitSingle(RECIPIENT, "invoice", Map.of(RECIPIENT, 1));
        assertThat(delivered.getHeader("X-Attachments")).containsExactly("invoice.pdf, terms.txt");
        assertThat(delivered.getHeader("X-Bulk")).isNull();
        assertThat(scripts.errors()).isEmpty();
    }

    @Test
    void mailWithoutAttachmentsIsLeftAsItWas() throws Exception {
        mail.send(SENDER, List.of(RECIPIENT), withAttachments("no files"));

        MimeMessage delivered = mail.awaitSingle(RECIPIENT, "no files", Map.of(RECIPIENT, 1));
        assertThat(delivered.getHeader("X-Attachments")).isNull();
        assertThat(delivered.getContentType()).startsWith("multipart/mixed");
    }

    @Test
    void anAttachmentNameOutsidePrintableAsciiIsListedWithQuestionMarks() throws Exception {
        mail.send(SENDER, List.of(RECIPIENT), withAttachments("accents", "r\u00e9sum\u00e9.pdf"));

        MimeMessage delivered = mail.awaitSingle(RECIPIENT, "accents", Map.of(RECIPIENT, 1));
        assertThat(delivered.getHeader("X-Attachments"))
                .singleElement()
                .asString()
                .matches("r\\?+sum\\?+\\.pdf");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '"',
            value = {
                "crlf|'X-Bulk: yes\\r\\nBcc: " + OTHER + "'|line break",
                "nul|'X-Bulk: yes\\0'|U+0000",
                "overlong|'X-Bulk: ' .. string.rep('y', 1000)|1008 bytes long (at most 998)"
            })
    void aHeaderLineThatWouldNotStayOneIsRefusedLoggedAndTheMailDeliveredOnceUnchanged(
            String subject, String line, String why) throws Exception {
        scripts.install("ROUTING.LUA", """
                function IsBulk(mail) return mail.Headers["list-id"] ~= nil end
                function TagBulk(mail)
                  return { HeaderModifiers = { %s }, Attributes = { ["org.example.bulk"] = true } }
                end
                function ListAttachments(mail) end
                """.formatted(line));

        mail.send(
                SENDER,
                List.of(RECIPIENT),
                "Subject: " + subject + "\r\nList-Id: <news.client.example>\r\n\r\nnews\r\n");

        MimeMessage delivered = mail.awaitSingle(RECIPIENT, subject, Map.of(RECIPIENT, 1, OTHER, 0));
        assertThat(delivered.getHeader("X-Bulk")).isNull();
        assertThat(delivered.getHeader("Bcc")).isNull();
        assertThat(scripts.errors())
                .anyMatch(error -> error.contains("ROUTING.LUA TagBulk line 3 [BAD_RETURN]") && error.contains(why));
    }

    private static String withAttachments(String subject, String... fileNames) {
        StringBuilder message = new StringBuilder("""
                Subject: %s
                MIME-Version: 1.0
                Content-Type: multipart/mixed; boundary="part"

                --part
                Content-Type: text/plain

                see attached
                """.formatted(subject));
        for (String fileName : fileNames) {
            message.append("""
                    --part
                    Content-Type: application/octet-stream; name="%s"
                    Content-Disposition: attachment; filename="%s"
                    Content-Transfer-Encoding: base64

                    aGVsbG8=
                    """.formatted(fileName, fileName));
        }
        return message.append("--part--\n").toString();
    }
}
