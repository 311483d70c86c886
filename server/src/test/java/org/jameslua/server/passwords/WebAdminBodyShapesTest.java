package org.jameslua.server.passwords;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jameslua.server.passwords.Passwords.imapLoginWorks;

import java.net.http.HttpResponse;
import org.jameslua.server.JamesLuaServer;
import org.jameslua.server.testing.JamesLuaServerExtension;
import org.jameslua.server.testing.WebAdminClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The webadmin filter alone, as on a stock James (James's own users repository, no pack core bindings): every
 * body webadmin's {@code PUT /users/<user>} accepts has its password put to PASSWORDCHECK.LUA, whatever shape
 * carries it, because the filter reads the body as webadmin's UserRoutes does. Bodies webadmin refuses are left to
 * webadmin, which answers 400 and changes nothing.
 */
class WebAdminBodyShapesTest {
    private static final String USER = "user@example.local";
    private static final String PASSWORD = "secret";

    @RegisterExtension
    static JamesLuaServerExtension james = new JamesLuaServerExtension(JamesLuaServer.Builder::stockCoreBindings);

    private static WebAdminClient webAdmin;

    @BeforeAll
    static void passwordCheck(JamesLuaServer server) throws Exception {
        Passwords.installCheck(server);
        webAdmin = new WebAdminClient(server.webAdminPort());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                // too short (MinPasswordLength=8)
                "{\"password\":\"Qw3!\"}",
                "{\"password\":[\"Q\",\"w\",\"3\",\"!\"]}",
                "{\"password\":\"\\u0051\\u0077\\u0033\\u0021\"}",
                "{\"password\":[\"\\u0051\",\"w\",\"3\",\"!\"]}",
                // long enough, but PASSWORDCHECK.LUA wants a digit
                "{\"password\":[\"n\",\"o\",\" \",\"d\",\"i\",\"g\",\"i\",\"t\",\"s\"]}",
                // Jackson keeps the last of two
                "{\"password\":\"fine password 1\",\"password\":\"Qw3!\"}",
            })
    void aRefusedPasswordInAnyShapeJamesAcceptsGets400AndChangesNothing(String body, JamesLuaServer server)
            throws Exception {
        for (String path : new String[] {"/users/" + USER + "?force", "/users/" + USER, "/users/new@example.local"}) {
            HttpResponse<String> refused = webAdmin.put(path, body);

            assertThat(refused.statusCode()).as(path + " " + body).isEqualTo(400);
            assertThat(refused.body()).contains("was refused by PASSWORDCHECK.LUA");
        }
        assertThat(imapLoginWorks(server, USER, PASSWORD)).isTrue();
        assertThat(webAdmin.head("/users/new@example.local").statusCode()).isEqualTo(404);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"password\":",
                "",
                "{\"password\":null}",
                "{\"password\":[\"ab\",\"c\"]}",
                "{\"password\":\"Qw3!\",\"extra\":1}",
                "{\"passwd\":\"Qw3!\"}",
            })
    void aBodyWebadminRefusesGetsWebadminsOwn400(String body, JamesLuaServer server) throws Exception {
        HttpResponse<String> refused = webAdmin.put("/users/" + USER + "?force", body);

        assertThat(refused.statusCode()).as(body).isEqualTo(400);
        assertThat(refused.body()).contains("\"type\":\"InvalidArgument\"").doesNotContain("PASSWORDCHECK");
        assertThat(imapLoginWorks(server, USER, PASSWORD)).isTrue();
    }

    @Test
    void anAcceptedPasswordAsACharacterArrayIsSet(JamesLuaServer server) throws Exception {
        String array = "{\"password\":[\"d\",\"i\",\"g\",\"i\",\"t\",\"s\",\" \",\"4\",\"2\"]}";

        assertThat(webAdmin.put("/users/array@example.local", array).statusCode())
                .isEqualTo(204);

        assertThat(imapLoginWorks(server, "array@example.local", "digits 42")).isTrue();
    }
}
