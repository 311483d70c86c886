package org.jameslua.smtp.envelope;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.james.core.Username;
import org.apache.james.protocols.api.OidcSASLConfiguration;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.AuthHook;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.jameslua.smtp.session.ScriptSession;

/**
 * AllowedUsers: when the script leaves it non-empty, AUTH succeeds only for the names it lists, before James
 * checks the password. A name matches the whole user name or its part before {@code @}, in any case. The
 * refusal is James's usual {@code 535 Authentication Failed}, so it tells nothing about the password.
 * OAuth (SASL) logins name their user only inside the token, so they are refused while a restriction holds.
 */
public class AllowedUsersAuthHook implements AuthHook {
    @Override
    public HookResult doAuth(SMTPSession session, Username username, String password) {
        Optional<List<String>> allowed = restriction(session);
        if (allowed.isEmpty()) {
            return HookResult.DECLINED;
        }
        String name = username.asString().toLowerCase(Locale.ROOT);
        String localPart = username.getLocalPart().toLowerCase(Locale.ROOT);
        return allowed.get().contains(name) || allowed.get().contains(localPart)
                ? HookResult.DECLINED
                : HookResult.DENY;
    }

    @Override
    public HookResult doSasl(SMTPSession session, OidcSASLConfiguration configuration, String initialResponse) {
        return restriction(session).isPresent() ? HookResult.DENY : HookResult.DECLINED;
    }

    private static Optional<List<String>> restriction(SMTPSession session) {
        return ScriptSession.of(session)
                .map(scriptSession -> scriptSession.relay().allowedUsers())
                .filter(names -> !names.isEmpty());
    }
}
