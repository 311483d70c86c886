package org.jameslua.james;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.File;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.commons.configuration2.BaseConfiguration;
import org.apache.james.filesystem.api.FileSystem;
import org.jameslua.engine.Limits;
import org.jameslua.engine.ServerLimits;
import org.jameslua.engine.net.NetConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.slf4j.LoggerFactory;

class LuaPackSettingsTest {
    @TempDir
    Path jamesRoot;

    @Test
    void everyKeyHasADefault() {
        LuaPackSettings settings = LuaPackSettings.from(new BaseConfiguration(), fileSystem());

        assertThat(settings.scriptsFolder()).isEqualTo(jamesRoot.resolve("conf/lua/"));
        // docs/security.md's "Bounds": memory, string length and what instances keep are sized from the heap;
        // the rest are the engine's own defaults, which the command-line runner uses
        long heap = Runtime.getRuntime().maxMemory();
        assertThat(settings.limits())
                .isEqualTo(new Limits(
                        200_000_000L,
                        Duration.ofSeconds(10),
                        Math.min(512L * 1024 * 1024, heap / 16),
                        500,
                        (int) Math.min(64 * 1024 * 1024, heap / 32),
                        32,
                        1024 * 1024,
                        64L * 1024 * 1024));
        assertThat(settings.limits()).isEqualTo(Limits.defaults());
        assertThat(settings.serverLimits())
                .isEqualTo(new ServerLimits(
                        heap / 32,
                        heap / 4,
                        256,
                        10 * 1024 * 1024,
                        heap / 3,
                        Runtime.getRuntime().availableProcessors()));
        assertThat(settings.serverLimits()).isEqualTo(ServerLimits.defaults());
        assertThat(settings.net()).isEqualTo(NetConfig.defaults());
        assertThat(settings.smtpWorkers()).isEqualTo(256);
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
        properties.addProperty("limit.memory.total.bytes", "8388608");
        properties.addProperty("limit.running.calls", "3");
        properties.addProperty("limit.logfile.bytes", "500000");
        properties.addProperty("limit.call.depth", "120");
        properties.addProperty("limit.coroutines", "4");
        properties.addProperty("net.response.bytes", "65536");
        properties.addProperty("smtp.workers", "3");
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
        assertThat(settings.limits().callDepth()).isEqualTo(120);
        assertThat(settings.limits().coroutines()).isEqualTo(4);
        assertThat(settings.serverLimits()).isEqualTo(new ServerLimits(65536, 1048576, 40, 500000, 8388608, 3));
        assertThat(settings.net().maxResponseBytes()).isEqualTo(65536);
        assertThat(settings.smtpWorkers()).isEqualTo(3);
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

        assertThat(LuaPackSettings.from(properties, fileSystem()).scriptsFolder())
                .isEqualTo(elsewhere);
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

    @Test
    void anEmptyValueMeansTheDefault() {
        BaseConfiguration properties = new BaseConfiguration();
        properties.addProperty("limit.instructions", " ");
        properties.addProperty("limit.memory.bytes", "");

        LuaPackSettings settings = LuaPackSettings.from(properties, fileSystem());

        assertThat(settings.limits()).isEqualTo(Limits.defaults());
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '"',
            value = {
                "limit.call.depth | 0 | limit.call.depth must be a whole number from 1 to 2147483647, not '0'",
                "limit.coroutines | many | limit.coroutines must be a whole number from 1 to 2147483647, not 'many'",
                "net.response.bytes | 2147483648 | net.response.bytes must be a whole number from 1 to 2147483647, not '2147483648'",
                "limit.string.bytes | 2147483647 | limit.string.bytes must be a whole number from 1 to 2147483639, not '2147483647'",
                "smtp.workers | -1 | smtp.workers must be a whole number from 1 to 2147483647, not '-1'",
                "limit.instructions | 1.5 | limit.instructions must be a whole number from 1 to 9223372036854775807, not '1.5'",
                "limit.time.ms | 9223372036854775807 | limit.time.ms must be a whole number from 1 to 9223372036854, not '9223372036854775807'",
                "limit.coroutines | 300 | limit.coroutines (300) must not be more than limit.coroutines.total (256)"
            })
    void aBoundThatCannotBeUsedStopsJamesWithTheKeyNamed(String key, String value, String message) {
        BaseConfiguration properties = new BaseConfiguration();
        properties.addProperty(key, value);

        assertThatThrownBy(() -> LuaPackSettings.from(properties, fileSystem()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }

    @Test
    void aMisspeltKeyIsNamedInAWarningAndTheRestStillApplies() {
        BaseConfiguration properties = new BaseConfiguration();
        properties.addProperty("limit.tme.ms", "50");
        properties.addProperty("Script.Failure", "tempfail");
        properties.addProperty("colour", "blue");
        properties.addProperty("limit.instructions", "1000");
        properties.addProperty("setting.MaxHops", "30");
        Logger logger = (Logger) LoggerFactory.getLogger(LuaPackSettings.class);
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        logger.addAppender(log);
        LuaPackSettings settings;
        try {
            settings = LuaPackSettings.from(properties, fileSystem());
        } finally {
            logger.detachAppender(log);
        }

        assertThat(log.list)
                .allMatch(event -> event.getLevel() == Level.WARN)
                .extracting(ILoggingEvent::getFormattedMessage)
                .containsExactlyInAnyOrder(
                        "james-lua.properties: unknown key 'limit.tme.ms' ignored (did you mean limit.time.ms?)",
                        "james-lua.properties: unknown key 'Script.Failure' ignored (did you mean script.failure?)",
                        "james-lua.properties: unknown key 'colour' ignored");
        assertThat(settings.limits().wallTime()).isEqualTo(Limits.defaults().wallTime());
        assertThat(settings.scriptFailure()).isEqualTo(ScriptFailure.DEFAULT);
        assertThat(settings.limits().instructions()).isEqualTo(1000);
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
