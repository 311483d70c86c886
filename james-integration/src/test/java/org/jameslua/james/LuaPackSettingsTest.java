package org.jameslua.james;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;

import org.apache.commons.configuration2.BaseConfiguration;
import org.apache.james.filesystem.api.FileSystem;
import org.jameslua.engine.Limits;
import org.jameslua.engine.ServerLimits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LuaPackSettingsTest {
    @TempDir
    Path jamesRoot;

    @Test
    void everyKeyHasADefault() {
        LuaPackSettings settings = LuaPackSettings.from(new BaseConfiguration(), fileSystem());

        assertThat(settings.scriptsFolder()).isEqualTo(jamesRoot.resolve("conf/lua/"));
        // README's "Bounds" table: memory and string length are sized from the heap
        long heap = Runtime.getRuntime().maxMemory();
        assertThat(settings.limits()).isEqualTo(new Limits(200_000_000L, Duration.ofSeconds(10),
                Math.min(512L * 1024 * 1024, heap / 16), 500, (int) Math.min(64 * 1024 * 1024, heap / 32), 32,
                1024 * 1024));
        assertThat(settings.serverLimits()).isEqualTo(new ServerLimits(heap / 32, heap / 4, 256));
        assertThat(settings.net().dnsServers()).isEmpty();
        assertThat(settings.scriptFailure()).isEqualTo(ScriptFailure.DEFAULT);
        assertThat(settings.rblServers()).isEmpty();
        assertThat(settings.rblWhitelist()).isEmpty();
    }

    @Test
    void readsEveryKey() {
        BaseConfiguration properties = new BaseConfiguration();
        properties.addProperty("scripts.folder", "scripts/lua");
        properties.addProperty("limit.instructions", "1000");
        properties.addProperty("limit.time.ms", "250");
        properties.addProperty("limit.memory.bytes", "4096");
        properties.addProperty("limit.output.bytes", "2048");
        properties.addProperty("limit.string.bytes", "1024");
        properties.addProperty("limit.retained.bytes", "65536");
        properties.addProperty("limit.retained.total.bytes", "1048576");
        properties.addProperty("limit.coroutines.total", "40");
        properties.addProperty("dns.servers", "127.0.0.1:5353, 192.0.2.1");
        properties.addProperty("dns.timeout.ms", "700");
        properties.addProperty("script.failure", "TempFail");
        properties.addProperty("rbl.servers", "zen.example,bl.example");
        properties.addProperty("rbl.whitelist", "10.*");

        LuaPackSettings settings = LuaPackSettings.from(properties, fileSystem());

        assertThat(settings.scriptsFolder()).isEqualTo(jamesRoot.resolve("scripts/lua"));
        assertThat(settings.limits().instructions()).isEqualTo(1000);
        assertThat(settings.limits().wallTime()).isEqualTo(Duration.ofMillis(250));
        assertThat(settings.limits().allocatedBytes()).isEqualTo(4096);
        assertThat(settings.limits().outputBytes()).isEqualTo(2048);
        assertThat(settings.limits().stringLength()).isEqualTo(1024);
        assertThat(settings.serverLimits()).isEqualTo(new ServerLimits(65536, 1048576, 40));
        assertThat(settings.net().dnsServers()).containsExactly("127.0.0.1:5353", "192.0.2.1");
        assertThat(settings.net().timeout()).isEqualTo(Duration.ofMillis(700));
        assertThat(settings.scriptFailure()).isEqualTo(ScriptFailure.TEMPFAIL);
        assertThat(settings.rblServers()).containsExactly("zen.example", "bl.example");
        assertThat(settings.rblWhitelist()).containsExactly("10.*");
    }

    @Test
    void anAbsolutePathIsTakenAsIs(@TempDir Path elsewhere) {
        BaseConfiguration properties = new BaseConfiguration();
        properties.addProperty("scripts.folder", elsewhere.toString());

        assertThat(LuaPackSettings.from(properties, fileSystem()).scriptsFolder()).isEqualTo(elsewhere);
    }

    @Test
    void unusableValuesStopJamesWithTheKeyNamed() {
        BaseConfiguration limits = new BaseConfiguration();
        limits.addProperty("limit.time.ms", "-5");
        BaseConfiguration failure = new BaseConfiguration();
        failure.addProperty("script.failure", "retry");

        assertThatThrownBy(() -> LuaPackSettings.from(limits, fileSystem())).hasMessageContaining("limit.time.ms");
        assertThatThrownBy(() -> LuaPackSettings.from(failure, fileSystem())).hasMessageContaining("script.failure");
    }

    /** James's FileSystem as far as the settings use it: file://conf/ under conf/, the base directory. */
    private FileSystem fileSystem() {
        return new FileSystem() {
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
    }
}
