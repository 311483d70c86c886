package org.jameslua.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkingDirectoryTest {

    @TempDir
    Path template;

    @TempDir
    Path root;

    @Test
    void substitutesPlaceholdersAndLeavesConfigurationLookupsAlone() throws IOException {
        Files.writeString(template.resolve("smtpserver.xml"), "<bind>${BIND_HOST}:${SMTP_PORT}</bind>${sys:user.home}");

        WorkingDirectory.prepare(root, template, Map.of("BIND_HOST", "127.0.0.1", "SMTP_PORT", "2525"), List.of());

        assertThat(root.resolve("conf/smtpserver.xml"))
                .content()
                .isEqualTo("<bind>127.0.0.1:2525</bind>${sys:user.home}");
    }

    @Test
    void refusesUnknownPlaceholders() throws IOException {
        Files.writeString(template.resolve("imapserver.xml"), "<bind>${IMAP_PROT}</bind>");

        assertThatThrownBy(() -> WorkingDirectory.prepare(root, template, Map.of("IMAP_PORT", "0"), List.of()))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("${IMAP_PROT}");
    }

    @Test
    void copiesBinariesVerbatimAndJarsIntoExtensionsJars() throws IOException {
        byte[] keystore = {0, '$', '{', 'X', '}', (byte) 0xff};
        Files.createDirectories(template.resolve("tls"));
        Files.write(template.resolve("tls/keystore"), keystore);
        Path jar = Files.write(Files.createTempFile(root.getParent(), "ext", ".jar"), new byte[] {'P', 'K'});

        WorkingDirectory.prepare(root, template, Map.of(), List.of(jar));

        assertThat(root.resolve("conf/tls/keystore")).hasBinaryContent(keystore);
        assertThat(root.resolve("extensions-jars").resolve(jar.getFileName())).hasBinaryContent(new byte[] {'P', 'K'});
    }

    /** The development server's scripts folder gets the samples as the build bundles them, library/ included. */
    @Test
    void seedsTheScriptsFolderWithTheBundledSamplesAndTheirEditorFiles() throws IOException {
        Path scripts = root.resolve("lua");

        WorkingDirectory.seedScripts(scripts, BundledConf.sampleScripts());

        assertThat(scripts.resolve("SMTPSVR.LUA")).isRegularFile();
        assertThat(scripts.resolve(".luarc.json")).isRegularFile();
        assertThat(scripts.resolve("library/james-lua.d.lua")).content().startsWith("---@meta");
    }
}
