package org.jameslua.smtp.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.apache.james.metrics.tests.RecordingMetricFactory;
import org.apache.james.protocols.api.BaseRequest;
import org.apache.james.protocols.api.ProtocolSession.State;
import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.netty.NettyProtocolTransport;
import org.apache.james.protocols.smtp.SMTPConfigurationImpl;
import org.apache.james.protocols.smtp.SMTPResponse;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.SMTPSessionImpl;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.HookReturnCode;
import org.jameslua.engine.Limits;
import org.jameslua.engine.LuaEngine;
import org.jameslua.engine.ServerLimits;
import org.jameslua.engine.net.NetConfig;
import org.jameslua.james.LuaPackSettings;
import org.jameslua.james.ScriptCallCounts;
import org.jameslua.james.ScriptFailure;
import org.jameslua.james.ScriptMetrics;
import org.jameslua.james.script.OnScriptError;
import org.jameslua.james.script.ScriptCallers;
import org.jameslua.smtp.data.ScriptDataStart;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The message size limit of a session without SMTPSVR.LUA, James's {@code maxmessagesize}, as a client sees it: the
 * EHLO keyword, MAIL FROM's SIZE parameter, and a message's lines past the limit refused at its end. (The limit a
 * script's GetMaxMessageSize gives: {@code SessionWorkTest.Connect}.) DoDATAStart's header lines, which the same
 * filter sends in front of the message's first line, are here too.
 */
class SessionSizeLimitTest {
    private static final String TOO_BIG = "552 5.3.4 Message size exceeds the limit of 10 bytes for this session";

    @TempDir
    Path folder;

    private LuaEngine engine;
    private final SessionSizeLimit sizeLimit = new SessionSizeLimit();
    // what James's next data line filter was given
    private final List<String> passedOn = new ArrayList<>();

    @AfterEach
    void close() {
        if (engine != null) {
            engine.close();
        }
    }

    @Test
    void ehloAdvertisesTheLimitAndNoneWithoutOne() {
        assertThat(sizeLimit.getImplementedEsmtpFeatures(session(1000))).containsExactly("SIZE 1000");
        assertThat(sizeLimit.getImplementedEsmtpFeatures(session(1))).containsExactly("SIZE 1");
        assertThat(sizeLimit.getImplementedEsmtpFeatures(session(0))).isEmpty();
        assertThat(sizeLimit.getImplementedEsmtpFeatures(session(-1))).isEmpty();
    }

    @Test
    void mailFromDeclaringMoreThanTheLimitIsRefused() {
        SMTPSession session = session(10);

        assertThat(sizeLimit.getMailParamNames()).containsExactly("SIZE");
        assertThat(reply(sizeLimit.doMailParameter(session, "SIZE", "11"))).isEqualTo(TOO_BIG);
        assertThat(reply(sizeLimit.doMailParameter(session, "SIZE", " 11 "))).isEqualTo(TOO_BIG);
        assertThat(sizeLimit.doMailParameter(session, "SIZE", "10").getResult()).isEqualTo(HookReturnCode.declined());
        assertThat(sizeLimit.doMailParameter(session, "SIZE", "0").getResult()).isEqualTo(HookReturnCode.declined());
        assertThat(sizeLimit.doMailParameter(session(0), "SIZE", "99999999999").getResult())
                .isEqualTo(HookReturnCode.declined());
    }

    @Test
    void aSizeThatIsNoCountOfBytesIsASyntaxError() {
        String syntaxError = "501 5.5.4 Syntactically incorrect value for SIZE parameter";

        assertThat(reply(sizeLimit.doMailParameter(session(10), "SIZE", "-1"))).isEqualTo(syntaxError);
        assertThat(reply(sizeLimit.doMailParameter(session(10), "SIZE", "ten"))).isEqualTo(syntaxError);
        assertThat(reply(sizeLimit.doMailParameter(session(0), "SIZE", "-1"))).isEqualTo(syntaxError);
    }

    @Test
    void aMessageOfExactlyTheLimitGoesOnToJames() {
        SMTPSession session = session(10);

        send(session, "12345678\r\n", ".\r\n");

        assertThat(passedOn).containsExactly("12345678\r\n", ".\r\n");
        assertThat(sizeLimit.onMessage(session, null).getResult()).isEqualTo(HookReturnCode.declined());
    }

    @Test
    void aMessageOverTheLimitIsRefusedAtItsEndAndItsLinesPastTheLimitAreNotKept() {
        SMTPSession session = session(10);

        send(session, "12345678\r\n", "x\r\n", "y\r\n", ".\r\n");

        assertThat(passedOn).containsExactly("12345678\r\n", ".\r\n");
        assertThat(reply(sizeLimit.onMessage(session, null))).isEqualTo(TOO_BIG);
    }

    @Test
    void aLineOfThreeBytesIsPartOfTheMessageUnlessItIsTheDot() {
        SMTPSession session = session(5);

        send(session, "x\r\n", "y\r\n", ".\r\n");

        assertThat(passedOn).containsExactly("x\r\n", ".\r\n");
        assertThat(reply(sizeLimit.onMessage(session, null))).startsWith("552 ");
    }

    @Test
    void withoutALimitEveryLineGoesOnToJames() {
        SMTPSession session = session(0);

        send(session, "12345678901234567890\r\n", ".\r\n");

        assertThat(passedOn).containsExactly("12345678901234567890\r\n", ".\r\n");
        assertThat(sizeLimit.onMessage(session, null).getResult()).isEqualTo(HookReturnCode.declined());
    }

    @Test
    void theNextMessageOfTheSessionIsCountedFromNothing() {
        SMTPSession session = session(10);
        send(session, "12345678\r\n", "x\r\n", ".\r\n");
        assertThat(reply(sizeLimit.onMessage(session, null))).isEqualTo(TOO_BIG);

        // James resets the transaction's state for the next MAIL FROM
        session.resetState();
        passedOn.clear();
        send(session, "1234\r\n", ".\r\n");

        assertThat(passedOn).containsExactly("1234\r\n", ".\r\n");
        assertThat(sizeLimit.onMessage(session, null).getResult()).isEqualTo(HookReturnCode.declined());
    }

    @Test
    void anAnswerOfJamesToALineOfTheMessageGoesBackToIt() {
        Response refusal = new SMTPResponse("451", "not now");

        Response response =
                sizeLimit.onLine(session(10), "1234\r\n".getBytes(StandardCharsets.US_ASCII), (s, line) -> refusal);

        assertThat(response).isSameAs(refusal);
    }

    @Test
    void doDataStartsHeaderLinesGoInFrontOfTheMessagesFirstLine() throws Exception {
        SMTPSession session = sessionWithDataStartHeaders(100);

        send(session, "Subject: hi\r\n", "\r\n", "body\r\n", ".\r\n");

        assertThat(passedOn).containsExactly("X-Script: yes\r\n", "Subject: hi\r\n", "\r\n", "body\r\n", ".\r\n");
    }

    @Test
    void doDataStartsHeaderLinesGoInFrontOfTheEndOfAnEmptyMessage() throws Exception {
        SMTPSession session = sessionWithDataStartHeaders(100);

        send(session, ".\r\n");

        assertThat(passedOn).containsExactly("X-Script: yes\r\n", ".\r\n");
    }

    // a session whose SMTPSVR.LUA gave DoDATAStart's header line for the DATA just accepted
    private SMTPSession sessionWithDataStartHeaders(long maxMessageSize) throws Exception {
        Files.writeString(
                folder.resolve(ScriptSession.SCRIPT), "function DoDATAStart() return '', 'X-Script: yes' end\n");
        engine = LuaEngine.builder(folder).build();
        SMTPSession session = session(maxMessageSize);
        ScriptSession.start(
                session,
                engine.newInstance(ScriptSession.SCRIPT),
                new ScriptCallers(new ScriptMetrics(new RecordingMetricFactory(), new ScriptCallCounts()))
                        .shared(OnScriptError.PASS),
                new LuaPackSettings(
                        folder,
                        Limits.defaults(),
                        ServerLimits.defaults(),
                        NetConfig.defaults(),
                        ScriptFailure.DEFAULT,
                        1,
                        List.of(),
                        List.of()));
        session.setAttachment(SMTPSession.SENDER, MaybeSender.getMailSender("a@example.org"), State.Transaction);
        session.setAttachment(SMTPSession.RCPT_LIST, List.of(new MailAddress("b@example.org")), State.Transaction);
        assertThat(new ScriptDataStart().onCommand(session, new BaseRequest("DATA", null)))
                .isNull();
        return session;
    }

    private void send(SMTPSession session, String... lines) {
        for (String line : lines) {
            Response response = sizeLimit.onLine(session, line.getBytes(StandardCharsets.US_ASCII), (s, bytes) -> {
                String passed = new String(bytes, StandardCharsets.US_ASCII);
                passedOn.add(passed);
                return passed.equals(".\r\n") ? new SMTPResponse("250", "queued") : null;
            });
            // James's reply to the message comes back from its end; no line before the end is answered
            if (line.equals(".\r\n")) {
                assertThat(response.getRetCode()).isEqualTo("250");
            } else {
                assertThat(response).as(line).isNull();
            }
        }
    }

    private static String reply(HookResult result) {
        return result.getSmtpRetCode() + " " + result.getSmtpDescription();
    }

    private static SMTPSession session(long maxMessageSize) {
        return new SMTPSessionImpl(
                new NettyProtocolTransport(new ClientChannel(), null, false), new SMTPConfigurationImpl() {
                    @Override
                    public long getMaxMessageSize() {
                        return maxMessageSize;
                    }
                });
    }
}
