package org.jameslua.smtp;

import java.util.List;

import javax.inject.Inject;

import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.api.handler.ConnectHandler;
import org.apache.james.protocols.smtp.SMTPSession;
import org.jameslua.engine.LuaEngine;
import org.jameslua.james.LuaPackSettings;
import org.jameslua.james.ScriptMetrics;

/**
 * Gives every SMTP connection its own SMTPSVR.LUA instance, sets the session globals, and asks
 * GetMaxMessageSize(client address, James's limit). Writes nothing: the banner is {@link ScriptBanner}'s.
 */
public class ScriptSessionStart implements ConnectHandler<SMTPSession> {
    /** Not null, which James 3.8.1's JMX connect monitor would dereference; no line, so nothing is written. */
    private static final Response NOTHING = new Response() {
        @Override
        public String getRetCode() {
            return "";
        }

        @Override
        public List<CharSequence> getLines() {
            return List.of();
        }

        @Override
        public boolean isEndSession() {
            return false;
        }
    };

    private final LuaEngine engine;
    private final LuaPackSettings settings;
    private final ScriptMetrics metrics;

    @Inject
    public ScriptSessionStart(LuaEngine engine, LuaPackSettings settings, ScriptMetrics metrics) {
        this.engine = engine;
        this.settings = settings;
        this.metrics = metrics;
    }

    @Override
    public Response onConnect(SMTPSession session) {
        ScriptSession scriptSession = ScriptSession.start(session, engine.newInstance(ScriptSession.SCRIPT), metrics,
                settings);
        MaxMessageSize.ask(scriptSession, scriptSession.clientAddress());
        return NOTHING;
    }
}
