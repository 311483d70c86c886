package org.jameslua.smtp.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.netty.NettyProtocolTransport;
import org.apache.james.protocols.smtp.SMTPConfigurationImpl;
import org.apache.james.protocols.smtp.SMTPResponse;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.SMTPSessionImpl;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.HookReturnCode;
import org.junit.jupiter.api.Test;

/**
 * The message size limit of a session without SMTPSVR.LUA, James's {@code maxmessagesize}, as a client sees it: the
 * EHLO keyword, MAIL FROM's SIZE parameter, and a message's lines past the limit refused at its end. (The limit a
 * script's GetMaxMessageSize gives: {@code SessionWorkTest.Connect}.)
 */
class SessionSizeLimitTest {
    private static final String TOO_BIG = "552 5.3.4 Message size exceeds the limit of 10 bytes for this session";

    private final SessionSizeLimit sizeLimit = new SessionSizeLimit();
    // what James's next data line filter was given
    private final List<String> passedOn = new ArrayList<>();

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

    private void send(SMTPSession session, String... lines) {
        for (String line : lines) {
            Response response = sizeLimit.onLine(session, line.getBytes(StandardCharsets.US_ASCII), (s, bytes) -> {
                passedOn.add(new String(bytes, StandardCharsets.US_ASCII));
                return line.equals(".\r\n") ? new SMTPResponse("250", "queued") : null;
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
