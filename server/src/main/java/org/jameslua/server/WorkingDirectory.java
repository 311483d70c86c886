package org.jameslua.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Lays out a James working directory: {@code conf/} from a template directory with {@code ${NAME}} placeholders
 * replaced, {@code extensions-jars/} holding the given jars, which James then loads through its
 * ExtendedClassLoader exactly as in a production deployment, and the scripts folder.
 */
public final class WorkingDirectory {

    // Upper-case only, so commons-configuration's own ${sys:...} / ${env:...} lookups pass through untouched.
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)}");

    private WorkingDirectory() {}

    public static void prepare(Path root, Path confTemplate, Map<String, String> placeholders, List<Path> extensionJars)
            throws IOException {
        if (!Files.isDirectory(confTemplate)) {
            throw new IOException("Configuration template is not a directory: " + confTemplate);
        }
        copyConf(confTemplate, root.resolve("conf"), placeholders);
        Path jarsDir = Files.createDirectories(root.resolve("extensions-jars"));
        for (Path jar : extensionJars) {
            Files.copy(jar, jarsDir.resolve(jar.getFileName().toString()), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /**
     * Creates the scripts folder as a copy of the samples, the editor's definitions in library/ included. A folder
     * that exists already (a kept working directory) is left as it is: it holds the administrator's own edits.
     */
    public static void seedScripts(Path scripts, Path samples) throws IOException {
        if (Files.exists(scripts)) {
            return;
        }
        Files.createDirectories(scripts);
        try (Stream<Path> files = Files.walk(samples)) {
            for (Path sample : (Iterable<Path>) files::iterator) {
                // toString(): the samples may live inside a jar, on another FileSystem than the target
                Path target = scripts.resolve(samples.relativize(sample).toString());
                if (Files.isDirectory(sample)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(sample, target);
                }
            }
        }
    }

    private static void copyConf(Path template, Path conf, Map<String, String> placeholders) throws IOException {
        try (Stream<Path> files = Files.walk(template)) {
            for (Path source : (Iterable<Path>) files::iterator) {
                // toString(): the template may live inside a jar, on another FileSystem than the target
                Path target = conf.resolve(template.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else if (isTextConfiguration(source)) {
                    String text = Files.readString(source, StandardCharsets.UTF_8);
                    Files.writeString(target, substitute(text, placeholders, source), StandardCharsets.UTF_8);
                } else {
                    // keystores and other binaries must reach James byte for byte
                    Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static boolean isTextConfiguration(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".xml") || name.endsWith(".properties");
    }

    private static String substitute(String text, Map<String, String> placeholders, Path source) throws IOException {
        Matcher matcher = PLACEHOLDER.matcher(text);
        StringBuilder result = new StringBuilder();
        while (matcher.find()) {
            String value = placeholders.get(matcher.group(1));
            if (value == null) {
                // James would silently read the literal text as a value (e.g. a bind address) and fail obscurely
                throw new IOException("Unknown placeholder " + matcher.group() + " in " + source + "; known: "
                        + placeholders.keySet());
            }
            matcher.appendReplacement(result, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(result);
        return result.toString();
    }
}
