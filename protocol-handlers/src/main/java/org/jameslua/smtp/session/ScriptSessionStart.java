package org.jameslua.smtp.session;

import java.lang.reflect.Field;
import javax.inject.Inject;
import org.apache.commons.configuration2.Configuration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.api.handler.ConnectHandler;
import org.apache.james.protocols.smtp.SMTPSession;
import org.jameslua.engine.LuaEngine;
import org.jameslua.james.LuaPackSettings;
import org.jameslua.james.ScriptMetrics;
import org.jameslua.smtp.reply.NoResponse;

/**
 * Takes each SMTP connection's work off James's I/O thread ({@link SessionWork}), then, on a worker, gives the
 * connection its own SMTPSVR.LUA instance, sets the session globals, and asks GetMaxMessageSize(client address,
 * James's limit). Writes nothing: the banner is {@link ScriptBanner}'s.
 */
public class ScriptSessionStart implements ConnectHandler<SMTPSession> {
    private final LuaEngine engine;
    private final LuaPackSettings settings;
    private final ScriptMetrics metrics;
    private final SessionWorkers workers;
    private Field channelField;

    @Inject
    public ScriptSessionStart(
            LuaEngine engine, LuaPackSettings settings, ScriptMetrics metrics, SessionWorkers workers) {
        this.engine = engine;
        this.settings = settings;
        this.metrics = metrics;
        this.workers = workers;
    }

    @Override
    public void init(Configuration config) throws ConfigurationException {
        try {
            channelField = NettyChannels.channelField();
        } catch (IllegalStateException e) {
            throw new ConfigurationException(e.getMessage(), e);
        }
    }

    @Override
    public Response onConnect(SMTPSession session) {
        SessionWork.install(session, NettyChannels.of(channelField, session), workers)
                .admit(() -> {
                    ScriptSession scriptSession =
                            ScriptSession.start(session, engine.newInstance(ScriptSession.SCRIPT), metrics, settings);
                    MaxMessageSize.ask(scriptSession, scriptSession.clientAddress());
                });
        return NoResponse.INSTANCE;
    }
}
