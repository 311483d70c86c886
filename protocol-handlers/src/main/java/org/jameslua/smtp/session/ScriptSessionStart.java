package org.jameslua.smtp.session;

import java.lang.reflect.Field;
import java.util.List;
import java.util.Optional;
import javax.inject.Inject;
import org.apache.commons.configuration2.Configuration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.api.handler.ConnectHandler;
import org.apache.james.protocols.smtp.SMTPSession;
import org.jameslua.engine.LuaEngine;
import org.jameslua.engine.ScriptInstance;
import org.jameslua.james.LuaPackSettings;
import org.jameslua.james.script.OnScriptError;
import org.jameslua.james.script.ScriptCaller;
import org.jameslua.james.script.ScriptCallers;
import org.jameslua.james.script.UncompiledScripts;
import org.jameslua.smtp.rbl.RblGlobals;
import org.jameslua.smtp.reply.NoResponse;

/**
 * Takes each SMTP connection's work off James's I/O thread ({@link SessionWork}), then, on a worker, gives the
 * connection its own SMTPSVR.LUA instance, sets the session globals, and asks GetMaxMessageSize(client address,
 * James's limit). Writes nothing: the banner is {@link ScriptBanner}'s.
 *
 * <p>When no script code can run before the banner, all this is done on the I/O thread instead, as stock James
 * does its connect work, sparing a hand-off per connection: with {@code script.failure=default}, a script whose
 * compiled main chunk is quick ({@link LuaEngine#quickInstance}), that defines none of Start, GetMaxMessageSize and
 * RBLResults, and a client that no RBL lookup is due for. A connection that finds no worker free is still turned
 * away: its later commands would find none either.
 *
 * <p>An SMTPSVR.LUA that has not compiled once since James started is not in force, and James's log says so at
 * start. With {@code script.failure=tempfail} such a script counts as failing in every callback (it would refuse
 * mail that James accepts without it): each connection is then answered 421 4.3.0, as for a failing Start().
 */
public class ScriptSessionStart implements ConnectHandler<SMTPSession> {
    // the callbacks a new session may run before its banner is written
    private static final List<String> CONNECT_CALLBACKS =
            List.of(ScriptBanner.START, MaxMessageSize.CALLBACK, ScriptBanner.RBL_RESULTS);
    private final LuaEngine engine;
    private final LuaPackSettings settings;
    private final ScriptCaller caller;
    private final SessionWorkers workers;
    private final UncompiledScripts uncompiled;
    private Field channelField;

    @Inject
    public ScriptSessionStart(
            LuaEngine engine,
            LuaPackSettings settings,
            ScriptCallers callers,
            SessionWorkers workers,
            UncompiledScripts uncompiled) {
        this.engine = engine;
        this.settings = settings;
        this.caller = callers.shared(settings.scriptFailure().onScriptError());
        this.workers = workers;
        this.uncompiled = uncompiled;
    }

    @Override
    public void init(Configuration config) throws ConfigurationException {
        try {
            channelField = NettyChannels.channelField();
        } catch (IllegalStateException e) {
            throw new ConfigurationException(e.getMessage(), e);
        }
        neverCompiled();
    }

    @Override
    public Response onConnect(SMTPSession session) {
        SessionWork work = SessionWork.install(session, NettyChannels.of(channelField, session), workers);
        // under tempfail each connection checks the file (neverCompiled), which is for a worker
        Optional<ScriptInstance> quick =
                caller.policy() == OnScriptError.PASS ? engine.quickInstance(ScriptSession.SCRIPT) : Optional.empty();
        if (quick.isPresent() && runsNoScript(session, quick.get())) {
            if (work.admitOnIoThread()) {
                ScriptSession.start(session, quick.get(), caller, settings);
            } else {
                quick.get().close();
            }
            return NoResponse.INSTANCE;
        }
        boolean admitted = work.admit(() -> {
            // looked for only where it changes the answers: a file check per connection
            boolean failing = caller.policy() == OnScriptError.ERROR && neverCompiled();
            ScriptSession scriptSession = ScriptSession.start(
                    session,
                    quick.orElseGet(() -> engine.newInstance(ScriptSession.SCRIPT)),
                    failing ? caller.neverCompiled() : caller,
                    settings);
            MaxMessageSize.ask(scriptSession, scriptSession.clientAddress());
        });
        if (!admitted) {
            quick.ifPresent(ScriptInstance::close);
        }
        return NoResponse.INSTANCE;
    }

    /**
     * Whether the connect work and the banner would run no script code: no callback of theirs defined, no RBL lookup
     * to make (whose results RBLResults would read).
     */
    private boolean runsNoScript(SMTPSession session, ScriptInstance instance) {
        return CONNECT_CALLBACKS.stream().noneMatch(instance::defines)
                && !RblGlobals.dueAtStart(
                        settings,
                        session.getRemoteAddress().getAddress().getHostAddress(),
                        session.isRelayingAllowed());
    }

    private boolean neverCompiled() {
        return uncompiled.neverCompiled(
                ScriptSession.SCRIPT,
                caller.policy() == OnScriptError.ERROR
                        ? "with script.failure=tempfail every SMTP connection is answered 421 4.3.0"
                        : "James answers SMTP as without it (script.failure=default)");
    }
}
