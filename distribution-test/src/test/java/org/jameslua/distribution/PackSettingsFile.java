package org.jameslua.distribution;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The deployed {@code conf/james-lua.properties}, edited as an operator edits it before starting James (the pack
 * reads it once, at start): a key the sample leaves empty given a value.
 */
final class PackSettingsFile {
    private PackSettingsFile() {}

    static void set(Path james, String key, String value) throws IOException {
        Path file = james.resolve("conf/james-lua.properties");
        String content = Files.readString(file);
        String empty = "\n" + key + "=\n";
        if (!content.contains(empty)) {
            throw new IllegalStateException(file + " is not the sample deploy-to-james.sh copies: it lacks " + empty);
        }
        Files.writeString(file, content.replace(empty, "\n" + key + "=" + value + "\n"));
    }
}
