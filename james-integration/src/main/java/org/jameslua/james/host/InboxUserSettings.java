package org.jameslua.james.host;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.james.core.Username;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.mailbox.model.MailboxAnnotationKey;
import org.apache.james.mailbox.model.MailboxPath;
import org.apache.james.user.api.UsersRepository;
import org.apache.james.user.api.UsersRepositoryException;
import org.jameslua.engine.LogText;
import org.jameslua.engine.host.UserSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code VPOP3.GetUserSetting} / {@code SetUserSetting}: each setting is an RFC 5464 annotation of the user's
 * INBOX ({@link SettingKeys}), which the user can also read and change over IMAP with GETMETADATA and
 * SETMETADATA. The user name is James's (the whole address with virtual hosting); a user James does not know
 * has no settings. Setting one creates the INBOX when the user never had one.
 *
 * <p>James limits annotations per mailbox (10 by default, with at most 1024 characters per value): a setting
 * beyond that is not stored, and {@code SetUserSetting} answers false.
 */
public final class InboxUserSettings implements UserSettings {
    private static final Logger LOGGER = LoggerFactory.getLogger(InboxUserSettings.class);

    private final UsersRepository users;
    private final MailboxAnnotations annotations;

    public InboxUserSettings(UsersRepository users, MailboxManager mailboxManager) {
        this.users = users;
        this.annotations = new MailboxAnnotations(mailboxManager);
    }

    @Override
    public Optional<String> get(String user, String name) {
        Optional<Username> username = knownUser(user);
        Optional<MailboxAnnotationKey> key = SettingKeys.of(name);
        if (username.isEmpty() || key.isEmpty()) {
            return Optional.empty();
        }
        try {
            return annotations.read(MailboxPath.inbox(username.get()), key.get());
        } catch (MailboxException e) {
            throw new IllegalStateException(
                    "cannot read setting '" + name + "' of user " + user + ": " + e.getMessage(), e);
        }
    }

    /** Every setting of the user in one read of the INBOX's annotations, rather than one read per name. */
    @Override
    public Snapshot snapshot(String user) {
        Optional<Username> username = knownUser(user);
        if (username.isEmpty()) {
            return name -> Optional.empty();
        }
        Map<MailboxAnnotationKey, String> stored;
        try {
            stored = annotations.readAll(MailboxPath.inbox(username.get()));
        } catch (MailboxException e) {
            throw new IllegalStateException("cannot read the settings of user " + user + ": " + e.getMessage(), e);
        }
        if (stored.isEmpty()) {
            // most users never set anything: nothing is worked out for each setting routing asks for
            return name -> Optional.empty();
        }
        // looked up by the entry's last component: James's MailboxAnnotationKey checks every name it is made of (a
        // split and a character scan), which for the dozen settings routing asks per recipient showed in profiles
        Map<String, String> byComponent = new HashMap<>();
        stored.forEach((key, value) -> {
            String entry = key.asString();
            if (entry.startsWith(SettingKeys.PREFIX)) {
                byComponent.put(entry.substring(SettingKeys.PREFIX.length()), value);
            }
        });
        return name -> SettingKeys.component(name).map(byComponent::get);
    }

    @Override
    public boolean set(String user, String name, String value) {
        try {
            Optional<Username> username = knownUser(user);
            Optional<MailboxAnnotationKey> key = SettingKeys.of(name);
            if (username.isEmpty() || key.isEmpty()) {
                return false;
            }
            annotations.write(MailboxPath.inbox(username.get()), key.get(), value);
            return true;
        } catch (MailboxException | RuntimeException e) {
            LOGGER.warn("Setting '{}' of user {} was not stored", LogText.escape(name), user, e);
            return false;
        }
    }

    @Override
    public boolean remove(String user, String name) {
        try {
            Optional<Username> username = knownUser(user);
            Optional<MailboxAnnotationKey> key = SettingKeys.of(name);
            if (username.isEmpty() || key.isEmpty()) {
                return false;
            }
            annotations.remove(MailboxPath.inbox(username.get()), key.get());
            return true;
        } catch (MailboxException | RuntimeException e) {
            LOGGER.warn("Setting '{}' of user {} was not removed", name, user, e);
            return false;
        }
    }

    private Optional<Username> knownUser(String user) {
        try {
            Username username = Username.of(user);
            return users.contains(username) ? Optional.of(username) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        } catch (UsersRepositoryException e) {
            throw new IllegalStateException("cannot tell whether " + user + " is a user: " + e.getMessage(), e);
        }
    }
}
