package org.jameslua.james;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.jameslua.james.LuaPackSettings.Key;
import org.junit.jupiter.api.Test;

/**
 * The sample {@code james-lua.properties} an operator copies and the settings table of {@code docs/operators.md}
 * list exactly the keys {@link LuaPackSettings} reads, in its order, with its defaults and meanings.
 */
class SettingsDocumentedTest {
    private static final Path REPOSITORY = Path.of("..");

    @Test
    void theSampleFileListsEveryKeyWithItsDefaultAndMeaning() throws IOException {
        List<String> lines = Files.readAllLines(REPOSITORY.resolve("conf-samples/james-conf/james-lua.properties"));
        List<String> entries = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String name = line.substring(0, line.indexOf('=')).trim();
            String value = line.substring(line.indexOf('=') + 1).trim();
            if (name.startsWith(GlobalSettingDeclarations.PREFIX)) {
                if (entries.contains(Key.GLOBAL_SETTING.key())) {
                    continue;
                }
                name = Key.GLOBAL_SETTING.key();
                value = "";
            }
            entries.add(name);
            entries.add(value);
            entries.add(commentAbove(lines, i));
        }

        assertThat(entries)
                .containsExactlyElementsOf(Arrays.stream(Key.values())
                        .flatMap(key -> List.of(key.key(), key.defaultValue(), key.meaning()).stream())
                        .collect(Collectors.toList()));
    }

    @Test
    void theOperatorsGuideTableListsEveryKeyWithItsDefaultTypeAndMeaning() throws IOException {
        List<String> rows = Files.readAllLines(REPOSITORY.resolve("docs/operators.md")).stream()
                .dropWhile(line -> !line.equals("| key | default | type | meaning |"))
                .skip(2)
                .takeWhile(line -> line.startsWith("|"))
                .collect(Collectors.toList());

        assertThat(rows)
                .containsExactlyElementsOf(Arrays.stream(Key.values())
                        .map(key -> "| `" + key.key() + "` | "
                                + (key.defaultValue().isEmpty() ? "" : "`" + key.defaultValue() + "`") + " | "
                                + key.type() + " | " + key.meaning() + " |")
                        .collect(Collectors.toList()));
    }

    /** The comment lines right above line {@code index}, joined into one text. */
    private static String commentAbove(List<String> lines, int index) {
        int first = index;
        while (first > 0 && lines.get(first - 1).startsWith("#")) {
            first--;
        }
        return lines.subList(first, index).stream()
                .map(line -> line.replaceFirst("^# ?", ""))
                .collect(Collectors.joining(" "));
    }
}
