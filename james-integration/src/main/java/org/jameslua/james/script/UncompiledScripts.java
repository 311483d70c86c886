package org.jameslua.james.script;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.jameslua.engine.LuaEngine;
import org.jameslua.engine.ScriptError;
import org.jameslua.engine.folder.CompiledScripts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scripts that are in the folder but have not compiled once since James started (typically: broken while James
 * was stopped). Unlike a script broken while James runs, such a script has no last version that compiled to keep
 * running, so it is not in force at all: James's log says so, with what that means for each adapter that uses it
 * (the SMTP handlers, each mailet and matcher), once per compile error (the error itself is in LUAERRORS.LOG), so
 * that an operator does not take it for a script running. One instance serves every adapter (Guice's singleton).
 */
@Singleton
public class UncompiledScripts {
    private static final Logger LOGGER = LoggerFactory.getLogger(UncompiledScripts.class);

    private final LuaEngine engine;
    /** The compile error last logged, by script and consequence. */
    private final Map<String, ScriptError> reported = new ConcurrentHashMap<>();

    @Inject
    public UncompiledScripts(LuaEngine engine) {
        this.engine = engine;
    }

    /**
     * Whether {@code script} exists but no version of it compiled in this run; logs it, the first time for each
     * compile error and consequence, with {@code consequence} (what its adapter does meanwhile).
     */
    public boolean neverCompiled(String script, String consequence) {
        CompiledScripts.ScriptState state = engine.scriptState(script);
        if (state.versionInUse().isPresent() || state.compileError().isEmpty()) {
            return false;
        }
        ScriptError error = state.compileError().get();
        if (!error.equals(reported.put(script + "\n" + consequence, error))) {
            LOGGER.error(
                    "{} is not in force: it does not compile and no version of it has compiled since James started"
                            + " ({}); {} until it compiles",
                    script,
                    error.toLogLine(),
                    consequence);
        }
        return true;
    }
}
