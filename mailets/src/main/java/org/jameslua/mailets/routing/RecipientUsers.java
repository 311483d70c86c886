package org.jameslua.mailets.routing;

import java.util.Optional;
import org.apache.james.core.MailAddress;

/** Which local user, if any, a recipient address is: the user id USER_REDIRECT.LUA is called for. */
public interface RecipientUsers {
    Optional<String> userOf(MailAddress recipient);
}
