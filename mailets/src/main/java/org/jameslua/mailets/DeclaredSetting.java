package org.jameslua.mailets;

/** One per-user setting a routing script declares in {@code MainGetSettings}, with its default value. */
public record DeclaredSetting(String name, String defaultValue, String description) {
}
