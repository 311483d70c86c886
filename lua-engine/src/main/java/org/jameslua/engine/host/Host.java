package org.jameslua.engine.host;

/** What the server behind the engine offers the always-available {@code VPOP3.*} helpers. */
public record Host(GlobalSettings settings, UserDirectory users, UserSettings userSettings) {
}
