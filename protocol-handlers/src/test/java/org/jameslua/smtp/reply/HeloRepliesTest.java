package org.jameslua.smtp.reply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jameslua.smtp.JamesCommands.run;
import static org.jameslua.smtp.JamesCommands.text;
import static org.jameslua.smtp.JamesCommands.wired;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.james.metrics.tests.RecordingMetricFactory;
import org.apache.james.protocols.api.BaseRequest;
import org.apache.james.protocols.api.ProtocolSession.State;
import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.core.HeloCmdHandler;
import org.apache.james.protocols.smtp.core.esmtp.EhloCmdHandler;
import org.jameslua.james.ScriptFailure;
import org.jameslua.smtp.session.ScriptedSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** DoHELO's and GetEHLOCapabilities' return conventions, as the client sees James's HELO and EHLO replies. */
class HeloRepliesTest {
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
    void doHeloGetsTheHostWhetherJamesRefusesAndWhetherItIsEhlo() throws Exception {
        start("function DoHELO(host, refuse, ehlo)\n"
                + "  return false, '250 ' .. host .. ' ' .. tostring(refuse) .. ' ' .. tostring(ehlo)\n"
                + "end\n");

        assertThat(text(helo("client.example"))).isEqualTo("250 client.example false false");
        assertThat(text(ehlo("client.example"))).startsWith("250-client.example false true\r\n");
    }

    @Test
    void anEmptyReplyKeepsJamesGreetingAsJamesMadeIt() throws Exception {
        start("function DoHELO() return false, '' end\n");
        Response james = wired(new HeloCmdHandler(new RecordingMetricFactory()))
                .onCommand(session.smtp(), new BaseRequest("HELO", "client.example"));
        session.smtp().resetState();

        assertThat(text(helo("client.example"))).isEqualTo(text(james));
        assertThat(helloName()).isEqualTo("client.example");
    }

    @Test
    void aPositiveReplyReplacesTheGreetingLineAndTheCapabilitiesFollow() throws Exception {
        start("function DoHELO() return false, '250 mx.example at your service' end\n");
        String james = text(withoutScript(this::ehlo));

        Response response = ehlo("client.example");

        String capabilities = james.substring(james.indexOf("\r\n"));
        assertThat(text(response)).isEqualTo("250-mx.example at your service" + capabilities);
    }

    @Test
    void refusingGivesTheStandardRefusalAndTheClientHasNotGreeted() throws Exception {
        start("function DoHELO() return true end\n");

        assertThat(text(helo("client.example"))).isEqualTo("550 5.7.1 HELO refused");
        assertThat(helloName()).isNull();
        assertThat(text(ehlo("client.example"))).isEqualTo("550 5.7.1 EHLO refused");
        assertThat(helloName()).isNull();
    }

    @Test
    void aFailureReplyRefusesWithItAnd421ClosesTheConnection() throws Exception {
        start("function DoHELO(host)\n"
                + "  if host == 'bad.example' then return false, '554 5.7.1 not you' end\n"
                + "  return true, '421 4.7.0 bye'\n"
                + "end\n");

        Response refused = helo("bad.example");
        assertThat(text(refused)).isEqualTo("554 5.7.1 not you");
        assertThat(refused.isEndSession()).isFalse();
        assertThat(helloName()).isNull();

        Response closing = ehlo("other.example");
        assertThat(text(closing)).isEqualTo("421 4.7.0 bye");
        assertThat(closing.isEndSession()).isTrue();
    }

    @Test
    void jamesRefusalIsReworded() throws Exception {
        start("function DoHELO(host, refuse) if refuse then return true, '501 5.5.4 say who you are' end end\n");

        assertThat(text(helo(null))).isEqualTo("501 5.5.4 say who you are");
    }

    @Test
    void jamesRefusalIsNeverTurnedIntoAnAcceptance() throws Exception {
        start("function DoHELO() return false, '250 welcome' end\n");
        String james = text(withoutScript(() -> helo(null)));

        assertThat(james).startsWith("501");
        assertThat(text(helo(null))).isEqualTo(james);
    }

    @Test
    void unusableAnswersLeaveJamesReplyAndAreReported() throws Exception {
        start("function DoHELO(host)\n"
                + "  if host == 'a.example' then return false, '354 go on' end\n"
                + "  return true, '250 fine'\n"
                + "end\n");
        String james = text(withoutScript(() -> helo("a.example")));

        assertThat(text(helo("a.example"))).isEqualTo(james);
        assertThat(session.errorLog()).contains("DoHELO gave a 3xx reply");
        assertThat(text(helo("b.example"))).startsWith("250 ");
        assertThat(session.errorLog()).contains("DoHELO asked to refuse with a 2xx reply");
    }

    @Test
    void getEhloCapabilitiesGetsTheHostAndJamesCapabilitiesAndReplacesThem() throws Exception {
        start("function GetEHLOCapabilities(host, current)\n"
                + "  seen = host .. '|' .. current\n"
                + "  return '250-X-ONE\\r\\nX-TWO 2'\n"
                + "end\n"
                + "function Seen() return seen end\n");
        String james = text(withoutScript(this::ehlo));

        String reply = text(ehlo("client.example"));

        String greeting = james.substring(0, james.indexOf("\r\n"));
        assertThat(reply).isEqualTo(greeting + "\r\n250-X-ONE\r\n250 X-TWO 2");
        String current = james.substring(james.indexOf("\r\n") + 2).replaceAll("250[- ]", "");
        assertThat(session.script()
                        .ask("Seen", values -> values.arg1().tojstring())
                        .value())
                .contains("client.example|" + current);
    }

    @Test
    void getEhloCapabilitiesIsAskedAfterAnAcceptedEhloOnly() throws Exception {
        start("function GetEHLOCapabilities() return 'X-ASKED' end\n");

        assertThat(text(helo("client.example"))).doesNotContain("X-ASKED");
        assertThat(text(ehlo(null))).doesNotContain("X-ASKED");
        assertThat(text(ehlo("client.example"))).endsWith("250 X-ASKED");
    }

    @Test
    void aFailingCallbackUnderTempfailRefusesWith451AndTheClientHasNotGreeted() throws Exception {
        session = ScriptedSession.start(
                folder, "function GetEHLOCapabilities() error('broken') end\n", ScriptFailure.TEMPFAIL);
        assertThat(text(ehlo("client.example"))).startsWith("451 4.3.0 ");
        assertThat(helloName()).isNull();
        session.close();

        session = ScriptedSession.start(folder, "function DoHELO() error('broken') end\n", ScriptFailure.TEMPFAIL);
        assertThat(text(helo("client.example"))).startsWith("451 4.3.0 ");
        assertThat(helloName()).isNull();
    }

    @Test
    void aFailingCallbackOtherwiseLeavesJamesReply() throws Exception {
        start("function GetEHLOCapabilities() error('broken') end\nfunction DoHELO() error('broken') end\n");
        String james = text(withoutScript(this::ehlo));

        assertThat(text(ehlo("client.example"))).isEqualTo(james);
    }

    private interface Command {
        Response run() throws Exception;
    }

    /** James's own reply to the command, in a session of its own without the script. */
    private Response withoutScript(Command command) throws Exception {
        ScriptedSession scripted = session;
        session = ScriptedSession.start(Files.createDirectories(folder.resolve("without")), "");
        try {
            return command.run();
        } finally {
            session.close();
            session = scripted;
        }
    }

    private Response ehlo() throws Exception {
        return ehlo("client.example");
    }

    private void start(String script) throws Exception {
        session = ScriptedSession.start(folder, script);
    }

    private Response helo(String host) throws Exception {
        return run(session.smtp(), wired(new HeloCmdHandler(new RecordingMetricFactory())), "HELO", host);
    }

    private Response ehlo(String host) throws Exception {
        EhloCmdHandler james = new EhloCmdHandler(new RecordingMetricFactory());
        return run(session.smtp(), wired(james, james), "EHLO", host);
    }

    private String helloName() {
        return session.smtp()
                .getAttachment(SMTPSession.CURRENT_HELO_NAME, State.Connection)
                .orElse(null);
    }
}
