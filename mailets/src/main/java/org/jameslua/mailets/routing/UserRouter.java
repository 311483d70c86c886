package org.jameslua.mailets.routing;

import java.util.Map;
import java.util.Optional;
import org.jameslua.engine.InstanceOptions;
import org.jameslua.engine.LuaEngine;
import org.jameslua.engine.ScriptError;
import org.jameslua.engine.ScriptInstance;
import org.jameslua.james.script.ScriptCaller;
import org.luaj.vm2.LuaValue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes one message to one user through the routing scripts: the administrator's script of the scripts folder,
 * then the user's own {@code <user>/<script>} if there is one, each calling {@code MainDoRouting(user)} on the
 * globals the one before left. The user's script runs in safety mode, confined to that user's settings.
 *
 * <p>A script that is missing, fails or leaves a global of the wrong type changes nothing: routing goes on from
 * what the step before decided (the failure is in {@code LUAERRORS.LOG}). Under {@code <onScriptError>error} a
 * failure of the administrator's script ends the routing instead; a user's own script is the user's, and its
 * failures never move mail to the error processor. A user's script that was slow is skipped for a while
 * ({@link SlowUserScripts}).
 */
public final class UserRouter {
    private static final Logger LOGGER = LoggerFactory.getLogger(UserRouter.class);
    static final String FUNCTION = "MainDoRouting";

    private final LuaEngine engine;
    private final String script;
    private final ScriptCaller caller;
    private final DeclaredSettingsCache declaredSettings;
    private final SlowUserScripts slowUserScripts;

    /**
     * {@code declaredSettings} answers which settings the administrator's script declares once per version of it,
     * not once per recipient: {@code MainGetSettings} runs before any message global is set, so its answer is the
     * script's, the same for every message.
     */
    public UserRouter(LuaEngine engine, String script, ScriptCaller caller, DeclaredSettingsCache declaredSettings) {
        this.engine = engine;
        this.script = script;
        this.caller = caller;
        this.declaredSettings = declaredSettings;
        this.slowUserScripts = new SlowUserScripts(engine.limits().wallTime());
    }

    public RoutingGlobals route(String user, RoutingMessage message, StoredSettings stored, RoutingGlobals initial) {
        RoutingGlobals current;
        Map<String, String> userSettings;
        userSettings = DeclaredSettings.values(declaredSettings.of(script), stored);
        try (ScriptInstance global = engine.newInstance(script)) {
            current = run(global, user, message, userSettings, initial, caller);
        }
        String ownScript = user + "/" + script;
        if (isFolderName(user) && engine.hasScript(ownScript) && !slowUserScripts.isSkipped(user)) {
            long start = System.nanoTime();
            try (ScriptInstance own = engine.newInstance(ownScript, InstanceOptions.userScript(user))) {
                current = run(own, user, message, userSettings, current, caller.passing());
            }
            long took = System.nanoTime() - start;
            if (slowUserScripts.tookTooLong(user, took)) {
                String skipped = String.format(
                        "took %d ms: not run for the next %d minutes, %s's mail is routed without it",
                        took / 1_000_000, SlowUserScripts.SKIPPED_FOR.toMinutes(), user);
                LOGGER.warn("{} {}", ownScript, skipped);
                // where the script's writer looks: the call itself may have ended without an error (a sleep)
                engine.errorLog()
                        .log(new ScriptError(ownScript, FUNCTION, Optional.empty(), ScriptError.Kind.TIMEOUT, skipped));
            }
        }
        return current;
    }

    private static RoutingGlobals run(
            ScriptInstance instance,
            String user,
            RoutingMessage message,
            Map<String, String> userSettings,
            RoutingGlobals before,
            ScriptCaller caller) {
        if (!instance.defines(FUNCTION)) {
            return before;
        }
        before.setInto(instance);
        message.setInto(instance, user, userSettings);
        return caller.call(instance, FUNCTION, LuaValue.valueOf(user), values -> RoutingGlobals.readFrom(instance))
                .orElse(before);
    }

    /** A user id that names a folder of its own: anything else cannot have a script there. */
    private static boolean isFolderName(String user) {
        return !user.isBlank()
                && user.indexOf('/') < 0
                && user.indexOf('\\') < 0
                && !user.equals(".")
                && !user.equals("..");
    }
}
