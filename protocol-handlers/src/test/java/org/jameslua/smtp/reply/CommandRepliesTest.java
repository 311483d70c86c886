package org.jameslua.smtp.reply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jameslua.smtp.JamesCommands.run;
import static org.jameslua.smtp.JamesCommands.text;
import static org.jameslua.smtp.JamesCommands.wired;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.james.metrics.tests.RecordingMetricFactory;
import org.apache.james.protocols.api.BaseRequest;
import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.api.handler.CommandDispatcher;
import org.apache.james.protocols.api.handler.CommandHandler;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.core.HelpCmdHandler;
import org.apache.james.protocols.smtp.core.NoopCmdHandler;
import org.apache.james.protocols.smtp.core.QuitCmdHandler;
import org.apache.james.protocols.smtp.core.RsetCmdHandler;
import org.apache.james.protocols.smtp.core.UnknownCmdHandler;
import org.apache.james.protocols.smtp.core.VrfyCmdHandler;
import org.jameslua.james.ScriptFailure;
import org.jameslua.smtp.session.ScriptedSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** DoHELP, DoNOOP, DoRSET, DoQUIT and DoUnrecognised, as the client sees James's replies to their commands. */
class CommandRepliesTest {
    @TempDir
    Path folder;

    private ScriptedSession session;

    @AfterEach
    void close() {
        if (session != null) {
            session.close();
        }
    }

    @Test
    void eachCallbacksReplyReplacesJamesReplyToItsCommand() throws Exception {
        start("function DoNOOP() return '250 2.0.0 noop by the script' end\n"
                + "function DoRSET() return '250 2.0.0 reset by the script' end\n"
                + "function DoHELP(text) return '214-the script helps\\r\\n214 ' .. text:sub(1, 3) end\n");

        assertThat(text(command(new NoopCmdHandler(), "NOOP"))).isEqualTo("250 2.0.0 noop by the script");
        assertThat(text(command(new RsetCmdHandler(), "RSET"))).isEqualTo("250 2.0.0 reset by the script");
        Response help = command(new HelpCmdHandler(), "HELP");
        String jamesHelp = text(withoutScript(new HelpCmdHandler(), "HELP"));
        assertThat(text(help)).isEqualTo("214-the script helps\r\n214 " + jamesHelp.substring(0, 3));
    }

    @Test
    void doHelpGetsJamesReplyAsItWouldGoOnTheWire() throws Exception {
        start("function DoHELP(text) seen = text end\nfunction Seen() return seen end\n");
        String james = text(withoutScript(new HelpCmdHandler(), "HELP"));

        assertThat(text(command(new HelpCmdHandler(), "HELP"))).isEqualTo(james);

        assertThat(session.script()
                        .ask("Seen", values -> values.arg1().tojstring())
                        .value())
                .contains(james);
    }

    @Test
    void anEmptyReplyOrNoCallbackKeepsJamesReply() throws Exception {
        start("function DoNOOP() return '' end\n");

        assertThat(text(command(new NoopCmdHandler(), "NOOP")))
                .isEqualTo(text(withoutScript(new NoopCmdHandler(), "NOOP")));
        assertThat(text(command(new RsetCmdHandler(), "RSET")))
                .isEqualTo(text(withoutScript(new RsetCmdHandler(), "RSET")));
    }

    @Test
    void aFailureReplyIsGivenAnd421ClosesTheConnection() throws Exception {
        start("function DoNOOP() return '502 5.5.1 no noop here' end\nfunction DoRSET() return '421 4.3.2 bye' end\n");

        Response noop = command(new NoopCmdHandler(), "NOOP");
        assertThat(text(noop)).isEqualTo("502 5.5.1 no noop here");
        assertThat(noop.isEndSession()).isFalse();
        Response rset = command(new RsetCmdHandler(), "RSET");
        assertThat(text(rset)).isEqualTo("421 4.3.2 bye");
        assertThat(rset.isEndSession()).isTrue();
    }

    @Test
    void quitClosesTheConnectionWhateverTheReply() throws Exception {
        start("function DoQUIT() return '250 2.0.0 see you' end\n");

        Response quit = command(quit(), "QUIT");

        assertThat(text(quit)).isEqualTo("250 2.0.0 see you");
        assertThat(quit.isEndSession()).isTrue();
    }

    @Test
    void a3xxReplyIsUnusableAndReported() throws Exception {
        start("function DoNOOP() return '354 what' end\n");

        assertThat(text(command(new NoopCmdHandler(), "NOOP")))
                .isEqualTo(text(withoutScript(new NoopCmdHandler(), "NOOP")));
        assertThat(session.errorLog()).contains("DoNOOP gave a 3xx reply");
    }

    @Test
    void aFailingCallbackUnderTempfailGives451ButQuitStillCloses() throws Exception {
        session = ScriptedSession.start(
                folder,
                "function DoNOOP() error('broken') end\nfunction DoQUIT() error('broken') end\n",
                ScriptFailure.TEMPFAIL);

        Response noop = command(new NoopCmdHandler(), "NOOP");
        assertThat(text(noop)).startsWith("451 4.3.0 ");
        assertThat(noop.isEndSession()).isFalse();

        Response quit = command(quit(), "QUIT");
        assertThat(text(quit)).isEqualTo(text(withoutScript(quit(), "QUIT")));
        assertThat(quit.isEndSession()).isTrue();
    }

    @Test
    void doUnrecognisedGetsTheCommandLineWithItsVerbInUpperCase() throws Exception {
        start("function DoUnrecognised(line) return '250 2.0.0 [' .. line .. ']' end\n");

        Response response =
                run(session.smtp(), wired(new UnknownCmdHandler(new RecordingMetricFactory())), "XFOO", "bar Baz");

        assertThat(text(response)).isEqualTo("250 2.0.0 [XFOO bar Baz]");
    }

    @Test
    void aReplySeenAgainWithTheDispatcherThatHandedTheCommandOnIsLeftAlone() throws Exception {
        start("calls = 0\nfunction DoNOOP() calls = calls + 1; return '250 2.0.0 call ' .. calls end\n");
        Response james = new NoopCmdHandler().onCommand(session.smtp(), new BaseRequest("NOOP", null));

        Response first = new ScriptReplies().onResponse(session.smtp(), james, 0, new NoopCmdHandler());
        Response second =
                new ScriptReplies().onResponse(session.smtp(), first, 0, new CommandDispatcher<SMTPSession>());

        assertThat(second).isSameAs(first);
        assertThat(text(second)).isEqualTo("250 2.0.0 call 1");
    }

    @Test
    void theRepliesToCommandsWithoutCallbacksGoAsJamesMadeThem() throws Exception {
        start("function DoNOOP() return '250 2.0.0 not asked' end\n");
        Response james = new VrfyCmdHandler().onCommand(session.smtp(), new BaseRequest("VRFY", "bob"));

        assertThat(new ScriptReplies().onResponse(session.smtp(), james, 0, new VrfyCmdHandler()))
                .isSameAs(james);
    }

    @Test
    void withoutTheScriptsInstanceJamesRepliesGoAsTheyAre() throws Exception {
        SMTPSession plain = ScriptedSession.withoutScript();
        Response james = new NoopCmdHandler().onCommand(plain, new BaseRequest("NOOP", null));

        assertThat(new ScriptReplies().onResponse(plain, james, 0, new NoopCmdHandler()))
                .isSameAs(james);
    }

    private void start(String script) throws Exception {
        session = ScriptedSession.start(folder, script);
    }

    private Response command(CommandHandler<SMTPSession> james, String verb) {
        return run(session.smtp(), james, verb, null);
    }

    /** James's reply to the command in a session whose script defines no callback. */
    private Response withoutScript(CommandHandler<SMTPSession> james, String verb) throws Exception {
        try (ScriptedSession plain = ScriptedSession.start(Files.createDirectories(folder.resolve("without")), "")) {
            return run(plain.smtp(), james, verb, null);
        }
    }

    private static QuitCmdHandler quit() throws Exception {
        return wired(new QuitCmdHandler(new RecordingMetricFactory()));
    }
}
