package org.jameslua.smtp.globals;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.apache.james.core.Username;
import org.apache.james.protocols.smtp.SMTPSession;
import org.jameslua.engine.ScriptInstance;
import org.jameslua.smtp.envelope.AllowedUsersAuthHook;
import org.luaj.vm2.LuaValue;

/**
 * The manual's SMTP server globals about who the client is, mapped onto James's relaying decision.
 *
 * <ul>
 *   <li>{@code IPAddress} (IN): the client's address, dotted.</li>
 *   <li>{@code ValidClientAddress} (IN/OUT): the address is in James's {@code authorizedAddresses}.</li>
 *   <li>{@code LocalClientAddress} (IN/OUT): the address may send without SMTP authentication; in James
 *       that is the same {@code authorizedAddresses} test, so it starts equal to ValidClientAddress.</li>
 *   <li>{@code AuthenticationRequired} (IN/OUT): SMTP authentication is needed to relay; starts as the
 *       opposite of LocalClientAddress.</li>
 *   <li>{@code AllowedUsers} (IN/OUT): space-separated user names this client may authenticate as;
 *       {@code ""} (the start value) is no restriction. See {@link AllowedUsersAuthHook}.</li>
 *   <li>{@code AuthenticatedUser} (IN, beyond the manual): the user the client authenticated as with AUTH, as
 *       James names it; {@code ""} until then. Given again before every callback, as AUTH may come at any point.</li>
 * </ul>
 *
 * <p>When a callback changes ValidClientAddress, LocalClientAddress or AuthenticationRequired, relaying for
 * the rest of the session becomes: authenticated, or LocalClientAddress, or ValidClientAddress without
 * AuthenticationRequired. Relaying therefore only ever opens up because the script set the globals that
 * say so; while they are untouched, James's own decision stands.
 */
public final class RelayGlobals {
    static final String IP_ADDRESS = "IPAddress";
    static final String VALID_CLIENT_ADDRESS = "ValidClientAddress";
    static final String LOCAL_CLIENT_ADDRESS = "LocalClientAddress";
    static final String AUTHENTICATION_REQUIRED = "AuthenticationRequired";
    static final String ALLOWED_USERS = "AllowedUsers";
    static final String AUTHENTICATED_USER = "AuthenticatedUser";

    private boolean valid;
    private boolean local;
    private boolean authenticationRequired;
    private String allowedUsers = "";

    public void install(ScriptInstance instance, SMTPSession session) {
        boolean allowed = session.isRelayingAllowed();
        valid = allowed;
        local = allowed;
        authenticationRequired = !allowed;
        instance.set(
                IP_ADDRESS,
                LuaValue.valueOf(session.getRemoteAddress().getAddress().getHostAddress()));
        instance.set(VALID_CLIENT_ADDRESS, LuaValue.valueOf(valid));
        instance.set(LOCAL_CLIENT_ADDRESS, LuaValue.valueOf(local));
        instance.set(AUTHENTICATION_REQUIRED, LuaValue.valueOf(authenticationRequired));
        instance.set(ALLOWED_USERS, LuaValue.valueOf(allowedUsers));
        instance.set(AUTHENTICATED_USER, LuaValue.EMPTYSTRING);
    }

    /** Gives the script who the client is authenticated as, before a callback. */
    public void beforeCall(ScriptInstance instance, SMTPSession session) {
        Username user = session.getUsername();
        instance.set(AUTHENTICATED_USER, user == null ? LuaValue.EMPTYSTRING : LuaValue.valueOf(user.asString()));
    }

    public void readBack(ScriptInstance instance, SMTPSession session, Consumer<String> report) {
        boolean newValid = GlobalValues.bool(instance, VALID_CLIENT_ADDRESS, valid, report);
        boolean newLocal = GlobalValues.bool(instance, LOCAL_CLIENT_ADDRESS, local, report);
        boolean newRequired = GlobalValues.bool(instance, AUTHENTICATION_REQUIRED, authenticationRequired, report);
        allowedUsers = GlobalValues.string(instance, ALLOWED_USERS, allowedUsers, report);
        if (newValid != valid || newLocal != local || newRequired != authenticationRequired) {
            valid = newValid;
            local = newLocal;
            authenticationRequired = newRequired;
            session.setRelayingAllowed(session.getUsername() != null || local || (valid && !authenticationRequired));
        }
    }

    public boolean isLocalClient() {
        return local;
    }

    /** The AllowedUsers names, lower case; empty when any user may authenticate. */
    public List<String> allowedUsers() {
        return Arrays.stream(allowedUsers.trim().split("\\s+"))
                .filter(name -> !name.isEmpty())
                .map(name -> name.toLowerCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableList());
    }
}
