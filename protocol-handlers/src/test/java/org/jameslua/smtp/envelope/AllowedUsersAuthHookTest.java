package org.jameslua.smtp.envelope;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.apache.james.core.Username;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.jameslua.smtp.session.ScriptedSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * AllowedUsers as James's AUTH handler sees it: DENY is its {@code 535 Authentication Failed}, DECLINED lets
 * James check the password.
 */
class AllowedUsersAuthHookTest {
    @TempDir
    Path folder;

    private ScriptedSession session;

    @AfterEach
    void close() {
        session.close();
    }

    @Test
    void onlyTheListedUsersMayAuthenticateByWholeNameOrLocalPartInAnyCase() throws Exception {
        allowed("bob Carol@Example.org");
        AllowedUsersAuthHook hook = new AllowedUsersAuthHook();

        assertThat(hook.doAuth(session.smtp(), Username.of("bob"), "secret")).isEqualTo(HookResult.DECLINED);
        assertThat(hook.doAuth(session.smtp(), Username.of("BOB@other.example"), "secret"))
                .isEqualTo(HookResult.DECLINED);
        assertThat(hook.doAuth(session.smtp(), Username.of("carol@example.org"), "secret"))
                .isEqualTo(HookResult.DECLINED);
        assertThat(hook.doAuth(session.smtp(), Username.of("dave@example.org"), "secret"))
                .isEqualTo(HookResult.DENY);
        assertThat(hook.doAuth(session.smtp(), Username.of("carol@other.example"), "secret"))
                .as("carol@example.org is listed whole: carol of another domain is not")
                .isEqualTo(HookResult.DENY);
    }

    @Test
    void anOAuthLoginIsRefusedWhileARestrictionHolds() throws Exception {
        allowed("bob");

        assertThat(new AllowedUsersAuthHook().doSasl(session.smtp(), null, "token"))
                .isEqualTo(HookResult.DENY);
    }

    @Test
    void withoutARestrictionJamesDecides() throws Exception {
        allowed("");
        AllowedUsersAuthHook hook = new AllowedUsersAuthHook();

        assertThat(hook.doAuth(session.smtp(), Username.of("dave"), "secret")).isEqualTo(HookResult.DECLINED);
        assertThat(hook.doSasl(session.smtp(), null, "token")).isEqualTo(HookResult.DECLINED);
    }

    private void allowed(String names) throws Exception {
        session = ScriptedSession.start(folder, "function Restrict() AllowedUsers = '" + names + "' end\n");
        session.script().ask("Restrict", values -> null);
    }
}
