package org.jameslua.server.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/**
 * What an operator drops into James's {@code extensions-jars/}, read as James's class loader would: every class
 * loads on the Java 11 that James 3.8.x runs on, LuaJ comes without its command-line and compiler tools, and the
 * licences come with it. Runs in the surefire execution {@code deployment} (see the module's pom), after the jar
 * is built.
 */
class ExtensionJarContentsTest {
    private static final Path JAR = Path.of(Objects.requireNonNull(
            System.getProperty("jameslua.extension.jar"),
            "jameslua.extension.jar: the built extension jar, set by the module's pom (mvn verify)"));
    /** The class-file major version of Java 11. */
    private static final int JAVA_11 = 55;

    private static final int CLASS_FILE_MAGIC = 0xCAFEBABE;

    @Test
    void everyClassLoadsOnJava11() throws IOException {
        List<String> newer = new ArrayList<>();
        int classes = 0;
        try (JarFile jar = new JarFile(JAR.toFile())) {
            for (JarEntry entry : Collections.list(jar.entries())) {
                if (!entry.getName().endsWith(".class")) {
                    continue;
                }
                classes++;
                int major = majorVersion(jar, entry);
                if (major > JAVA_11) {
                    newer.add(entry.getName() + " (major version " + major + ")");
                }
            }
        }
        assertThat(classes).as("classes in %s", JAR).isGreaterThan(0);
        assertThat(newer).as("classes newer than Java 11 in %s", JAR).isEmpty();
    }

    @Test
    void luajCommandLineAndCompilerToolsAreLeftOut() throws IOException {
        try (JarFile jar = new JarFile(JAR.toFile())) {
            assertThat(jar.getEntry("org/luaj/vm2/Globals.class"))
                    .as("LuaJ's runtime")
                    .isNotNull();
            assertThat(jar.getEntry("org/luaj/vm2/compiler/LuaC.class"))
                    .as("LuaJ's Lua compiler")
                    .isNotNull();
            assertThat(Collections.list(jar.entries()))
                    .extracting(JarEntry::getName)
                    .noneMatch(name -> name.matches("(lua|luac|luajc)(\\$.*)?\\.class"))
                    .noneMatch(name -> name.startsWith("org/luaj/vm2/luajc/"))
                    .noneMatch(name -> name.startsWith("org/luaj/vm2/parser/"))
                    .noneMatch(name -> name.startsWith("org/luaj/vm2/ast/"))
                    .noneMatch(name -> name.startsWith("org/luaj/vm2/script/"));
            assertThat(text(jar, "META-INF/LICENSE-luaj.txt")).contains("Copyright (c) 2009-2011 Luaj.org");
        }
    }

    @Test
    void carriesTheProjectsLicenceAndNotice() throws IOException {
        try (JarFile jar = new JarFile(JAR.toFile())) {
            assertThat(text(jar, "META-INF/LICENSE")).contains("Apache License", "Version 2.0, January 2004");
            assertThat(text(jar, "META-INF/NOTICE"))
                    .contains(
                            "james-lua",
                            "Apache James :: Server :: FetchMail",
                            "Copyright (c) 2009-2011 Luaj.org",
                            "MIT");
        }
    }

    private static int majorVersion(JarFile jar, JarEntry entry) throws IOException {
        try (DataInputStream in = new DataInputStream(jar.getInputStream(entry))) {
            assertThat(in.readInt())
                    .as("class file magic of %s", entry.getName())
                    .isEqualTo(CLASS_FILE_MAGIC);
            in.readUnsignedShort();
            return in.readUnsignedShort();
        }
    }

    private static String text(JarFile jar, String name) throws IOException {
        JarEntry entry = jar.getJarEntry(name);
        assertThat(entry).as("%s in %s", name, JAR).isNotNull();
        try (InputStream in = jar.getInputStream(entry)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
