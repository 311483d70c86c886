package org.jameslua.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/**
 * The extension jar loads on Java 11, James 3.8.x's Java: no class in it, the pack's or a library's, needs a later
 * Java, including those the distribution test never loads.
 */
class ExtensionJarJavaTest {
    /** The class file version of Java 11. */
    private static final int JAVA_11 = 55;

    @Test
    void everyClassOfTheJarLoadsOnJava11() throws IOException {
        List<String> newer = new ArrayList<>();
        try (JarFile jar = new JarFile(
                Path.of(System.getProperty("jameslua.extension.jar")).toFile())) {
            Enumeration<JarEntry> entries = jar.entries();
            while (entries.hasMoreElements()) {
                JarEntry entry = entries.nextElement();
                // META-INF/versions/N/ holds classes only Java N and later load
                if (entry.getName().endsWith(".class") && !entry.getName().startsWith("META-INF/versions/")) {
                    int version = classFileVersion(jar, entry);
                    if (version > JAVA_11) {
                        newer.add(entry.getName() + " (class file version " + version + ")");
                    }
                }
            }
        }
        assertThat(newer).isEmpty();
    }

    private static int classFileVersion(JarFile jar, JarEntry entry) throws IOException {
        try (InputStream in = jar.getInputStream(entry)) {
            DataInputStream header = new DataInputStream(in);
            header.readInt(); // 0xCAFEBABE
            header.readUnsignedShort(); // minor
            return header.readUnsignedShort();
        }
    }
}
