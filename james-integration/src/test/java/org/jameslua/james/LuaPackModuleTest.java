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
        LuaPackSettings settings = new LuaPackSettings(
                folder,
                Limits.defaults(),
                ServerLimits.defaults(),
                NetConfig.defaults(),
                ScriptFailure.DEFAULT,
                1,
                List.of(),
                List.of());
        Logger logger = (Logger) LoggerFactory.getLogger(LuaPackModule.class);
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        logger.addAppender(log);
        try (LuaEngine engine = new LuaPackModule().engine(settings, FolderHost.in(folder))) {
            engine.newInstance("SMTPSVR.LUA");
        } finally {
            logger.detachAppender(log);
        }

        assertThat(log.list)
                .singleElement()
                .satisfies(event -> assertThat(event.getLevel()).isEqualTo(Level.WARN))
                .extracting(ILoggingEvent::getFormattedMessage)
                .asString()
                .startsWith(
                        "Lua script error: SMTPSVR.LUA (compile) line 1 [COMPILE]: SMTPSVR.LUA:1: unexpected symbol");
    }
}
