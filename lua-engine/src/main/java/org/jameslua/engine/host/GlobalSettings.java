package org.jameslua.engine.host;

import java.util.Optional;

/** The server's global settings, as {@code VPOP3.GetSetting} and {@code VPOP3.SetSetting} see them. */
public interface GlobalSettings {
    Optional<String> get(String name);

    /** Changes an existing setting; returns false, changing nothing, when there is no such setting. */
    boolean set(String name, String value);
}
