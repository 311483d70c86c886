package org.jameslua.server;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.apache.commons.configuration2.PropertiesConfiguration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.commons.configuration2.io.FileHandler;

/**
 * A James properties file edited in place. commons-configuration keeps the file's comments and layout, and escapes
 * values (e.g. Windows paths), as James reads them back.
 */
final class PropertiesFile {
    private PropertiesFile() {}

    static void edit(Path file, Consumer<PropertiesConfiguration> change) throws IOException {
        PropertiesConfiguration properties = new PropertiesConfiguration();
        FileHandler handler = new FileHandler(properties);
        try {
            handler.load(file.toFile());
            change.accept(properties);
            handler.save(file.toFile());
        } catch (ConfigurationException e) {
            throw new IOException("Cannot edit " + file + ": " + e.getMessage(), e);
        }
    }
}
