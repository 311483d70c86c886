package org.jameslua.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.jameslua.engine.lib.Sandbox;
import org.junit.jupiter.api.Test;

/**
 * {@code docs/security.md}'s section "The sandbox table" lists exactly {@link Sandbox}'s entries, in its order, with
 * their treatment, bounds and note, so the document cannot drift from what scripts get. When it differs, the rows
 * it should hold are written to {@code target/sandbox-table.md}, to paste over the old ones.
 */
class SandboxDocumentTest {
    private static final Path DOCUMENT =
            Path.of("").toAbsolutePath().resolveSibling("docs").resolve("security.md");
    private static final String SECTION = "## The sandbox table";

    @Test
    void theDocumentListsExactlyTheTable() throws IOException {
        List<String> expected =
                Sandbox.entries().stream().map(SandboxDocumentTest::row).collect(Collectors.toList());
        Files.write(Path.of("target", "sandbox-table.md"), expected);

        assertThat(documentedRows())
                .as("rows of '" + SECTION + "' in " + DOCUMENT + " (the expected rows are in target/sandbox-table.md)")
                .isEqualTo(expected);
    }

    private static List<String> documentedRows() throws IOException {
        List<String> lines = Files.readAllLines(DOCUMENT);
        int start = lines.indexOf(SECTION);
        assertThat(start).as(SECTION + " in " + DOCUMENT).isNotNegative();
        return lines.subList(start + 1, lines.size()).stream()
                .takeWhile(line -> !line.startsWith("## "))
                .filter(line -> line.startsWith("| `"))
                .collect(Collectors.toList());
    }

    private static String row(Sandbox.Entry entry) {
        String bounds = entry.bounds().stream().map(Sandbox.Bound::text).collect(Collectors.joining(", "));
        return "| `" + entry.qualifiedName() + "` | " + entry.treatment().text() + " | " + bounds + " | " + entry.note()
                + " |";
    }
}
