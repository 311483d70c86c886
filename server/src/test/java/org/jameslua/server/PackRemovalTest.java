package org.jameslua.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The benchmarks' baseline: the shipped files with exactly the pack's additions taken out. */
class PackRemovalTest {

    @TempDir
    Path conf;

    @BeforeEach
    void shippedFilesWithoutThePack() throws IOException {
        copyShippedFiles(conf);
        PackRemoval.whole().applyTo(conf);
    }

    @Test
    void smtpRunsJamessOwnCoreHandlersAndKeepsTheOthers() throws IOException {
        assertThat(withoutComments("smtpserver.xml"))
                .doesNotContain("coreHandlersPackage", "org.jameslua")
                .contains("<handler class=\"org.apache.james.smtpserver.fastfail.ValidRcptHandler\"/>");
    }

    @Test
    void noPackMailetOrMatcherIsLeftAndJamessMailetsStay() throws IOException {
        assertThat(withoutComments("mailetcontainer.xml"))
                .doesNotContain("class=\"org.jameslua", "match=\"org.jameslua")
                .contains("class=\"LocalDelivery\"", "class=\"RemoteDelivery\"", "class=\"PostmasterAlias\"");
    }

    @Test
    void neitherThePacksGuiceModuleNorItsWebAdminRoutesAreLoaded() {
        assertThat(conf.resolve("extensions.properties"))
                .content()
                .doesNotContain("guice.extension.module")
                .doesNotContain("guice.extension.startable");
        assertThat(conf.resolve("webadmin.properties")).content().doesNotContain("extensions.routes");
    }

    @Test
    void withoutThePacksMailetsOnlyTheirElementsGoAndSmtpsvrStays(@TempDir Path mailetsOnly) throws IOException {
        copyShippedFiles(mailetsOnly);
        PackRemoval.mailetsOnly().applyTo(mailetsOnly);

        assertThat(withoutComments(mailetsOnly.resolve("mailetcontainer.xml")))
                .doesNotContain("class=\"org.jameslua", "match=\"org.jameslua")
                .contains("class=\"LocalDelivery\"", "class=\"RemoteDelivery\"", "class=\"PostmasterAlias\"");
        for (String kept : new String[] {"smtpserver.xml", "extensions.properties", "webadmin.properties"}) {
            assertThat(mailetsOnly.resolve(kept))
                    .hasSameTextualContentAs(BundledConf.defaultTemplate().resolve(kept));
        }
    }

    private static void copyShippedFiles(Path target) throws IOException {
        try (Stream<Path> files = Files.list(BundledConf.defaultTemplate())) {
            for (Path file : files.toList()) {
                Files.copy(file, target.resolve(file.getFileName().toString()));
            }
        }
    }

    /** The files' comments name the pack's classes, to explain them; only elements and attributes run. */
    private String withoutComments(String file) throws IOException {
        return withoutComments(conf.resolve(file));
    }

    private static String withoutComments(Path file) throws IOException {
        return Files.readString(file).replaceAll("(?s)<!--.*?-->", "");
    }
}
