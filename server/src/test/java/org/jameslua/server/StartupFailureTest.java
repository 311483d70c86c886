package org.jameslua.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A broken template must surface as an exception from start(), not as a System.exit of the test JVM. */
class StartupFailureTest {

    @TempDir
    Path template;

    @TempDir
    Path workingDirectory;

    @Test
    void startFailsWithJamesReasonWhenTheMandatoryBccRemovalIsMissing() throws IOException {
        copyBundledTemplateWithout("<mailet match=\"All\" class=\"RemoveMimeHeader\">");

        assertThatThrownBy(() -> JamesLuaServer.builder()
                        .confTemplate(template)
                        .workingDirectory(workingDirectory)
                        .start())
                .hasStackTraceContaining("Should be configured to remove Bcc header");
        assertThat(workingDirectory.resolve("conf/mailetcontainer.xml")).exists();
    }

    @Test
    void startFailsNamingTheSettingWhenABoundInJamesLuaPropertiesCannotBeUsed() {
        assertThatThrownBy(() -> JamesLuaServer.builder()
                        .workingDirectory(workingDirectory)
                        .packSetting("limit.coroutines", "0")
                        .start())
                .hasStackTraceContaining("limit.coroutines must be a whole number from 1 to 2147483647, not '0'");
    }

    private void copyBundledTemplateWithout(String mailetStart) throws IOException {
        Path bundled = BundledConf.defaultTemplate();
        try (Stream<Path> files = Files.list(bundled)) {
            for (Path file : files.toList()) {
                List<String> lines = Files.readAllLines(file);
                Files.write(template.resolve(file.getFileName().toString()), withoutMailet(lines, mailetStart));
            }
        }
    }

    private static List<String> withoutMailet(List<String> lines, String mailetStart) {
        int start = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(mailetStart)) {
                start = i;
            } else if (start >= 0 && lines.get(i).contains("</mailet>")) {
                return Stream.concat(lines.subList(0, start).stream(), lines.subList(i + 1, lines.size()).stream())
                        .toList();
            }
        }
        return lines;
    }
}
