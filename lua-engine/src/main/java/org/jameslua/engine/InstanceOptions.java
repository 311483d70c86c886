package org.jameslua.engine;

import java.util.Optional;

/**
 * How the host runs a new instance.
 *
 * @param safetyMode on from the start, under a key the script never sees: for scripts users wrote
 * @param owner      the user a user script belongs to; in safety mode it may touch only that user's settings
 * @param limits     bounds other than the engine's defaults
 */
public final class InstanceOptions {
    private final boolean safetyMode;
    private final Optional<String> owner;
    private final Optional<Limits> limits;

    public InstanceOptions(boolean safetyMode, Optional<String> owner, Optional<Limits> limits) {
        this.safetyMode = safetyMode;
        this.owner = owner;
        this.limits = limits;
    }

    public static InstanceOptions defaults() {
        return new InstanceOptions(false, Optional.empty(), Optional.empty());
    }

    /** A user's own script: safety mode on, confined to that user's settings. */
    public static InstanceOptions userScript(String owner) {
        return new InstanceOptions(true, Optional.of(owner), Optional.empty());
    }

    public InstanceOptions withLimits(Limits value) {
        return new InstanceOptions(safetyMode, owner, Optional.of(value));
    }

    public boolean safetyMode() {
        return safetyMode;
    }

    public Optional<String> owner() {
        return owner;
    }

    public Optional<Limits> limits() {
        return limits;
    }
}
