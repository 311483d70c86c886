package org.jameslua.server;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.util.Map;

/**
 * The configuration template and sample scripts this module's build bundles, whether on disk or inside the jar.
 * The build takes them from the project's conf-samples (see the module's pom): the operator's files, to which the
 * development server adds only the James files an operator of the pack has no reason to touch.
 */
public final class BundledConf {

    /** conf-samples/james-conf, with the rest of a development server's James configuration. */
    public static final String TEMPLATE = "default-conf";
    /** conf-samples/scripts. */
    public static final String SAMPLE_SCRIPTS = "sample-scripts";

    private BundledConf() {}

    public static Path defaultTemplate() throws IOException {
        return resource(TEMPLATE);
    }

    public static Path sampleScripts() throws IOException {
        return resource(SAMPLE_SCRIPTS);
    }

    private static Path resource(String name) throws IOException {
        URL url = BundledConf.class.getClassLoader().getResource(name);
        if (url == null) {
            throw new IOException("Resource " + name + " not found on the classpath");
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
