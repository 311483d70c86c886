package org.jameslua.engine.host;

import java.util.Objects;

/** What the server behind the engine offers the always-available {@code VPOP3.*} helpers. */
public final class Host {
    private final GlobalSettings settings;
    private final UserDirectory users;
    private final UserSettings userSettings;

    public Host(GlobalSettings settings, UserDirectory users, UserSettings userSettings) {
        this.settings = settings;
        this.users = users;
        this.userSettings = userSettings;
    }

    public GlobalSettings settings() {
        return settings;
    }

    public UserDirectory users() {
        return users;
    }

    public UserSettings userSettings() {
        return userSettings;
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof Host)) {
            return false;
        }
        Host that = (Host) other;
        return Objects.equals(settings, that.settings)
                && Objects.equals(users, that.users)
                && Objects.equals(userSettings, that.userSettings);
    }

    @Override
    public int hashCode() {
        return Objects.hash(settings, users, userSettings);
    }

    @Override
    public String toString() {
        return "Host[settings=" + settings + ", users=" + users + ", userSettings=" + userSettings + "]";
    }
}
