package org.jameslua.engine.host;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A host kept in plain files of the scripts folder, for the command line and for tests:
 * {@code settings.properties} (global settings), {@code users.txt} (one user per line),
 * {@code aliases.properties} ({@code name = target, target}; a name that is itself an alias is a list) and
 * {@code usersettings/<user>.properties}.
 */
public final class FolderHost implements GlobalSettings, UserDirectory, UserSettings {
    private static final Pattern UNSAFE_IN_FILE_NAME = Pattern.compile("[^a-z0-9._@-]");

    private final Path folder;

    private FolderHost(Path folder) {
        this.folder = folder;
    }

    public static Host in(Path folder) {
        FolderHost host = new FolderHost(folder);
        return new Host(host, host, host);
    }

    @Override
    public synchronized Optional<String> get(String name) {
        return Optional.ofNullable(load(settingsFile()).getProperty(name));
    }

    @Override
    public synchronized boolean set(String name, String value) {
        Properties settings = load(settingsFile());
        if (!settings.containsKey(name)) {
            return false;
        }
        settings.setProperty(name, value);
        store(settings, settingsFile());
        return true;
    }

    @Override
    public synchronized List<String> users() {
        Path file = folder.resolve("users.txt");
        if (!Files.exists(file)) {
            return List.of();
        }
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                    .map(String::trim)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                    .collect(Collectors.toUnmodifiableList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized List<ExpandedAddress> expand(String address, int inMailIndex) {
        List<ExpandedAddress> result = new ArrayList<>();
        expandInto(address.trim(), load(folder.resolve("aliases.properties")), new LinkedHashSet<>(), result);
        return result;
    }

    private void expandInto(String address, Properties aliases, Set<String> seen, List<ExpandedAddress> result) {
        String key = address.toLowerCase(Locale.ROOT);
        String targets = aliases.getProperty(key);
        if (targets == null) {
            String local = key.contains("@") ? key.substring(0, key.indexOf('@')) : key;
            boolean isUser = users().stream().anyMatch(user -> user.equalsIgnoreCase(local));
            result.add(isUser ? ExpandedAddress.localUser(local) : ExpandedAddress.remote(address));
            return;
        }
        if (!seen.add(key)) {
            return;
        }
        boolean list = targets.contains(",");
        if (list) {
            result.add(new ExpandedAddress(address, true, Optional.of(false), false, false));
        }
        for (String target : targets.split(",")) {
            if (!target.isBlank()) {
                expandInto(target.trim(), aliases, seen, result);
            }
        }
    }

    @Override
    public synchronized Optional<String> get(String user, String name) {
        return Optional.ofNullable(load(userFile(user)).getProperty(name));
    }

    /** The user's file read once, for all the settings a message's routing looks up. */
    @Override
    public synchronized Snapshot snapshot(String user) {
        Properties settings = load(userFile(user));
        return name -> Optional.ofNullable(settings.getProperty(name));
    }

    @Override
    public synchronized boolean set(String user, String name, String value) {
        if (!users().isEmpty() && users().stream().noneMatch(known -> known.equalsIgnoreCase(user))) {
            return false;
        }
        Path file = userFile(user);
        Properties settings = load(file);
        settings.setProperty(name, value);
        store(settings, file);
        return true;
    }

    @Override
    public synchronized boolean remove(String user, String name) {
        Path file = userFile(user);
        Properties settings = load(file);
        if (settings.remove(name) != null) {
            store(settings, file);
        }
        return true;
    }

    private Path settingsFile() {
        return folder.resolve("settings.properties");
    }

    private Path userFile(String user) {
        String safe = UNSAFE_IN_FILE_NAME.matcher(user.toLowerCase(Locale.ROOT)).replaceAll("_");
        return folder.resolve("usersettings").resolve(safe + ".properties");
    }

    private static Properties load(Path file) {
        Properties properties = new Properties();
        if (Files.exists(file)) {
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                properties.load(reader);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return properties;
    }

    private static void store(Properties properties, Path file) {
        try {
            Files.createDirectories(file.getParent());
            try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                properties.store(writer, null);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
