package org.jameslua.engine.host;

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
}
