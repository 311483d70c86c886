package org.jameslua.engine.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jameslua.engine.cli.RunScriptCommand;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The conformance suite ({@code src/test/conformance}): each area's cases run as a script through the engine, as
 * {@code bin/james-lua-run} runs one, and every case's printed result is compared with what Debian's Lua 5.2
 * (lua5.1 for the 5.0 dialect) printed when {@code record.sh} recorded it. A case that differs fails its area
 * unless {@code known-differences.txt} lists it, with the reason; an entry that no longer matches a difference
 * fails too, so the list stays true. What the engine printed is left in {@code target/conformance}. Cases run with the default time zone UTC, as they were recorded.
 */
class ConformanceSuiteTest {
    static final Path SUITE = Path.of("src/test/conformance");
    static final Path ACTUAL = Path.of("target/conformance");

    @TempDir
    Path folder;

    @TestFactory
    Stream<DynamicTest> everyAreaAgreesWithTheReferenceSaveItsKnownDifferences() throws IOException {
        KnownDifferences known = KnownDifferences.read(SUITE.resolve("known-differences.txt"));
        try (Stream<Path> files = Files.list(SUITE.resolve("expected"))) {
            return files
                    .sorted()
                    .map(expected -> {
                        String area = expected.getFileName().toString().replaceFirst("\\.txt$", "");
                        return DynamicTest.dynamicTest(area, () -> checkArea(area, expected, known));
                    })
                    .collect(Collectors.toList())
                    .stream();
        }
    }

    private void checkArea(String area, Path expectedFile, KnownDifferences known) throws IOException {
        Map<String, String> expected = results(Files.readAllLines(expectedFile, StandardCharsets.ISO_8859_1));
        List<String> output = run(area);
        // kept for a person to diff against the expected file
        Files.createDirectories(ACTUAL);
        Files.write(ACTUAL.resolve(area + ".txt"), output, StandardCharsets.ISO_8859_1);
        Map<String, String> actual = results(output);
        List<String> unexplained = new ArrayList<>();
        List<String> differing = new ArrayList<>();
        expected.forEach((name, result) -> {
            String got = actual.getOrDefault(name, "(not run)");
            if (!got.equals(result)) {
                differing.add(name);
                if (known.why(area, name).isEmpty()) {
                    unexplained.add(name + "\n    Lua:    " + result + "\n    engine: " + got);
                }
            }
        });
        System.out.printf(
                "conformance %-12s %5d cases %5d known differences%n", area, expected.size(), differing.size());
        assertThat(unexplained)
                .as("cases of %s that differ from the reference and are not in known-differences.txt", area)
                .isEmpty();
        assertThat(known.unused(area, differing))
                .as(
                        "entries of known-differences.txt for %s that match no" + " difference any more (remove them)",
                        area)
                .isEmpty();
    }

    /** Runs one area's file in a copy of the cases folder, with the default time zone UTC; returns what it printed. */
    private List<String> run(String area) throws IOException {
        copy(SUITE.resolve("cases"), folder);
        TimeZone zone = TimeZone.getDefault();
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        try {
            TimeZone.setDefault(TimeZone.getTimeZone("UTC"));
            new RunScriptCommand(new PrintStream(console, true, StandardCharsets.UTF_8), folder)
                    .run(List.of("--folder", folder.toString(), area + ".lua"));
        } finally {
            TimeZone.setDefault(zone);
        }
        Path out = folder.resolve("LUA.OUT");
        List<String> lines = Files.exists(out) ? Files.readAllLines(out, StandardCharsets.ISO_8859_1) : List.of();
        Files.deleteIfExists(out);
        if (lines.isEmpty()) {
            lines = List.of("(the script printed nothing)\t! " + console.toString(StandardCharsets.UTF_8));
        }
        return lines;
    }

    private static Map<String, String> results(List<String> lines) {
        Map<String, String> results = new LinkedHashMap<>();
        for (String line : lines) {
            int tab = line.indexOf('\t');
            results.put(tab < 0 ? line : line.substring(0, tab), tab < 0 ? "" : line.substring(tab + 1));
        }
        return results;
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            paths.forEach(path -> {
                Path target = to.resolve(from.relativize(path).toString());
                try {
                    if (Files.isDirectory(path)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(path, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
