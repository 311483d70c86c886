package org.jameslua.server.passwords;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jameslua.server.passwords.Passwords.body;
import static org.jameslua.server.passwords.Passwords.imapLoginWorks;

import java.net.http.HttpResponse;

import org.jameslua.server.JamesLuaServer;
import org.jameslua.server.testing.JamesLuaServerExtension;
import org.jameslua.server.testing.WebAdminClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The server's users repository alone, with the bundled configuration (no webadmin filter): a password change
 * by webadmin's own route still passes PASSWORDCHECK.LUA.
 */
class UsersRepositoryPasswordCheckTest {

    @RegisterExtension
    static JamesLuaServerExtension james = new JamesLuaServerExtension();

    @BeforeAll
    static void passwordCheck(JamesLuaServer server) throws Exception {
        Passwords.installCheck(server);
    }

    @Test
    void aRefusedChangeKeepsTheOldPasswordAndAnAcceptedOneTakesEffect(JamesLuaServer server) throws Exception {
        WebAdminClient webAdmin = new WebAdminClient(server.webAdminPort());

        HttpResponse<String> refused = webAdmin.put("/users/user@example.local?force", body("no digits here"));
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("was refused by PASSWORDCHECK.LUA");
        assertThat(imapLoginWorks(server, "user@example.local", "secret")).isTrue();

        assertThat(webAdmin.put("/users/user@example.local?force", body("digits 42")).statusCode()).isEqualTo(204);
        assertThat(imapLoginWorks(server, "user@example.local", "digits 42")).isTrue();
        assertThat(imapLoginWorks(server, "user@example.local", "secret")).isFalse();
    }
}
