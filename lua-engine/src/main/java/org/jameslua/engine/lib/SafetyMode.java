package org.jameslua.engine.lib;

import java.util.Objects;

/**
 * VPOP3's safety mode for one instance: {@code os.setsafety(key)} turns it on, only
 * {@code os.clearsafety(key)} with the same key turns it off. A host runs user-written scripts with a
 * key the script never sees.
 */
public final class SafetyMode {
    private String key;

    public boolean isOn() {
        return key != null;
    }

    /** @return false when safety mode is already on under another key (a new key would let the caller clear it) */
    public boolean turnOn(String newKey) {
        Objects.requireNonNull(newKey);
        if (key != null && !key.equals(newKey)) {
            return false;
        }
        key = newKey;
        return true;
    }

    /** @return false, leaving safety mode on, unless the key is the one it was turned on with */
    public boolean turnOff(String givenKey) {
        if (key == null) {
            return true;
        }
        if (!key.equals(givenKey)) {
            return false;
        }
        key = null;
        return true;
    }
}
