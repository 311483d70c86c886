package org.jameslua.smtp.session;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.james.metrics.tests.RecordingMetricFactory;
import org.apache.james.protocols.netty.NettyProtocolTransport;
import org.apache.james.protocols.smtp.SMTPConfigurationImpl;
import org.apache.james.protocols.smtp.SMTPSessionImpl;
import org.jameslua.engine.Limits;
import org.jameslua.engine.LuaEngine;
import org.jameslua.engine.ServerLimits;
import org.jameslua.engine.net.NetConfig;
import org.jameslua.james.LuaPackSettings;
import org.jameslua.james.ScriptCallCounts;
import org.jameslua.james.ScriptFailure;
import org.jameslua.james.ScriptMetrics;
import org.jameslua.james.script.ScriptCallers;

/**
 * A client's SMTP session of James's with its SMTPSVR.LUA instance attached as {@link ScriptSessionStart} leaves it
 * (the session globals given, calls under {@code script.failure}'s policy), for the tests of the handlers outside
 * this package: they find the instance through {@link ScriptSession#of}, as in James.
 */
public final class ScriptedSession implements AutoCloseable {
    private final Path folder;
    private final LuaEngine engine;
    private final SMTPSessionImpl smtp;
    private final ScriptSession script;

    private ScriptedSession(Path folder, String script, ScriptFailure failure) throws IOException {
        this.folder = folder;
        Files.writeString(folder.resolve(ScriptSession.SCRIPT), script);
        engine = LuaEngine.builder(folder).build();
        smtp = withoutScript();
        LuaPackSettings settings = new LuaPackSettings(
                folder,
                Limits.defaults(),
                ServerLimits.defaults(),
                NetConfig.defaults(),
                failure,
                1,
                List.of(),
                List.of());
        this.script = ScriptSession.start(
                smtp,
                engine.newInstance(ScriptSession.SCRIPT),
                new ScriptCallers(new ScriptMetrics(new RecordingMetricFactory(), new ScriptCallCounts()))
                        .shared(failure.onScriptError()),
                settings);
    }

    /** {@code script} as SMTPSVR.LUA in {@code folder}, under {@code script.failure=default}. */
    public static ScriptedSession start(Path folder, String script) throws IOException {
        return new ScriptedSession(folder, script, ScriptFailure.DEFAULT);
    }

    public static ScriptedSession start(Path folder, String script, ScriptFailure failure) throws IOException {
        return new ScriptedSession(folder, script, failure);
    }

    /** A session of James's that no SMTPSVR.LUA instance was attached to. */
    public static SMTPSessionImpl withoutScript() {
        return new SMTPSessionImpl(
                new NettyProtocolTransport(new ClientChannel(), null, false), new SMTPConfigurationImpl());
    }

    /** James's session, as its handlers get it. */
    public SMTPSessionImpl smtp() {
        return smtp;
    }

    public ScriptSession script() {
        return script;
    }

    /** What LUAERRORS.LOG holds, where a bad return or a failed callback is reported to the operator. */
    public String errorLog() throws IOException {
        Path log = folder.resolve("LUAERRORS.LOG");
        return Files.exists(log) ? Files.readString(log) : "";
    }

    /** Calls End() and lets the instance go, as at the end of the connection. */
    @Override
    public void close() {
        try {
            script.end();
        } finally {
            engine.close();
        }
    }
}
