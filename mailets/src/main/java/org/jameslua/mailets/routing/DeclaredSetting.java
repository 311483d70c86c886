package org.jameslua.mailets.routing;

import java.util.Objects;

/** One per-user setting a routing script declares in {@code MainGetSettings}, with its default value. */
public final class DeclaredSetting {
    private final String name;
    private final String defaultValue;
    private final String description;

    public DeclaredSetting(String name, String defaultValue, String description) {
        this.name = name;
        this.defaultValue = defaultValue;
        this.description = description;
    }

    public String name() {
        return name;
    }

    public String defaultValue() {
        return defaultValue;
    }

    public String description() {
        return description;
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof DeclaredSetting)) {
            return false;
        }
        DeclaredSetting that = (DeclaredSetting) other;
        return Objects.equals(name, that.name)
                && Objects.equals(defaultValue, that.defaultValue)
                && Objects.equals(description, that.description);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, defaultValue, description);
    }

    @Override
    public String toString() {
        return "DeclaredSetting[name=" + name + ", defaultValue=" + defaultValue + ", description=" + description + "]";
    }
}
