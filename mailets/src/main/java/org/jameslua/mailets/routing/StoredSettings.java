package org.jameslua.mailets.routing;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.jameslua.engine.host.UserSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One user's stored settings, as {@code VPOP3.GetUserSetting} reads them, read once for the message
 * ({@link UserSettings#snapshot}). A setting the storage cannot give (unset, unreadable, not a valid value) is
 * taken as unset, so that routing falls back to its defaults rather than failing the message.
 */
public final class StoredSettings {
    private static final Logger LOGGER = LoggerFactory.getLogger(StoredSettings.class);
    private static final Set<String> TRUE = Set.of("true", "yes", "on", "1");

    private final UserSettings.Snapshot settings;
    private final String user;

    public StoredSettings(UserSettings settings, String user) {
        this.settings = snapshot(settings, user);
        this.user = user;
    }

    private static UserSettings.Snapshot snapshot(UserSettings settings, String user) {
        try {
            return settings.snapshot(user);
        } catch (RuntimeException e) {
            LOGGER.warn("Cannot read the settings of user {}; using their defaults", user, e);
            return name -> Optional.empty();
        }
    }

    Optional<String> get(String name) {
        try {
            return settings.get(name);
        } catch (RuntimeException e) {
            LOGGER.warn("Cannot read setting {} of user {}; using its default", name, user, e);
            return Optional.empty();
        }
    }

    String string(String name, String fallback) {
        return get(name).orElse(fallback);
    }

    /** {@code true}, {@code yes}, {@code on} or {@code 1} in any case is true; any other stored text is false. */
    boolean bool(String name, boolean fallback) {
        return get(name)
                .map(value -> TRUE.contains(value.strip().toLowerCase(Locale.ROOT)))
                .orElse(fallback);
    }

    double number(String name, double fallback) {
        try {
            return get(name).map(value -> Double.parseDouble(value.strip())).orElse(fallback);
        } catch (NumberFormatException e) {
            LOGGER.warn("Setting {} of user {} is not a number; using {}", name, user, fallback);
            return fallback;
        }
    }
}
