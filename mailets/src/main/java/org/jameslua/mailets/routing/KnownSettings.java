package org.jameslua.mailets.routing;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The per-user settings an operator may set for a user: those the pack reads itself (USER_REDIRECT.LUA's routing
 * globals, see {@link RoutingGlobals}) and those the scripts of the folder declare with
 * {@code MainGetSettings()} ({@link DeclaredSettings}). Anything else, the user's password above all, is not a
 * setting. Names are matched in any case, as the settings store does.
 */
public final class KnownSettings {
    private static final Set<String> BOOLEANS = Set.of("true", "false", "yes", "no", "on", "off", "1", "0");

    /** The kind of value a setting takes, as {@link StoredSettings} reads it. */
    enum Kind {
        TEXT,
        BOOLEAN,
        NUMBER
    }

    private final Map<String, Kind> byLowerName;
    private final Map<String, String> spelling;

    private KnownSettings(Map<String, Kind> kinds) {
        this.byLowerName = new LinkedHashMap<>();
        this.spelling = new LinkedHashMap<>();
        kinds.forEach((name, kind) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            byLowerName.putIfAbsent(lower, kind);
            spelling.putIfAbsent(lower, name);
        });
    }

    /** The routing settings and what the folder's scripts declare now. */
    public static KnownSettings of(DeclaredSettingsCache declaredSettings) {
        Map<String, Kind> kinds = new LinkedHashMap<>(RoutingGlobals.STORED_SETTINGS);
        for (String script : declaredSettings.engine().folder().scriptNames()) {
            for (DeclaredSetting declared : declaredSettings.of(script)) {
                kinds.putIfAbsent(declared.name(), Kind.TEXT);
            }
        }
        return new KnownSettings(kinds);
    }

    /** The setting's own spelling; empty for a name that is no setting. */
    public Optional<String> name(String name) {
        return Optional.ofNullable(spelling.get(name.toLowerCase(Locale.ROOT)));
    }

    public Iterable<String> names() {
        return spelling.values();
    }

    /** Why the value does not suit the setting; empty when it does. */
    public Optional<String> problem(String name, String value) {
        switch (byLowerName.get(name.toLowerCase(Locale.ROOT))) {
            case BOOLEAN:
                return BOOLEANS.contains(value.strip().toLowerCase(Locale.ROOT))
                        ? Optional.empty()
                        : Optional.of(name + " takes true or false (also yes/no, on/off, 1/0), not '" + value + "'");
            case NUMBER:
                return isNonNegativeNumber(value)
                        ? Optional.empty()
                        : Optional.of(name + " takes a number of 0 or more, not '" + value + "'");
            default:
                return Optional.empty();
        }
    }

    private static boolean isNonNegativeNumber(String value) {
        try {
            double number = Double.parseDouble(value.strip());
            return number >= 0 && Double.isFinite(number);
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
