package org.jameslua.smtp.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CommandCallbacksTest {

    @Test
    void theVerbIsTheLinesFirstWordInUpperCase() {
        assertThat(verb("mail FROM:<a@example.org>\r\n")).contains("MAIL");
        assertThat(verb("QUIT\r\n")).contains("QUIT");
        assertThat(verb("STARTTLS\r\n")).contains("STARTTLS");
        assertThat(verb("\r\n")).isEmpty();
        assertThat(verb("Subject-line-of-a-message\r\n")).isEmpty();
        assertThat(verb("auth PLAIN\r\n")).contains("AUTH");
        assertThat(verb("Data\r\n")).contains("DATA");
    }

    @Test
    void theVerbIsReadAsJamesReadsIt() {
        // James trims the line (bytes up to a space at either end) and cuts the verb at the first space
        assertThat(verb(" STARTTLS\r\n")).contains("STARTTLS");
        assertThat(verb("\tSTARTTLS\r\n")).contains("STARTTLS");
        assertThat(verb("STARTTLS\u0000\r\n")).contains("STARTTLS");
        assertThat(verb("STARTTLS\t\r\n")).contains("STARTTLS");
        assertThat(verb("\u0000\u000bAUTH LOGIN\r\n")).contains("AUTH");
        assertThat(verb("STARTTLS")).contains("STARTTLS");
        // no space: James's verb is the whole trimmed line, which is none of these
        assertThat(verb("NOOP\rRSET\r\n")).isEmpty();
        assertThat(verb("AUTH\tPLAIN\r\n")).isEmpty();
        assertThat(verb(" \t\r\n")).isEmpty();
    }

    @Test
    void aWordThatIsNoVerbTheSessionWorkTellsApartHasNone() {
        assertThat(verb("VRFY postmaster\r\n")).isEmpty();
        assertThat(verb("MAILS FROM:<a@example.org>\r\n")).isEmpty();
        // longer than the longest verb, STARTTLS, with it as its start
        assertThat(verb("STARTTLSX\r\n")).isEmpty();
        assertThat(verb("starttlsx 1\r\n")).isEmpty();
        assertThat(verb("M@IL FROM:<a@example.org>\r\n")).isEmpty();
        assertThat(verb("Dear Bob,\r\n")).isEmpty();
    }

    @Test
    void aVerbNotListedCanCallDoUnrecognisedOnlyAndAuthOrStartTlsAlwaysGoToAWorker() {
        assertThat(CommandCallbacks.of(Optional.of("RCPT"))).contains(List.of("DoRCPTTO"));
        assertThat(CommandCallbacks.of(Optional.of("EHLO")).orElseThrow())
                .contains("DoHELO", "GetEHLOCapabilities", "GetMaxMessageSize");
        assertThat(CommandCallbacks.of(Optional.of("AUTH"))).isEmpty();
        assertThat(CommandCallbacks.of(Optional.of("STARTTLS"))).isEmpty();
        assertThat(CommandCallbacks.of(verb("VRFY bob"))).contains(List.of("DoUnrecognised"));
        assertThat(CommandCallbacks.of(verb("FOO"))).contains(List.of("DoUnrecognised"));
    }

    private static Optional<String> verb(String line) {
        return CommandCallbacks.verb(Unpooled.copiedBuffer(line, StandardCharsets.US_ASCII));
    }
}
