package org.jameslua.smtp.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.james.core.Username;
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
import org.jameslua.james.script.OnScriptError;
import org.jameslua.james.script.ScriptCaller;
import org.jameslua.james.script.ScriptCallers;
import org.jameslua.smtp.reply.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What one connection's SMTPSVR.LUA instance is given and keeps, read by the pack's handlers. */
class ScriptSessionTest {
    @TempDir
    Path folder;

    private LuaEngine engine;
    private final SMTPSessionImpl session = new SMTPSessionImpl(
            new NettyProtocolTransport(new ClientChannel(), null, false), new SMTPConfigurationImpl());

    @AfterEach
    void close() {
        if (engine != null) {
            engine.close();
        }
    }

    @Test
    void eachCallSeesTheUserTheClientAuthenticatedAsByThen() throws Exception {
        ScriptSession scriptSession = start("function User() return AuthenticatedUser end\n");

        assertThat(user(scriptSession)).isEmpty();
        session.setUsername(Username.of("bob"));
        assertThat(user(scriptSession)).isEqualTo("bob");
    }

    @Test
    void theCommandLineIsItsVerbAndItsArgumentAsSent() throws Exception {
        ScriptSession scriptSession = start("");

        scriptSession.command("MAIL", "FROM:<a@example.org> SIZE=10");
        assertThat(scriptSession.commandLine()).isEqualTo("MAIL FROM:<a@example.org> SIZE=10");
        assertThat(scriptSession.commandArgument()).isEqualTo("FROM:<a@example.org> SIZE=10");

        scriptSession.command("QUIT", null);
        assertThat(scriptSession.commandLine()).isEqualTo("QUIT");
        assertThat(scriptSession.commandArgument()).isEmpty();
    }

    @Test
    void aPendingReplyIsGivenOnceForItsStage() throws Exception {
        ScriptSession scriptSession = start("");
        Reply reply = Reply.of(250, "2.1.0 fine by the script");

        scriptSession.pending(ScriptSession.Stage.RCPT, reply);

        assertThat(scriptSession.takePending(ScriptSession.Stage.MAIL)).isEmpty();
        assertThat(scriptSession.takePending(ScriptSession.Stage.RCPT)).contains(reply);
        assertThat(scriptSession.takePending(ScriptSession.Stage.RCPT)).isEmpty();
    }

    @Test
    void theEndOfTheConnectionDetachesTheInstanceAndLetsItGo() throws Exception {
        Files.writeString(folder.resolve(ScriptSession.SCRIPT), "kept = string.rep('x', 100000)\n");
        engine = LuaEngine.builder(folder).build();
        long charged = engine.retainedMemory().charged();
        ScriptSession scriptSession =
                ScriptSession.start(session, engine.newInstance(ScriptSession.SCRIPT), caller(), settings());
        assertThat(engine.retainedMemory().charged()).isGreaterThan(charged);

        assertThat(ScriptSession.detach(session)).containsSame(scriptSession);
        scriptSession.end();

        assertThat(ScriptSession.of(session)).isEmpty();
        assertThat(engine.retainedMemory().charged()).isEqualTo(charged);
    }

    private static String user(ScriptSession scriptSession) {
        return scriptSession
                .ask("User", values -> values.arg1().tojstring())
                .value()
                .orElseThrow();
    }

    private ScriptSession start(String script) throws Exception {
        Files.writeString(folder.resolve(ScriptSession.SCRIPT), script);
        engine = LuaEngine.builder(folder).build();
        return ScriptSession.start(session, engine.newInstance(ScriptSession.SCRIPT), caller(), settings());
    }

    private static ScriptCaller caller() {
        return new ScriptCallers(new ScriptMetrics(new RecordingMetricFactory(), new ScriptCallCounts()))
                .shared(OnScriptError.PASS);
    }

    private LuaPackSettings settings() {
        return new LuaPackSettings(
                folder,
                Limits.defaults(),
                ServerLimits.defaults(),
                NetConfig.defaults(),
                ScriptFailure.DEFAULT,
                1,
                List.of(),
                List.of());
    }
}
