package org.jameslua.server.passwords;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.jameslua.server.passwords.Passwords.body;
import static org.jameslua.server.passwords.Passwords.imapLoginWorks;

import com.google.inject.multibindings.Multibinder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javax.inject.Inject;
import org.apache.james.user.lib.UsersRepositoryManagement;
import org.apache.james.utils.DataProbeImpl;
import org.apache.james.utils.GuiceProbe;
import org.jameslua.server.JamesLuaServer;
import org.jameslua.server.testing.ConfTemplate;
import org.jameslua.server.testing.JamesLuaServerExtension;
import org.jameslua.server.testing.WebAdminClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The server's users repository alone: webadmin.properties without the webadmin filter, so only
 * {@code PasswordCheckingUsersRepository} stands between a short password and the account, on every path
 * (webadmin's own route in any body shape, the JMX/CLI {@code setPassword}, the data probe).
 */
class UsersRepositoryPasswordCheckTest {
    private static final String USER = "user@example.local";
    private static final String FILTER = "extensions.routes=org.jameslua.mailets.PasswordCheckRoutes";

    @RegisterExtension
    static JamesLuaServerExtension james = new JamesLuaServerExtension(builder -> builder.confTemplate(withoutFilter())
            .overrideWith(binder -> Multibinder.newSetBinder(binder, GuiceProbe.class)
                    .addBinding()
                    .to(UsersManagementProbe.class)));

    /** What the CLI's {@code SetPassword} calls over JMX: James's UsersRepositoryManagement MBean. */
    public static class UsersManagementProbe implements GuiceProbe {
        private final UsersRepositoryManagement management;

        @Inject
        public UsersManagementProbe(UsersRepositoryManagement management) {
            this.management = management;
        }
    }

    private static WebAdminClient webAdmin;

    private static Path withoutFilter() {
        try {
            return ConfTemplate.bundledWithReplaced(
                    Files.createTempDirectory("conf-no-filter"), "webadmin.properties", Map.of(FILTER, ""));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @BeforeAll
    static void passwordCheck(JamesLuaServer server) throws Exception {
        assertThat(server.workingDirectory().resolve("conf/webadmin.properties"))
                .content()
                .doesNotContain("PasswordCheckRoutes");
        Passwords.installCheck(server);
        webAdmin = new WebAdminClient(server.webAdminPort());
    }

    @Test
    void aRefusedChangeKeepsTheOldPasswordAndAnAcceptedOneTakesEffect(JamesLuaServer server) throws Exception {
        HttpResponse<String> refused = webAdmin.put("/users/" + USER + "?force", body("no digits here"));
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("was refused by PASSWORDCHECK.LUA");
        assertThat(imapLoginWorks(server, USER, "secret")).isTrue();

        assertThat(webAdmin.put("/users/" + USER + "?force", body("digits 42")).statusCode())
                .isEqualTo(204);
        assertThat(imapLoginWorks(server, USER, "digits 42")).isTrue();
        assertThat(imapLoginWorks(server, USER, "secret")).isFalse();
        assertThat(webAdmin.put("/users/" + USER + "?force", body("secret")).statusCode())
                .isEqualTo(400);
    }

    @Test
    void aShortPasswordAsACharacterArrayIsRefused(JamesLuaServer server) throws Exception {
        HttpResponse<String> refused =
                webAdmin.put("/users/short@example.local", "{\"password\":[\"Q\",\"w\",\"3\",\"!\"]}");

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(webAdmin.head("/users/short@example.local").statusCode()).isEqualTo(404);
    }

    @Test
    void theJmxSetPasswordOfTheCliIsChecked(JamesLuaServer server) throws Exception {
        UsersRepositoryManagement management = server.probe(UsersManagementProbe.class).management;
        management.addUser("jmx@example.local", "jmx password 1");

        assertThatThrownBy(() -> management.setPassword("jmx@example.local", "Qw3!"))
                .hasMessageContaining("was refused by PASSWORDCHECK.LUA");
        assertThat(imapLoginWorks(server, "jmx@example.local", "jmx password 1"))
                .isTrue();
        assertThat(imapLoginWorks(server, "jmx@example.local", "Qw3!")).isFalse();

        assertThatThrownBy(() -> management.addUser("jmx2@example.local", "Qw3!"))
                .hasMessageContaining("was refused by PASSWORDCHECK.LUA");
        assertThat(management.listAllUsers()).doesNotContain("jmx2@example.local");

        management.setPassword("jmx@example.local", "jmx password 2");
        assertThat(imapLoginWorks(server, "jmx@example.local", "jmx password 2"))
                .isTrue();
    }

    @Test
    void theDataProbeIsChecked(JamesLuaServer server) throws Exception {
        DataProbeImpl dataProbe = server.probe(DataProbeImpl.class);

        assertThatThrownBy(() -> dataProbe.addUser("probe@example.local", "Qw3!"))
                .hasMessageContaining("was refused by PASSWORDCHECK.LUA");
        assertThat(dataProbe.listUsers()).doesNotContain("probe@example.local");
    }
}
