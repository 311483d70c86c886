package org.jameslua.server.passwords;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.jameslua.server.passwords.Passwords.body;
import static org.jameslua.server.passwords.Passwords.imapLoginWorks;

import java.net.http.HttpResponse;
import org.apache.james.utils.DataProbeImpl;
import org.jameslua.mailets.PasswordRefusedException;
import org.jameslua.server.JamesLuaServer;
import org.jameslua.server.testing.JamesLuaServerExtension;
import org.jameslua.server.testing.WebAdminClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * PASSWORDCHECK.LUA on the real James with the shipped configuration: the webadmin filter in webadmin.properties
 * ({@code extensions.routes}) and the minimum length of james-lua.properties ({@code setting.MinPasswordLength=8}).
 */
class WebAdminPasswordFilterTest {
    private static final String ALICE = "alice@example.local";

    @RegisterExtension
    static JamesLuaServerExtension james = new JamesLuaServerExtension(builder -> builder.user(ALICE, "alice-secret"));

    private static WebAdminClient webAdmin;

    @BeforeAll
    static void passwordCheck(JamesLuaServer server) throws Exception {
        Passwords.installCheck(server);
        webAdmin = new WebAdminClient(server.webAdminPort());
    }

    @Test
    void aPasswordTheScriptRefusesGets400AndTheOldPasswordStays(JamesLuaServer server) throws Exception {
        HttpResponse<String> refused = webAdmin.put("/users/user@example.local?force", body("no digits here"));

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body())
                .contains("\"type\":\"InvalidArgument\"")
                .contains("\"message\":\"The new password of user@example.local was refused by PASSWORDCHECK.LUA;"
                        + " the password is unchanged\"");
        assertThat(imapLoginWorks(server, "user@example.local", "secret")).isTrue();
        assertThat(imapLoginWorks(server, "user@example.local", "no digits here"))
                .isFalse();
    }

    @Test
    void aPasswordShorterThanTheMinimumIsRefusedWhateverTheScript(JamesLuaServer server) throws Exception {
        assertThat(webAdmin.put("/users/user@example.local?force", body("abc1")).statusCode())
                .isEqualTo(400);

        assertThat(imapLoginWorks(server, "user@example.local", "secret")).isTrue();
    }

    @Test
    void anAcceptedPasswordReplacesTheOldOne(JamesLuaServer server) throws Exception {
        assertThat(webAdmin.put("/users/" + ALICE + "?force", body("correct horse 7"))
                        .statusCode())
                .isEqualTo(204);

        assertThat(imapLoginWorks(server, ALICE, "correct horse 7")).isTrue();
        assertThat(imapLoginWorks(server, ALICE, "alice-secret")).isFalse();
    }

    @Test
    void aNewUserWithARefusedPasswordIsNotCreated(JamesLuaServer server) throws Exception {
        assertThat(webAdmin.put("/users/eve@example.local", body("no digits here"))
                        .statusCode())
                .isEqualTo(400);
        assertThat(webAdmin.head("/users/eve@example.local").statusCode()).isEqualTo(404);

        assertThat(webAdmin.put("/users/eve@example.local", body("digits 1234")).statusCode())
                .isEqualTo(204);
        assertThat(imapLoginWorks(server, "eve@example.local", "digits 1234")).isTrue();
    }

    @Test
    void theUsersRepositoryRefusesThroughOtherPathsToo(JamesLuaServer server) throws Exception {
        DataProbeImpl dataProbe = server.probe(DataProbeImpl.class);

        assertThatThrownBy(() -> dataProbe.addUser("frank@example.local", "no digits here"))
                .isInstanceOf(PasswordRefusedException.class);
        assertThat(dataProbe.listUsers()).doesNotContain("frank@example.local");

        dataProbe.addUser("frank@example.local", "frank 12345");
        assertThat(imapLoginWorks(server, "frank@example.local", "frank 12345")).isTrue();
    }
}
