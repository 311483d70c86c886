package org.jameslua.distribution;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * James's memory distribution as the distribution module assembled it: {@code conf/}, {@code extensions-jars/},
 * {@code james-server-memory-app.jar} and the libraries its manifest names.
 */
final class DistributionFolder {
    static final String JAR = "james-server-memory-app.jar";

    private final Path root;

    DistributionFolder(Path root) {
        this.root = root;
    }

    /** The manifest's Class-Path entries that are not in the folder: James would not start without them. */
    List<String> missingLibraries() throws IOException {
        Manifest manifest;
        try (JarFile jar = new JarFile(root.resolve(JAR).toFile())) {
            manifest = jar.getManifest();
        }
        String classPath = manifest.getMainAttributes().getValue("Class-Path");
        return Arrays.stream(classPath.trim().split("\\s+"))
                .filter(entry -> !Files.isRegularFile(root.resolve(entry)))
                .collect(Collectors.toList());
    }

    /** A copy to deploy into and run, so that every run starts from James's own files. */
    Path copyTo(Path target) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path source : (Iterable<Path>) files::iterator) {
                Path copy = target.resolve(root.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(source, copy);
                }
            }
        }
        return target;
    }
}
