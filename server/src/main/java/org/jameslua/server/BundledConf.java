package org.jameslua.server;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.util.Map;

/** Locates the configuration template shipped in this module's resources, whether on disk or inside the jar. */
public final class BundledConf {

    public static final String RESOURCE = "default-conf";

    private BundledConf() {
    }

    public static Path defaultTemplate() throws IOException {
        URL url = BundledConf.class.getClassLoader().getResource(RESOURCE);
        if (url == null) {
            throw new IOException("Resource " + RESOURCE + " not found on the classpath");
        }
        try {
            URI uri = url.toURI();
            if ("jar".equals(uri.getScheme())) {
                openJarFileSystem(uri);
            }
            return Path.of(uri);
        } catch (URISyntaxException e) {
            throw new IOException("Unusable resource URL " + url, e);
        }
    }

    private static void openJarFileSystem(URI uri) throws IOException {
        try {
            // left open on purpose: Path.of(uri) needs it, and there is one per jar for the whole JVM
            FileSystems.newFileSystem(uri, Map.of());
        } catch (FileSystemAlreadyExistsException alreadyOpen) {
            // opened by an earlier call
        }
    }
}
