package org.jameslua.server.mailets;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import javax.mail.internet.MimeMessage;
import org.jameslua.server.JamesLuaServer;
import org.jameslua.server.testing.JamesLuaServerExtension;
import org.jameslua.server.testing.MailFlow;
import org.jameslua.server.testing.PackMetrics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The script calls of the shipped mailetcontainer.xml's LuaMatcher and two LuaMailet elements (both running
 * ROUTING.LUA) as an operator reads them over JMX: each instance counts and times its calls under its own name,
 * {@code luapack.<mailet|matcher>.<Class>-<n>.<SCRIPT>.<Function>}.
 */
class MailetScriptMetricsTest {
    private static final String RECIPIENT = "user@example.local";
    private static final String MATCHER = "luapack.matcher.LuaMatcher-1.ROUTING.IsBulk";
    private static final String TAG_BULK = "luapack.mailet.LuaMailet-1.ROUTING.TagBulk";
    private static final String LIST_ATTACHMENTS = "luapack.mailet.LuaMailet-2.ROUTING.ListAttachments";

    @RegisterExtension
    static JamesLuaServerExtension james = new JamesLuaServerExtension();

    @Test
    void eachLuaMailetInstanceCountsAndTimesItsOwnCalls(JamesLuaServer server) throws Exception {
        Map<String, Long> before = counts();

        new MailFlow(server).send("alice@client.example", List.of(RECIPIENT), """
                Subject: list digest
                List-Id: <news.client.example>
                MIME-Version: 1.0
                Content-Type: multipart/mixed; boundary="part"

                --part
                Content-Type: text/plain

                see attached
                --part
                Content-Type: application/octet-stream
                Content-Disposition: attachment; filename="digest.txt"

                news
                --part--
                """);
        MimeMessage delivered = new MailFlow(server).awaitSingle(RECIPIENT, "list digest", Map.of(RECIPIENT, 1));

        assertThat(delivered.getHeader("X-Bulk")).containsExactly("yes");
        assertThat(delivered.getHeader("X-Attachments")).containsExactly("digest.txt");
        Map<String, Long> after = counts();
        assertThat(after)
                .containsEntry(MATCHER + ".calls", before.get(MATCHER + ".calls") + 1)
                .containsEntry(TAG_BULK + ".calls", before.get(TAG_BULK + ".calls") + 1)
                .containsEntry(TAG_BULK + ".time", before.get(TAG_BULK + ".time") + 1)
                .containsEntry(LIST_ATTACHMENTS + ".calls", before.get(LIST_ATTACHMENTS + ".calls") + 1)
                .containsEntry(LIST_ATTACHMENTS + ".time", before.get(LIST_ATTACHMENTS + ".time") + 1)
                .containsEntry(TAG_BULK + ".errors", before.get(TAG_BULK + ".errors"));
    }

    private static Map<String, Long> counts() {
        return Map.of(
                MATCHER + ".calls", PackMetrics.count(MATCHER + ".calls"),
                TAG_BULK + ".calls", PackMetrics.count(TAG_BULK + ".calls"),
                TAG_BULK + ".errors", PackMetrics.count(TAG_BULK + ".errors"),
                TAG_BULK + ".time", PackMetrics.timed(TAG_BULK + ".time"),
                LIST_ATTACHMENTS + ".calls", PackMetrics.count(LIST_ATTACHMENTS + ".calls"),
                LIST_ATTACHMENTS + ".time", PackMetrics.timed(LIST_ATTACHMENTS + ".time"));
    }
}
