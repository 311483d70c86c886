package org.jameslua.smtp.envelope;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.apache.james.protocols.api.BaseRequest;
import org.apache.james.protocols.api.handler.UnknownCommandHandler;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.jameslua.smtp.session.ScriptedSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command text the callbacks get, and GetMaxMessageSize at HELO and EHLO. */
class EnvelopeCommandsTest {
    @TempDir
    Path folder;

    private ScriptedSession session;

    @AfterEach
    void close() {
        session.close();
    }

    @Test
    void theRecorderKeepsTheTextOfTheCommandsWhoseCallbacksGetItAndAnswersNone() throws Exception {
        session = ScriptedSession.start(folder, "");
        CommandRecorder recorder = new CommandRecorder();

        assertThat(recorder.getImplCommands())
                .containsExactlyInAnyOrder("MAIL", "RCPT", "EHLO", "HELO", UnknownCommandHandler.COMMAND_IDENTIFIER);
        assertThat(recorder.onCommand(session.smtp(), new BaseRequest("XFOO", "bar baz")))
                .isNull();
        assertThat(session.script().commandLine()).isEqualTo("XFOO bar baz");
    }

    @Test
    void getMaxMessageSizeAtHeloGetsItsArgumentAndTheLimitSoFarAndSetsTheLimit() throws Exception {
        session = ScriptedSession.start(
                folder,
                "function GetMaxMessageSize(helo, current)\n"
                        + "  if helo == 'big.example' then return current + 5000 end\n"
                        + "  return 1000\n"
                        + "end\n");
        ScriptHeloHook hook = new ScriptHeloHook();

        assertThat(hook.doHelo(session.smtp(), "small.example")).isEqualTo(HookResult.DECLINED);
        assertThat(session.script().maxMessageSize()).isEqualTo(1000);
        hook.doHelo(session.smtp(), "big.example");
        assertThat(session.script().maxMessageSize()).isEqualTo(6000);
    }
}
