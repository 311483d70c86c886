package org.jameslua.james;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import java.io.FileNotFoundException;
import java.io.UncheckedIOException;
import java.util.Map;
import javax.inject.Named;
import javax.inject.Singleton;
import org.apache.commons.configuration2.BaseConfiguration;
import org.apache.commons.configuration2.Configuration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.domainlist.api.DomainList;
import org.apache.james.filesystem.api.FileSystem;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.rrt.api.RecipientRewriteTable;
import org.apache.james.user.api.UsersRepository;
import org.apache.james.utils.PropertiesProvider;
import org.jameslua.engine.LuaEngine;
import org.jameslua.engine.ScriptError;
import org.jameslua.engine.folder.ScriptFolder;
import org.jameslua.engine.host.Host;
import org.jameslua.james.host.JamesHost;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pack's Guice extension module, named in {@code conf/extensions.properties}:
 * {@code guice.extension.module=org.jameslua.james.LuaPackModule}.
 *
 * <p>James builds one child injector for all its extensions, so the singletons here are shared by every SMTP
 * server, handler and mailet of the pack: one {@link LuaEngine}, whose compiled scripts and hot reload
 * serve them all.
 */
public class LuaPackModule extends AbstractModule {
    private static final Logger LOGGER = LoggerFactory.getLogger(LuaPackModule.class);

    /** {@code conf/james-lua.properties}, read once for the settings and the declared global settings. */
    @Provides
    @Singleton
    @Named(LuaPackSettings.FILE_NAME)
    Configuration properties(PropertiesProvider propertiesProvider) throws ConfigurationException {
        try {
            return propertiesProvider.getConfiguration(LuaPackSettings.FILE_NAME);
        } catch (FileNotFoundException e) {
            LOGGER.info("No conf/{}.properties: the pack runs with its defaults", LuaPackSettings.FILE_NAME);
            return new BaseConfiguration();
        }
    }

    @Provides
    @Singleton
    LuaPackSettings settings(@Named(LuaPackSettings.FILE_NAME) Configuration properties, FileSystem fileSystem)
            throws ConfigurationException {
        LuaPackSettings settings = LuaPackSettings.from(properties, fileSystem);
        LOGGER.info("Lua scripts folder: {}; script failures: {}", settings.scriptsFolder(), settings.scriptFailure());
        return settings;
    }

    /**
     * The {@code VPOP3.*} settings and user helpers on James's users, recipient rewrite table and mailboxes, in
     * place of the engine's file-backed default.
     */
    @Provides
    @Singleton
    Host host(
            UsersRepository users,
            RecipientRewriteTable recipientRewriteTable,
            DomainList domains,
            MailboxManager mailboxManager,
            @Named(LuaPackSettings.FILE_NAME) Configuration properties) {
        Map<String, String> declared = GlobalSettingDeclarations.from(properties);
        LOGGER.info("Global settings scripts may read and change: {}", declared.keySet());
        return JamesHost.create(users, recipientRewriteTable, domains, mailboxManager, declared);
    }

    /**
     * Compile errors are also logged as warnings, as {@link ScriptMetrics} logs failed calls, so that a script
     * that no longer compiles shows in James's own log and not only in {@code LUAERRORS.LOG}. A LUA.OUT or
     * LUAERRORS.LOG that cannot be written or rotated is logged as an error, once until it is written again: what
     * scripts print or fail with is lost meanwhile. A scripts folder without scripts (a mistyped
     * {@code scripts.folder}, which the engine creates empty) is a warning too: James then runs as without the
     * pack's scripts, which nothing else would say.
     */
    @Provides
    @Singleton
    LuaEngine engine(LuaPackSettings settings, Host host) {
        LuaEngine engine = LuaEngine.builder(settings.scriptsFolder())
                .limits(settings.limits())
                .serverLimits(settings.serverLimits())
                .net(settings.net())
                .host(host)
                .fileProblems(problem -> LOGGER.error("Lua output files: {}", problem))
                .build();
        engine.errorLog().addListener(error -> {
            if (error.kind() == ScriptError.Kind.COMPILE) {
                LOGGER.warn("Lua script error: {}", error.toLogLine());
            }
        });
        warnIfNoScripts(engine.folder());
        return engine;
    }

    private static void warnIfNoScripts(ScriptFolder folder) {
        if (!hasScripts(folder)) {
            LOGGER.warn(
                    "Lua scripts folder {} has no scripts James can read (*.LUA): James runs as without them until"
                            + " they are put there (scripts.folder in conf/{}.properties)",
                    folder.root(),
                    LuaPackSettings.FILE_NAME);
        }
    }

    private static boolean hasScripts(ScriptFolder folder) {
        try {
            return !folder.scriptNames().isEmpty();
        } catch (UncheckedIOException e) {
            return false;
        }
    }
}
