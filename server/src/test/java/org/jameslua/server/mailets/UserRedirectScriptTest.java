package org.jameslua.server.mailets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jameslua.server.JamesLuaServer;
import org.jameslua.server.testing.JamesLuaServerExtension;
import org.jameslua.server.testing.LuaScripts;
import org.jameslua.server.testing.MailFlow;
import org.jameslua.server.testing.WebAdminClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * USER_REDIRECT.LUA on the shipped mailetcontainer.xml (UserRedirectMailet in {@code transport}, after
 * RecipientRewriteTable): mail comes in over SMTP and the routing shows in the users' INBOXes, each copy once.
 * The stored settings are set as a user would, over IMAP metadata; the sample script runs unless a test
 * replaces it (and puts it back afterwards).
 */
class UserRedirectScriptTest {
    private static final String SCRIPT = "USER_REDIRECT.LUA";
    private static final String PASSWORD = JamesLuaServer.DEFAULT_PASSWORD;
    private static final String OUTSIDER = "alice@client.example";
    private static final String BOB = "bob@example.local";
    private static final String CAROL = "carol@example.local";
    private static final String DAVE = "dave@example.local";
    private static final String ERIN = "erin@example.local";
    private static final String FRANK = "frank@example.local";
    private static final String GRACE = "grace@example.local";
    private static final String HARRY = "harry@example.local";
    private static final String IVAN = "ivan@example.local";
    private static final String JUDY = "judy@example.local";
    private static final String KIM = "kim@example.local";

    @RegisterExtension
    static JamesLuaServerExtension james = new JamesLuaServerExtension(builder -> builder.user(BOB, PASSWORD)
            .user(CAROL, PASSWORD)
            .user(DAVE, PASSWORD)
            .user(ERIN, PASSWORD)
            .user(FRANK, PASSWORD)
            .user(GRACE, PASSWORD)
            .user(HARRY, PASSWORD)
            .user(IVAN, PASSWORD)
            .user(JUDY, PASSWORD)
            .user(KIM, PASSWORD));

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
    void aStoredForwardsAddressGetsACopyAndTheMailboxKeepsOne() throws IOException {
        mail.setUserSetting(BOB, "forwards", CAROL);

        mail.send(OUTSIDER, List.of(BOB), "Subject: stored forward\n\nfor bob\n");

        mail.awaitDeliveries("stored forward", Map.of(BOB, 1, CAROL, 1, DAVE, 0));
        assertThat(scripts.errors()).isEmpty();
    }

    @Test
    void aRemoteForwardLeavesAsOneNewMailThatJamesRelays(JamesLuaServer server) throws Exception {
        mail.setUserSetting(KIM, "forwards", "kim@remote.example");

        mail.send(OUTSIDER, List.of(KIM), "Subject: to kim and beyond\n\nfor kim\n");

        mail.awaitDeliveries("to kim and beyond", Map.of(KIM, 1));
        // the development server puts what RemoteDelivery would send into a repository instead
        WebAdminClient webAdmin = new WebAdminClient(server.webAdminPort());
        String outbound = "/mailRepositories/" + URLEncoder.encode("var/mail/outbound", StandardCharsets.UTF_8);
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            HttpResponse<String> mails = webAdmin.get(outbound + "/mails");
            assertThat(mails.statusCode())
                    .as(webAdmin.get("/mailRepositories").body())
                    .isEqualTo(200);
            assertThat(mails.body()).isNotEqualTo("[]");
        });
        String keys = webAdmin.get(outbound + "/mails").body();
        assertThat(keys.split(",")).hasSize(1);
        String key = keys.replaceAll("[\\[\\]\"]", "");
        assertThat(webAdmin.get(outbound + "/mails/" + URLEncoder.encode(key, StandardCharsets.UTF_8))
                        .body())
                .contains("\"sender\":\"" + OUTSIDER + "\"")
                .contains("\"recipients\":[\"kim@remote.example\"]");
    }

    @Test
    void theSampleScriptForwardsWhileTheUserIsAway() throws IOException {
        // MainGetSettings declares these; MainDoRouting adds AwayForward to Forwards within the dates
        mail.setUserSetting(ERIN, "awayforward", DAVE);
        mail.setUserSetting(ERIN, "awayfrom", "20000101");
        mail.setUserSetting(ERIN, "awayuntil", "29991231");

        mail.send(OUTSIDER, List.of(ERIN), "Subject: while away\n\nfor erin\n");

        mail.awaitDeliveries("while away", Map.of(ERIN, 1, DAVE, 1, CAROL, 0));
        assertThat(scripts.errors()).isEmpty();
    }

    @Test
    void aScriptForwardsBySubjectAndUserWithAndWithoutAMailboxCopy() throws IOException {
        scripts.install(SCRIPT, """
            function MainDoRouting(user)
              if string.find(Subject, "^%[move%]") and user == "frank@example.local" then
                Forwards = "carol@example.local"
                UseForwards = true
                SendToNormalRecipient = false
              elseif string.find(Subject, "^%[copy%]") and user == "frank@example.local" then
                Forwards = "carol@example.local"
                UseForwards = true
              elseif string.find(Subject, "^%[all%]") then
                Forwards = "carol@example.local"
                UseForwards = true
                SendToNormalRecipient = false
              end
            end
            """);

        mail.send(OUTSIDER, List.of(FRANK, GRACE), "Subject: [move] one\n\nfor frank and grace\n");
        mail.send(OUTSIDER, List.of(FRANK, GRACE), "Subject: [copy] two\n\nfor frank and grace\n");
        // both users forward to carol: her copy is merged into one
        mail.send(OUTSIDER, List.of(FRANK, GRACE), "Subject: [all] three\n\nfor frank and grace\n");
        mail.send(OUTSIDER, List.of(FRANK, GRACE), "Subject: plain four\n\nfor frank and grace\n");

        mail.awaitDeliveries(Map.of(
                "[move] one", Map.of(FRANK, 0, GRACE, 1, CAROL, 1),
                "[copy] two", Map.of(FRANK, 1, GRACE, 1, CAROL, 1),
                "[all] three", Map.of(FRANK, 0, GRACE, 0, CAROL, 1),
                "plain four", Map.of(FRANK, 1, GRACE, 1, CAROL, 0)));
        assertThat(scripts.errors()).isEmpty();
    }

    @Test
    void storedSizeRedirectsSendBigMailElsewhereWithOrWithoutACopy() throws IOException {
        mail.setUserSetting(HARRY, "bigredirectq2etarget", DAVE);
        mail.setUserSetting(HARRY, "bigredirectq2ethreshold", "2");
        mail.setUserSetting(IVAN, "bigredirectq2etarget", DAVE);
        mail.setUserSetting(IVAN, "bigredirectq2ethreshold", "2");
        mail.setUserSetting(IVAN, "bigredirectq2ecopy", "yes");
        String big = "x".repeat(70) + "\n";

        mail.send(OUTSIDER, List.of(HARRY), "Subject: small for harry\n\nshort\n");
        mail.send(OUTSIDER, List.of(HARRY), "Subject: big for harry\n\n" + big.repeat(40));
        mail.send(OUTSIDER, List.of(IVAN), "Subject: big for ivan\n\n" + big.repeat(40));

        mail.awaitDeliveries(Map.of(
                "small for harry", Map.of(HARRY, 1, DAVE, 0),
                "big for harry", Map.of(HARRY, 0, DAVE, 1),
                "big for ivan", Map.of(IVAN, 1, DAVE, 1)));
        assertThat(scripts.errors()).isEmpty();
    }

    @Test
    void theScriptOverridesAStoredSizeRedirectForSpam() throws IOException {
        // the sample script clears BigRedirect.Target for a valid spam score of 5 or more
        mail.setUserSetting(JUDY, "bigredirectq2etarget", DAVE);
        mail.setUserSetting(JUDY, "bigredirectq2ethreshold", "1");
        String big = "x".repeat(70) + "\n";

        mail.send(OUTSIDER, List.of(JUDY), "Subject: big spam\nX-Spam-Score: 9.5\n\n" + big.repeat(40));

        mail.awaitDeliveries("big spam", Map.of(JUDY, 1, DAVE, 0));
    }
}
