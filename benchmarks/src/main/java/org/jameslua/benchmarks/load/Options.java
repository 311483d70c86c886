package org.jameslua.benchmarks.load;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/** {@code --name value} and {@code --flag} arguments; an unknown or repeated name is refused. */
final class Options {
    private final Map<String, String> values = new HashMap<>();

    Options(String[] args) {
        this(args, Set.of());
    }

    Options(String[] args, Set<String> flags) {
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --name, got " + args[i]);
            }
            String name = args[i].substring(2);
            String value = flags.contains(name) ? "true" : (i + 1 < args.length ? args[++i] : null);
            if (value == null || values.put(name, value) != null) {
                throw new IllegalArgumentException("--" + name + ": missing or repeated value");
            }
        }
    }

    void allow(Set<String> names) {
        for (String name : values.keySet()) {
            if (!names.contains(name)) {
                throw new IllegalArgumentException("unknown option --" + name + "; known: " + names);
            }
        }
    }

    boolean flag(String name) {
        return values.containsKey(name);
    }

    String text(String name, String otherwise) {
        return values.getOrDefault(name, otherwise);
    }

    int integer(String name) {
        String value = values.get(name);
        if (value == null) {
            throw new IllegalArgumentException("--" + name + " is required");
        }
        return Integer.parseInt(value);
    }

    int integer(String name, int otherwise) {
        return values.containsKey(name) ? integer(name) : otherwise;
    }

    List<Integer> integers(String name, String otherwise) {
        return Stream.of(text(name, otherwise).split(","))
                .map(String::trim)
                .map(Integer::valueOf)
                .toList();
    }

    List<String> words(String name, String otherwise) {
        return Stream.of(text(name, otherwise).split(",")).map(String::trim).toList();
    }

    /** A value of words separated by spaces (JVM options, say); none when the option is absent. */
    List<String> spaced(String name) {
        return Stream.of(text(name, "").trim().split(" +"))
                .filter(word -> !word.isEmpty())
                .toList();
    }
}
