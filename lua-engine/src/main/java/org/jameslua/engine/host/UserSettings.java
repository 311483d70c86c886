package org.jameslua.engine.host;

import java.util.Optional;

/** Per-user settings, as {@code VPOP3.GetUserSetting} and {@code VPOP3.SetUserSetting} see them. */
public interface UserSettings {
    Optional<String> get(String user, String name);

    /** Returns false when the setting could not be stored (no such user, storage failure). */
    boolean set(String user, String name, String value);
}
