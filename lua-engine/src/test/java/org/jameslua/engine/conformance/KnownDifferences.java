package org.jameslua.engine.conformance;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * {@code known-differences.txt}: one line per known difference, {@code area<TAB>case<TAB>why}, where a case
 * ending in {@code *} stands for every case whose name starts with what comes before it. Lines starting with
 * {@code #} are comments.
 */
final class KnownDifferences {
    private final List<Entry> entries;

    private KnownDifferences(List<Entry> entries) {
        this.entries = entries;
    }

    static KnownDifferences read(Path file) throws IOException {
        List<Entry> entries = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] fields = line.split("\t", 3);
            if (fields.length < 3 || fields[2].isBlank()) {
                throw new IllegalArgumentException("known-differences.txt: not area<TAB>case<TAB>why: " + line);
            }
            entries.add(new Entry(fields[0], fields[1], fields[2]));
        }
        return new KnownDifferences(entries);
    }

    Optional<String> why(String area, String caseName) {
        return entries.stream()
                .filter(entry -> entry.matches(area, caseName))
                .map(Entry::why)
                .findFirst();
    }

    /** The entries of an area that match none of its differing cases. */
    List<String> unused(String area, List<String> differing) {
        return entries.stream()
                .filter(entry -> entry.area().equals(area))
                .filter(entry -> differing.stream().noneMatch(name -> entry.matches(area, name)))
                .map(Entry::caseName)
                .collect(Collectors.toList());
    }

    private static final class Entry {
        private final String area;
        private final String caseName;
        private final String why;

        Entry(String area, String caseName, String why) {
            this.area = area;
            this.caseName = caseName;
            this.why = why;
        }

        String area() {
            return area;
        }

        String caseName() {
            return caseName;
        }

        String why() {
            return why;
        }

        boolean matches(String area, String name) {
            if (!this.area.equals(area)) {
                return false;
            }
            return caseName.endsWith("*")
                    ? name.startsWith(caseName.substring(0, caseName.length() - 1))
                    : caseName.equals(name);
        }
    }
}
