package org.jameslua.engine.host;

import java.util.Optional;

/** Per-user settings, as {@code VPOP3.GetUserSetting} and {@code VPOP3.SetUserSetting} see them. */
public interface UserSettings {
    Optional<String> get(String user, String name);

    /** Returns false when the setting could not be stored (no such user, storage failure). */
    boolean set(String user, String name, String value);

    /** Unsets a setting, so that its readers use their default; returns false when it could not be removed. */
    boolean remove(String user, String name);

    /**
     * One user's settings as they are now, for a host that looks up many of them for one message (USER_REDIRECT.LUA's
     * routing globals): a store that can read them all at once overrides this to do so.
     */
    default Snapshot snapshot(String user) {
        return name -> get(user, name);
    }

    /** Settings of one user, by name, as {@link #get} answers them. */
    interface Snapshot {
        Optional<String> get(String name);
    }
}
