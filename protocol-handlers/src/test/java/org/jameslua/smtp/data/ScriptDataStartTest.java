package org.jameslua.smtp.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.apache.james.metrics.tests.RecordingMetricFactory;
import org.apache.james.protocols.api.BaseRequest;
import org.apache.james.protocols.api.ProtocolSession.State;
import org.apache.james.protocols.api.Request;
import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.api.handler.LineHandler;
import org.apache.james.protocols.smtp.SMTPResponse;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.core.DataCmdHandler;
import org.jameslua.james.ScriptFailure;
import org.jameslua.smtp.reply.ScriptReplies;
import org.jameslua.smtp.session.ScriptedSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DoDATAStart's return conventions as the client sees them: its refusal in place of James's DATA reply, its go-ahead
 * text in place of James's 354 ({@link ScriptReplies}), and its header lines in front of the message's first line.
 */
class ScriptDataStartTest {
    private static final Request DATA = new BaseRequest("DATA", null);

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
    void aRefusalReplacesJamesReplyWithItsRecipientsToHand() throws Exception {
        start("function DoDATAStart(recipients) return '554 5.7.1 not for ' .. table.concat(recipients, ', ') end\n");

        Response response = data();

        assertThat(response.getLines()).containsExactly("554 5.7.1 not for bob@example.org, carol@example.org");
        assertThat(response.isEndSession()).isFalse();
    }

    @Test
    void aTemporaryRefusalOf421ClosesTheConnection() throws Exception {
        start("function DoDATAStart() return '421 4.3.2 closing' end\n");

        Response response = data();

        assertThat(response.getLines()).containsExactly("421 4.3.2 closing");
        assertThat(response.isEndSession()).isTrue();
    }

    @Test
    void a354ReplyReplacesJamesGoAheadText() throws Exception {
        start("function DoDATAStart() return '354 Send it, end with a dot' end\n");

        assertThat(data()).isNull();

        assertThat(jamesGoAhead()).isEqualTo("354 Send it, end with a dot");
    }

    @Test
    void anEmptyReplyKeepsJamesGoAhead() throws Exception {
        start("function DoDATAStart() return '' end\n");

        assertThat(data()).isNull();

        assertThat(jamesGoAhead()).isEqualTo("354 go ahead");
        assertThat(session.errorLog()).isEmpty();
    }

    @Test
    void aPositiveOrOther3xxReplyIsUnusableAndJamesGoesAhead() throws Exception {
        start("function DoDATAStart() return '250 fine', 'X-Lost: yes' end\n");
        assertThat(data()).isNull();
        assertThat(jamesGoAhead()).isEqualTo("354 go ahead");
        assertThat(DataStartHeaders.take(session.smtp())).isEmpty();
        assertThat(session.errorLog()).contains("DoDATAStart gave a 2xx reply");
        session.close();

        start("function DoDATAStart() return '334 what' end\n");
        assertThat(data()).isNull();
        assertThat(jamesGoAhead()).isEqualTo("354 go ahead");
        assertThat(session.errorLog()).contains("DoDATAStart gave a 334 reply");
    }

    @Test
    void headerLinesGoInFrontOfTheMessagesFirstLineOnceEach() throws Exception {
        start("function DoDATAStart() return '', {'X-First: 1', 'X-Second: 2'} end\n");
        assertThat(data()).isNull();

        List<String> passedOn = new ArrayList<>();
        LineHandler<SMTPSession> james = (s, line) -> {
            passedOn.add(new String(line, StandardCharsets.US_ASCII));
            return null;
        };
        List<String> headers = DataStartHeaders.take(session.smtp());
        DataStartHeaders.send(session.smtp(), headers, "Subject: hi\r\n".getBytes(StandardCharsets.US_ASCII), james);

        assertThat(passedOn).containsExactly("X-First: 1\r\n", "X-Second: 2\r\n", "Subject: hi\r\n");
        assertThat(DataStartHeaders.take(session.smtp())).isEmpty();
    }

    @Test
    void headerLinesInOneStringAreSplitAtTheirLineEnds() throws Exception {
        start("function DoDATAStart() return nil, 'X-First: 1\\r\\nX-Second: 2' end\n");
        assertThat(data()).isNull();

        assertThat(DataStartHeaders.take(session.smtp())).containsExactly("X-First: 1", "X-Second: 2");
    }

    @Test
    void aHeaderLineJamesAnswersEndsTheSending() throws Exception {
        List<String> passedOn = new ArrayList<>();
        Response full = new SMTPResponse("552", "too much");
        LineHandler<SMTPSession> james = (s, line) -> {
            passedOn.add(new String(line, StandardCharsets.US_ASCII));
            return full;
        };
        start("");

        Response response = DataStartHeaders.send(
                session.smtp(), List.of("X-First: 1", "X-Second: 2"), "Subject: hi\r\n".getBytes(), james);

        assertThat(response).isSameAs(full);
        assertThat(passedOn).containsExactly("X-First: 1\r\n");
    }

    @Test
    void anInvalidDataIsLeftToJamesWithoutAskingTheScript() throws Exception {
        session = ScriptedSession.start(folder, "function DoDATAStart() return '554 5.7.1 asked' end\n");
        ScriptDataStart handler = new ScriptDataStart();

        session.smtp().setAttachment(SMTPSession.SENDER, MaybeSender.nullSender(), State.Transaction);
        assertThat(handler.onCommand(session.smtp(), DATA)).as("no recipient").isNull();

        session.smtp().removeAttachment(SMTPSession.SENDER, State.Transaction);
        session.smtp()
                .setAttachment(SMTPSession.RCPT_LIST, List.of(new MailAddress("bob@example.org")), State.Transaction);
        assertThat(handler.onCommand(session.smtp(), DATA)).as("no sender").isNull();

        session.smtp().setAttachment(SMTPSession.SENDER, MaybeSender.nullSender(), State.Transaction);
        assertThat(handler.onCommand(session.smtp(), new BaseRequest("DATA", "now")))
                .as("an argument")
                .isNull();
        assertThat(handler.onCommand(session.smtp(), new BaseRequest("DATA", " "))
                        .getLines())
                .as("a valid DATA, with a blank argument")
                .containsExactly("554 5.7.1 asked");
        assertThat(handler.onCommand(session.smtp(), DATA).getLines()).containsExactly("554 5.7.1 asked");
    }

    @Test
    void itRunsForDataAlone() {
        assertThat(new ScriptDataStart().getImplCommands()).containsExactly("DATA");
    }

    @Test
    void aFailingDoDataStartGoesAheadOrUnderTempfailRefusesWith451() throws Exception {
        String failing = "function DoDATAStart() error('broken') end\n";
        start(failing);
        assertThat(data()).isNull();
        session.close();

        session = ScriptedSession.start(folder, failing, ScriptFailure.TEMPFAIL);
        envelope();
        Response response = data();

        assertThat(response.getRetCode()).isEqualTo("451");
        assertThat(String.join("", response.getLines())).contains("4.3.0");
        assertThat(response.isEndSession()).isFalse();
    }

    private void start(String script) throws Exception {
        session = ScriptedSession.start(folder, script);
        envelope();
    }

    private void envelope() throws Exception {
        session.smtp()
                .setAttachment(
                        SMTPSession.SENDER, MaybeSender.of(new MailAddress("alice@example.org")), State.Transaction);
        session.smtp()
                .setAttachment(
                        SMTPSession.RCPT_LIST,
                        List.of(new MailAddress("bob@example.org"), new MailAddress("carol@example.org")),
                        State.Transaction);
    }

    private Response data() {
        return new ScriptDataStart().onCommand(session.smtp(), DATA);
    }

    /** What the client gets when James goes ahead with DATA after DoDATAStart. */
    private String jamesGoAhead() {
        Response james = new SMTPResponse("354", "go ahead");
        Response response = new ScriptReplies()
                .onResponse(session.smtp(), james, 0, new DataCmdHandler(new RecordingMetricFactory()));
        return String.join("\r\n", response.getLines());
    }
}
