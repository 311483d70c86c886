package org.jameslua.server.mailets;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import javax.mail.internet.MimeMessage;
import org.jameslua.server.JamesLuaServer;
import org.jameslua.server.testing.JamesLuaServerExtension;
import org.jameslua.server.testing.LuaScripts;
import org.jameslua.server.testing.MailFlow;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * ROUTING.LUA through the generic LuaMatcher and LuaMailet of the shipped mailetcontainer.xml: IsBulk + TagBulk,
 * and ListAttachments, a LuaMailet with the message helpers. What the functions decided is in the headers of the
 * mail the recipient reads over IMAP.
 */
class RoutingScriptTest {
    private static final String SENDER = "alice@client.example";
    private static final String RECIPIENT = "user@example.local";

    @RegisterExtension
    static JamesLuaServerExtension james = new JamesLuaServerExtension();

    private static MailFlow mail;
    private static LuaScripts scripts;

    @BeforeAll
    static void setUp(JamesLuaServer server) {
        mail = new MailFlow(server);
        scripts = new LuaScripts(server.scriptsFolder());
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
