package org.jameslua.james;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jameslua.engine.Limits;
import org.jameslua.engine.LuaEngine;
import org.jameslua.engine.ServerLimits;
import org.jameslua.engine.host.FolderHost;
import org.jameslua.engine.net.NetConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class LuaPackModuleTest {
    @TempDir
    Path folder;

    @Test
    void aScriptThatNoLongerCompilesShowsInJamesLog() throws IOException {
        Files.writeString(folder.resolve("SMTPSVR.LUA"), "function DoHELP(text) x = = 1 end\n");
        ListAppender<ILoggingEvent> log = startLog();
        try (LuaEngine engine = new LuaPackModule().engine(settingsFor(folder), FolderHost.in(folder))) {
            engine.newInstance("SMTPSVR.LUA");
        } finally {
            stopLog(log);
        }

        assertThat(log.list)
                .singleElement()
                .satisfies(event -> assertThat(event.getLevel()).isEqualTo(Level.WARN))
                .extracting(ILoggingEvent::getFormattedMessage)
                .asString()
                .startsWith(
                        "Lua script error: SMTPSVR.LUA (compile) line 1 [COMPILE]: SMTPSVR.LUA:1: unexpected symbol");
    }

    @Test
    void aMistypedScriptsFolderShowsInJamesLogAndScriptsPutThereLaterServe() throws IOException {
        Path missing = folder.resolve("scripts");
        ListAppender<ILoggingEvent> log = startLog();
        try (LuaEngine engine = new LuaPackModule().engine(settingsFor(missing), FolderHost.in(folder))) {
            Files.writeString(missing.resolve("SMTPSVR.LUA"), "function DoHELP(text) return '214 hi' end\n");

            assertThat(engine.newInstance("SMTPSVR.LUA").defines("DoHELP")).isTrue();
        } finally {
            stopLog(log);
        }

        assertThat(log.list)
                .singleElement()
                .satisfies(event -> assertThat(event.getLevel()).isEqualTo(Level.WARN))
                .extracting(ILoggingEvent::getFormattedMessage)
                .isEqualTo("Lua scripts folder " + missing.toAbsolutePath()
                        + " has no scripts James can read (*.LUA): James runs as without them until they are put"
                        + " there (scripts.folder in conf/james-lua.properties)");
    }

    private static LuaPackSettings settingsFor(Path scriptsFolder) {
        return new LuaPackSettings(
                scriptsFolder,
                Limits.defaults(),
                ServerLimits.defaults(),
                NetConfig.defaults(),
                ScriptFailure.DEFAULT,
                1,
                List.of(),
                List.of());
    }

    private static ListAppender<ILoggingEvent> startLog() {
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        ((Logger) LoggerFactory.getLogger(LuaPackModule.class)).addAppender(log);
        return log;
    }

    private static void stopLog(ListAppender<ILoggingEvent> log) {
        ((Logger) LoggerFactory.getLogger(LuaPackModule.class)).detachAppender(log);
    }
}
