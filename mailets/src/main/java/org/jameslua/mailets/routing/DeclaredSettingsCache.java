package org.jameslua.mailets.routing;

import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.jameslua.engine.LuaEngine;
import org.jameslua.james.script.OnScriptError;
import org.jameslua.james.script.ScriptCaller;
import org.jameslua.james.script.ScriptCallers;

/**
 * The settings each script of the folder declares ({@link DeclaredSettings}), asked once per version of the script
 * the engine serves: asking runs the script's main chunk, which the webadmin user-settings routes would otherwise do
 * for every script on every request. A script edited on disk is asked again at the next request, once the engine
 * has compiled the new version.
 */
@Singleton
public class DeclaredSettingsCache {
    private final LuaEngine engine;
    private final ScriptCaller caller;
    private final ConcurrentMap<String, Declared> byScript = new ConcurrentHashMap<>();

    @Inject
    public DeclaredSettingsCache(LuaEngine engine, ScriptCallers callers) {
        this.engine = engine;
        this.caller = callers.shared(OnScriptError.PASS);
    }

    public LuaEngine engine() {
        return engine;
    }

    /**
     * What the script declares in the version the engine serves now; none when no version compiles, or when its code
     * never names MainGetSettings: such a script is not run, for the folder may hold scripts an operator runs on
     * demand, whose main chunk does their work.
     */
    public List<DeclaredSetting> of(String script) {
        Optional<FileTime> version = engine.scriptState(script).versionInUse();
        if (version.isEmpty()) {
            return List.of();
        }
        Declared cached = byScript.get(script);
        if (cached != null && cached.version.equals(version.get())) {
            return cached.settings;
        }
        // asked outside any lock: a script's main chunk runs under the bounds and may take its time; whether its code
        // names MainGetSettings at all is the version's, looked at once with it
        Declared fresh = new Declared(
                version.get(),
                engine.mayDefine(script, DeclaredSettings.FUNCTION)
                        ? DeclaredSettings.of(engine, caller, script)
                        : List.of());
        byScript.put(script, fresh);
        return fresh.settings;
    }

    private static final class Declared {
        private final FileTime version;
        private final List<DeclaredSetting> settings;

        Declared(FileTime version, List<DeclaredSetting> settings) {
            this.version = version;
            this.settings = settings;
        }
    }
}
