package org.jameslua.engine.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jameslua.engine.CallResult;
import org.jameslua.engine.Limits;
import org.jameslua.engine.ScriptFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.luaj.vm2.LuaValue;

/**
 * Numbers as text and {@code string.format}, case by case as Debian's lua5.2 gave them: the cases, the script
 * that evaluates them and the recorded outcomes are in {@code src/test/conformance/format} (see its
 * {@code record.sh}). A case may differ from lua5.2 only as {@code differences.txt} lists, with its reason.
 */
class FormatConformanceTest {
    private static final Path SUITE = Path.of("src/test/conformance/format");

    @RegisterExtension
    final ScriptFixture scripts = new ScriptFixture();

    @Test
    void everyCaseGivesWhatLua52GaveOrItsDocumentedDifference() throws IOException {
        List<String> cases = Files.readAllLines(SUITE.resolve("cases.txt"), StandardCharsets.ISO_8859_1);
        List<String> expected = Files.readAllLines(SUITE.resolve("expected.txt"), StandardCharsets.ISO_8859_1);
        Map<String, String> differences = differences();
        assertThat(cases).hasSize(expected.size()).hasSizeGreaterThan(1000);

        List<String> ours = evaluate(String.join("\n", cases) + "\n");

        List<String> mismatches = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            String wanted = differences.getOrDefault(cases.get(i), expected.get(i));
            if (!ours.get(i).equals(wanted)) {
                mismatches.add(cases.get(i) + "\n    lua5.2: " + expected.get(i) + "\n    ours:   " + ours.get(i));
            }
        }
        assertThat(mismatches)
                .as("cases that differ from lua5.2 without a documented reason")
                .isEmpty();
        assertThat(differences.keySet())
                .as("documented differences that are not cases")
                .isSubsetOf(cases);
    }

    private List<String> evaluate(String cases) throws IOException {
        scripts.write("FORMAT.LUA", Files.readString(SUITE.resolve("evaluate.lua"), StandardCharsets.UTF_8));
        Limits limits = Limits.defaults().withWallTime(Duration.ofMinutes(2));
        CallResult result = scripts.engine(limits)
                .newInstance("FORMAT.LUA")
                .call("Evaluate", LuaValue.valueOf(cases.getBytes(StandardCharsets.ISO_8859_1)));
        assertThat(result).isInstanceOf(CallResult.Returned.class);
        String text = ((CallResult.Returned) result).values().arg1().tojstring();
        return List.of(text.split("\n", -1))
                .subList(0, (int) text.chars().filter(c -> c == '\n').count());
    }

    /** Case, tab, our outcome, tab, why it differs; lines starting with # are comments. */
    private static Map<String, String> differences() throws IOException {
        Map<String, String> differences = new LinkedHashMap<>();
        for (String line : Files.readAllLines(SUITE.resolve("differences.txt"), StandardCharsets.ISO_8859_1)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] fields = line.split("\t");
            assertThat(fields).as("case, outcome and reason: " + line).hasSize(3);
            differences.put(fields[0], fields[1]);
        }
        return differences;
    }
}
