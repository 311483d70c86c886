package org.jameslua.mailets.routing;

import java.util.Optional;
import org.apache.james.core.MailAddress;
import org.apache.james.core.Username;
import org.apache.james.user.api.UsersRepository;
import org.apache.james.user.api.UsersRepositoryException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Local users as James's users repository knows them. The user id is James's user name: the whole address
 * with virtual hosting (James's default), the local part without it.
 */
public final class JamesRecipientUsers implements RecipientUsers {
    private static final Logger LOGGER = LoggerFactory.getLogger(JamesRecipientUsers.class);

    private final UsersRepository users;

    public JamesRecipientUsers(UsersRepository users) {
        this.users = users;
    }

    @Override
    public Optional<String> userOf(MailAddress recipient) {
        try {
            Username username = users.getUsername(recipient);
            return users.contains(username) ? Optional.of(username.asString()) : Optional.empty();
        } catch (UsersRepositoryException e) {
            LOGGER.warn("Cannot tell whether {} is a local user; it is delivered without routing", recipient, e);
            return Optional.empty();
        }
    }
}
