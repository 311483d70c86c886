package org.jameslua.server.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.stream.Stream;
import org.jameslua.server.BundledConf;

/**
 * A copy of the bundled configuration template with lines added to some of its files, or text replaced in one,
 * for tests that need configuration the shipped template does not have.
 */
public final class ConfTemplate {
    private ConfTemplate() {}

    /**
     * @param directory  an empty directory to hold the copy
     * @param additions  lines to append, by file name (e.g. {@code "webadmin.properties"})
     */
    public static Path bundledWith(Path directory, Map<String, String> additions) {
        copyBundled(directory);
        try {
            for (Map.Entry<String, String> addition : additions.entrySet()) {
                Files.writeString(
                        directory.resolve(addition.getKey()),
                        "\n" + addition.getValue() + "\n",
                        StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
            }
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A copy with text replaced in one file, e.g. a shorter {@code <delayTime>} in mailetcontainer.xml; each text
     * to replace must be in the file exactly once, so that a change to the operator's file shows here.
     */
    public static Path bundledWithReplaced(Path directory, String file, Map<String, String> replacements) {
        copyBundled(directory);
        try {
            Path target = directory.resolve(file);
            String content = Files.readString(target, StandardCharsets.UTF_8);
            for (Map.Entry<String, String> replacement : replacements.entrySet()) {
                int first = content.indexOf(replacement.getKey());
                if (first < 0 || content.indexOf(replacement.getKey(), first + 1) >= 0) {
                    throw new IllegalArgumentException(file + " does not hold exactly one " + replacement.getKey());
                }
                content = content.replace(replacement.getKey(), replacement.getValue());
            }
            Files.writeString(target, content, StandardCharsets.UTF_8);
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void copyBundled(Path directory) {
        try {
            Path template = BundledConf.defaultTemplate();
            try (Stream<Path> files = Files.walk(template)) {
                for (Path source : (Iterable<Path>) files::iterator) {
                    Path target = directory.resolve(template.relativize(source).toString());
                    if (Files.isDirectory(source)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(source, target);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
