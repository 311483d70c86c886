package org.jameslua.james;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.james.filesystem.api.FileSystem;
import org.apache.james.server.core.configuration.Configuration.ConfigurationPath;
import org.apache.james.utils.PropertiesProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GlobalSettingDeclarationsTest {
    @TempDir
    Path jamesRoot;

    @Test
    void settingKeysDeclareTheSettingsWithTheirInitialValuesAsJamesReadsThem() throws Exception {
        Files.createDirectories(jamesRoot.resolve("conf"));
        Files.writeString(
                jamesRoot.resolve("conf/james-lua.properties"),
                "scripts.folder=file://conf/lua/\n"
                        + "setting.MaxHops=30\n"
                        + "setting.BigRedirect.Target=archive@example.com\n"
                        + "setting.Empty=\n"
                        + "setting.Assistants=a@example.com, b@example.com\n"
                        + "setting.Phrase=one\\, two\n",
                StandardCharsets.ISO_8859_1);

        assertThat(GlobalSettingDeclarations.from(jamesProperties("james-lua")))
                .containsOnly(
                        entry("MaxHops", "30"),
                        entry("BigRedirect.Target", "archive@example.com"),
                        entry("Empty", ""),
                        entry("Assistants", "a@example.com,b@example.com"),
                        entry("Phrase", "one, two"));
    }

    private org.apache.commons.configuration2.Configuration jamesProperties(String name) throws Exception {
        FileSystem fileSystem = new FileSystem() {
            @Override
            public InputStream getResource(String url) {
                throw new UnsupportedOperationException();
            }

            @Override
            public File getFile(String fileURL) {
                return jamesRoot.resolve(fileURL.replace("file://", "")).toFile();
            }

            @Override
            public File getBasedir() {
                return jamesRoot.toFile();
            }
        };
        return new PropertiesProvider(fileSystem, new ConfigurationPath("file://conf/")).getConfiguration(name);
    }

    private static java.util.Map.Entry<String, String> entry(String key, String value) {
        return java.util.Map.entry(key, value);
    }
}
