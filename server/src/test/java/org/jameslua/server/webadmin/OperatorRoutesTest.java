package org.jameslua.server.webadmin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
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
 * The operator routes on the real James with the shipped webadmin.properties: the scripts' state
 * ({@code GET /james-lua/scripts}) and users' settings ({@code /james-lua/users/<user>/settings}), checked
 * against what the scripts then do with mail received over SMTP and read back over IMAP.
 */
class OperatorRoutesTest {
    private static final String PASSWORD = JamesLuaServer.DEFAULT_PASSWORD;
    private static final String OUTSIDER = "alice@client.example";
    private static final String BOB = "bob@example.local";
    private static final String CAROL = "carol@example.local";
    private static final String DAVE = "dave@example.local";
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static JamesLuaServerExtension james = new JamesLuaServerExtension(
            builder -> builder.user(BOB, PASSWORD).user(CAROL, PASSWORD).user(DAVE, PASSWORD));

    private static WebAdminClient webAdmin;
    private static LuaScripts scripts;
    private static MailFlow mail;

    @BeforeAll
    static void setUp(JamesLuaServer server) {
        webAdmin = new WebAdminClient(server.webAdminPort());
        scripts = new LuaScripts(server.scriptsFolder());
        mail = new MailFlow(server);
    }

    @AfterEach
    void cleanUp() throws Exception {
        scripts.putBack();
        for (String user : List.of(BOB, CAROL, DAVE)) {
            assertThat(webAdmin.delete(settings(user)).statusCode()).isEqualTo(204);
        }
    }

    @Test
    void everySampleScriptIsListedWithTheVersionInUseAndNoCompileError() throws Exception {
        JsonNode listed = scripts();

        assertThat(listed.findValuesAsText("name")).contains("SMTPSVR.LUA", "USER_REDIRECT.LUA", "SIGNATURE.LUA");
        JsonNode smtp = script(listed, "SMTPSVR.LUA");
        assertThat(smtp.get("versionInUse").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        assertThat(smtp.get("compileError").isNull()).isTrue();
    }

    @Test
    void callsOfEachFunctionCountUpWithSmtpSessions() throws Exception {
        long heloBefore = calls(script(scripts(), "SMTPSVR.LUA"), "DoHELO");
        long messagesBefore = calls(script(scripts(), "SMTPSVR.LUA"), "ProcessMessage");

        mail.send(OUTSIDER, List.of(DAVE), "Subject: counted\n\nhello\n");
        mail.send(OUTSIDER, List.of(DAVE), "Subject: counted\n\nhello again\n");
        mail.awaitDeliveries("counted", Map.of(DAVE, 2));

        JsonNode helo = script(scripts(), "SMTPSVR.LUA").get("functions").get("DoHELO");
        assertThat(helo.get("calls").asLong()).isEqualTo(heloBefore + 2);
        assertThat(helo.get("errors").asLong()).isZero();
        assertThat(helo.get("timeouts").asLong()).isZero();
        assertThat(helo.get("meanMillis").isNumber()).isTrue();
        assertThat(calls(script(scripts(), "SMTPSVR.LUA"), "ProcessMessage")).isEqualTo(messagesBefore + 2);
    }

    @Test
    void aBrokenScriptShowsItsCompileErrorWithFileAndLineWhileTheLastGoodVersionServes() throws Exception {
        String versionInUse =
                script(scripts(), "SMTPSVR.LUA").get("versionInUse").asText();

        scripts.install("-- broken on purpose\nfunction DoHELO(host)\n  return = 1\nend\n");

        JsonNode broken = script(scripts(), "SMTPSVR.LUA");
        JsonNode error = broken.get("compileError");
        assertThat(error.get("file").asText()).isEqualTo("SMTPSVR.LUA");
        assertThat(error.get("line").asInt()).isEqualTo(3);
        assertThat(error.get("message").asText())
                .startsWith("SMTPSVR.LUA:3: unexpected symbol")
                .endsWith("(the last version that compiled keeps running)");
        assertThat(broken.get("versionInUse").asText()).isEqualTo(versionInUse);

        scripts.putBack();
        JsonNode repaired = script(scripts(), "SMTPSVR.LUA");
        assertThat(repaired.get("compileError").isNull()).isTrue();
        assertThat(repaired.get("versionInUse").asText()).isNotEqualTo(versionInUse);
    }

    @Test
    void aForwardSetOverWebAdminForwardsTheNextMail() throws Exception {
        assertThat(webAdmin.put(settings(BOB), "{\"Forwards\": \"" + CAROL + "\"}")
                        .statusCode())
                .isEqualTo(204);

        assertThat(JSON.readTree(webAdmin.get(settings(BOB)).body()))
                .isEqualTo(JSON.readTree("{\"Forwards\": \"" + CAROL + "\"}"));
        mail.send(OUTSIDER, List.of(BOB), "Subject: forwarded by webadmin\n\nfor bob\n");
        mail.awaitDeliveries("forwarded by webadmin", Map.of(BOB, 1, CAROL, 1, DAVE, 0));
    }

    @Test
    void theSettingsRoutesAndTheRoutingMailetAskANewVersionOfTheScriptOnceWhatItDeclares() throws Exception {
        scripts.install("USER_REDIRECT.LUA", scripts.read("USER_REDIRECT.LUA") + "\n-- a new version\n");
        long before = calls(script(scripts(), "USER_REDIRECT.LUA"), "MainGetSettings");

        assertThat(webAdmin.get(settings(BOB)).statusCode()).isEqualTo(200);
        mail.send(OUTSIDER, List.of(BOB), "Subject: routed with the declared settings\n\nfor bob\n");
        mail.awaitDeliveries("routed with the declared settings", Map.of(BOB, 1));

        assertThat(calls(script(scripts(), "USER_REDIRECT.LUA"), "MainGetSettings"))
                .isEqualTo(before + 1);
    }

    @Test
    void aDeletedForwardNoLongerForwards() throws Exception {
        webAdmin.put(settings(BOB) + "/forwards", "{\"value\": \"" + CAROL + "\"}");

        assertThat(webAdmin.delete(settings(BOB) + "/Forwards").statusCode()).isEqualTo(204);

        assertThat(webAdmin.get(settings(BOB) + "/Forwards").statusCode()).isEqualTo(404);
        assertThat(webAdmin.get(settings(BOB)).body()).isEqualTo("{}");
        mail.send(OUTSIDER, List.of(BOB), "Subject: no longer forwarded\n\nfor bob\n");
        mail.awaitDeliveries("no longer forwarded", Map.of(BOB, 1, CAROL, 0));
    }

    @Test
    void aPutOfTheCollectionSetsTheGivenSettingsAndKeepsTheOthers() throws Exception {
        webAdmin.put(settings(BOB), "{\"Forwards\": \"" + CAROL + "\", \"BigRedirect.Threshold\": 50}");

        webAdmin.put(settings(BOB), "{\"UseForwards\": false, \"SignaturePLAIN\": \"-- \\nBob\"}");

        assertThat(JSON.readTree(webAdmin.get(settings(BOB)).body()))
                .isEqualTo(JSON.readTree("{\"Forwards\": \"" + CAROL
                        + "\", \"UseForwards\": \"false\", \"BigRedirect.Threshold\": \"50\","
                        + " \"SignaturePLAIN\": \"-- \\nBob\"}"));
        HttpResponse<String> one = webAdmin.get(settings(BOB) + "/signatureplain");
        assertThat(JSON.readTree(one.body()))
                .isEqualTo(JSON.readTree("{\"name\": \"SignaturePLAIN\", \"value\": \"-- \\nBob\"}"));
        mail.send(OUTSIDER, List.of(BOB), "Subject: forwards off\n\nfor bob\n");
        mail.awaitDeliveries("forwards off", Map.of(BOB, 1, CAROL, 0));
    }

    @Test
    void aSettingTheUserSetOverImapShows() throws Exception {
        mail.setUserSetting(DAVE, "awayforward", CAROL);

        assertThat(JSON.readTree(webAdmin.get(settings(DAVE)).body()))
                .isEqualTo(JSON.readTree("{\"AwayForward\": \"" + CAROL + "\"}"));
    }

    @Test
    void anUnknownUserIs404() throws Exception {
        HttpResponse<String> unknown = webAdmin.get(settings("nobody@example.local"));

        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("No user nobody@example.local");
        assertThat(webAdmin.put(settings("nobody@example.local"), "{\"Forwards\": \"x@y.example\"}")
                        .statusCode())
                .isEqualTo(404);
    }

    @Test
    void thePasswordIsNoSettingAndAnUnknownNameIs400() throws Exception {
        HttpResponse<String> password = webAdmin.put(settings(BOB) + "/Password", "{\"value\": \"hunter2\"}");

        assertThat(password.statusCode()).isEqualTo(400);
        assertThat(password.body())
                .contains("\"type\":\"InvalidArgument\"")
                .contains("'Password' is not a setting; settings: Forwards, UseForwards");
        assertThat(webAdmin.get(settings(BOB) + "/Password").statusCode()).isEqualTo(400);
    }

    @Test
    void aBadValueIs400AndNothingOfThatPutIsStored() throws Exception {
        HttpResponse<String> refused =
                webAdmin.put(settings(BOB), "{\"Forwards\": \"" + CAROL + "\", \"UseForwards\": \"maybe\"}");

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("UseForwards takes true or false (also yes/no, on/off, 1/0), not 'maybe'");
        assertThat(webAdmin.get(settings(BOB)).body()).isEqualTo("{}");
        assertThat(webAdmin.put(settings(BOB) + "/SmallRedirect.Threshold", "{\"value\": \"-3\"}")
                        .body())
                .contains("SmallRedirect.Threshold takes a number of 0 or more, not '-3'");
        assertThat(webAdmin.put(settings(BOB), "[1, 2]").statusCode()).isEqualTo(400);
        assertThat(webAdmin.put(settings(BOB), "not json").statusCode()).isEqualTo(400);
    }

    private static String settings(String user) {
        return "/james-lua/users/" + user + "/settings";
    }

    private static JsonNode scripts() throws Exception {
        HttpResponse<String> response = webAdmin.get("/james-lua/scripts");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        return JSON.readTree(response.body());
    }

    private static JsonNode script(JsonNode listed, String name) {
        for (JsonNode script : listed.get("scripts")) {
            if (script.get("name").asText().equals(name)) {
                return script;
            }
        }
        throw new AssertionError(name + " is not listed: " + listed);
    }

    private static long calls(JsonNode script, String function) {
        JsonNode counts = script.get("functions").get(function);
        return counts == null ? 0 : counts.get("calls").asLong();
    }
}
