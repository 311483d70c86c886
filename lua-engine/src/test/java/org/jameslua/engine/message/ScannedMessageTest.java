package org.jameslua.engine.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.jameslua.engine.message.TestMessages.crlf;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ScannedMessageTest {
    static final int NO_LIMIT = Integer.MAX_VALUE;

    final byte[] message = crlf(MimeScannerTest.ALTERNATIVE);
    final String raw = new String(message, StandardCharsets.US_ASCII);

    @Test
    void getMessagePartGivesTheUndecodedBodyOfAPathOrTheWholeMessage() throws IOException {
        try (ScannedMessage scanned = ScannedMessage.of(MessageSource.of(message))) {
            assertThat(part(scanned, "")).isEqualTo(raw);
            assertThat(part(scanned, "0")).isEqualTo(raw);
            assertThat(part(scanned, "1")).isEqualTo("Hello plain.");
            assertThat(part(scanned, "2")).isEqualTo("<p>Hello html.</p>");
            assertThat(part(scanned, "2.MIME"))
                    .isEqualTo(
                            "Content-Type: text/html; charset=us-ascii\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n");
            assertThat(part(scanned, "HEADER")).startsWith("From: ").endsWith("boundary=\"alt-1\"\r\n\r\n");
            assertThat(part(scanned, "TEXT")).startsWith("This is a multi-part").endsWith("epilogue\r\n");
            assertThat(part(scanned, "7")).isEmpty();
            assertThat(part(scanned, "not a path")).isEmpty();
        }
    }

    @Test
    void eachPartIsTheBytesFromBodyStartToEnd() throws IOException {
        try (ScannedMessage scanned = ScannedMessage.of(MessageSource.of(message))) {
            for (MimePart part : scanned.scan().parts()) {
                assertThat(part(scanned, part.path()))
                        .isEqualTo(TestMessages.text(message, part.bodyStart(), part.end()));
            }
        }
    }

    @Test
    void aPartOverTheStringLimitIsRefusedWithAClearMessage() throws IOException {
        try (ScannedMessage scanned = ScannedMessage.of(MessageSource.of(message))) {
            assertThatThrownBy(() -> scanned.part("", 100))
                    .isInstanceOf(IOException.class)
                    .hasMessage("part \"\" is " + message.length
                            + " bytes, over the string limit of 100; read it with GetMessageLine");
            assertThat(scanned.part("1", 12).tojstring()).isEqualTo("Hello plain.");
        }
    }

    @Test
    void linesComeWithTheirLineEndsAndFewerAtTheEnd() throws IOException {
        byte[] small = crlf("Subject: x\n\none\ntwo\nthree");
        try (ScannedMessage scanned = ScannedMessage.of(MessageSource.of(small))) {
            assertLines(scanned.lines(2, NO_LIMIT), 2, "Subject: x\r\n\r\n");
            assertLines(scanned.lines(1, NO_LIMIT), 1, "one\r\n");
            assertLines(scanned.lines(10, NO_LIMIT), 2, "two\r\nthree");
            assertLines(scanned.lines(10, NO_LIMIT), 0, "");

            scanned.reset();
            assertLines(scanned.lines(1, NO_LIMIT), 1, "Subject: x\r\n");

            scanned.seek(small.length - 5);
            assertLines(scanned.lines(1, NO_LIMIT), 1, "three");
            scanned.seek(1000);
            assertLines(scanned.lines(1, NO_LIMIT), 0, "");
            scanned.seek(9);
            assertLines(scanned.lines(1, NO_LIMIT), 1, "x\r\n");
        }
    }

    @Test
    void linesKeepTheLineEndsTheMessageHas() throws IOException {
        try (ScannedMessage lf = ScannedMessage.of(MessageSource.of(TestMessages.lf("Subject: x\n\none\n")));
                ScannedMessage cr = ScannedMessage.of(MessageSource.of(TestMessages.cr("Subject: x\n\none\n")))) {
            assertLines(lf.lines(3, NO_LIMIT), 3, "Subject: x\n\none\n");
            assertLines(cr.lines(3, NO_LIMIT), 3, "Subject: x\r\rone\r");
        }
    }

    @Test
    void aSeekPastTheEndOfAMessageNotReadToItsEndFindsNoLine() throws IOException {
        byte[] small = crlf("Subject: x\n\none\n");
        try (ScannedMessage scanned = ScannedMessage.of(MessageSource.of(small))) {
            assertLines(scanned.lines(1, NO_LIMIT), 1, "Subject: x\r\n");
            scanned.seek(small.length + 100);
            assertLines(scanned.lines(1, NO_LIMIT), 0, "");
        }
    }

    @Test
    void aSeekForwardFarPastWhatWasReadFindsTheLineThere() throws IOException {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 3000; i++) {
            text.append(String.format("line %05d\n", i));
        }
        try (ScannedMessage scanned = ScannedMessage.of(MessageSource.of(crlf(text.toString())))) {
            assertLines(scanned.lines(1, NO_LIMIT), 1, "line 00000\r\n");
            scanned.seek(12 * 1000);
            assertLines(scanned.lines(1, NO_LIMIT), 1, "line 01000\r\n");
            scanned.seek(12 * 1002);
            assertLines(scanned.lines(1, NO_LIMIT), 1, "line 01002\r\n");
            scanned.seek(12 * 2900);
            assertLines(scanned.lines(1, NO_LIMIT), 1, "line 02900\r\n");
        }
    }

    @Test
    void aLineWhoseLineEndWouldPassTheStringLimitIsLeftWhole() throws IOException {
        byte[] small = crlf("abcd\nefg\nhij\n");
        try (ScannedMessage scanned = ScannedMessage.of(MessageSource.of(small))) {
            assertLines(scanned.lines(5, 10), 1, "abcd\r\n");
            assertLines(scanned.lines(1, NO_LIMIT), 1, "efg\r\n");
        }
    }

    @Test
    void linesStopBeforeTheStringLimitAndAFirstLineOverItIsAnError() throws IOException {
        byte[] small = crlf("aaaa\nbbbb\ncccccccccc\n");
        try (ScannedMessage scanned = ScannedMessage.of(MessageSource.of(small))) {
            assertLines(scanned.lines(3, 12), 2, "aaaa\r\nbbbb\r\n");
            assertThatThrownBy(() -> scanned.lines(1, 11))
                    .isInstanceOf(IOException.class)
                    .hasMessage("the line at offset 12 is 12 bytes, over the string limit of 11");
            assertLines(scanned.lines(1, 12), 1, "cccccccccc\r\n");
        }
    }

    @Test
    void theMessageIsOpenedAgainOnlyWhenThePointerMovesBack() throws IOException {
        CountingSource source = new CountingSource(crlf("l1\nl2\nl3\nl4\nl5\n"));
        try (ScannedMessage scanned = ScannedMessage.of(source)) {
            int afterScan = source.opens;

            scanned.lines(1, NO_LIMIT);
            scanned.lines(1, NO_LIMIT);
            scanned.seek(16);
            assertLines(scanned.lines(1, NO_LIMIT), 1, "l5\r\n");
            assertThat(source.opens).isEqualTo(afterScan + 1);

            scanned.seek(4);
            assertLines(scanned.lines(1, NO_LIMIT), 1, "l2\r\n");
            assertThat(source.opens).isEqualTo(afterScan + 2);
            scanned.reset();
            assertLines(scanned.lines(1, NO_LIMIT), 1, "l1\r\n");
            assertThat(source.opens).isEqualTo(afterScan + 3);
        }
    }

    private static String part(ScannedMessage scanned, String path) throws IOException {
        return scanned.part(path, NO_LIMIT).tojstring();
    }

    private static void assertLines(MessageAccess.Lines lines, int count, String text) {
        assertThat(lines.count()).isEqualTo(count);
        assertThat(lines.text().tojstring()).isEqualTo(text);
    }

    /** Counts how often the message is opened; GetMessageLine must reopen it only to go backwards. */
    private static final class CountingSource implements MessageSource {
        private final MessageSource bytes;
        int opens;

        CountingSource(byte[] bytes) {
            this.bytes = MessageSource.of(bytes);
        }

        @Override
        public long size() throws IOException {
            return bytes.size();
        }

        @Override
        public InputStream open() throws IOException {
            opens++;
            return bytes.open();
        }
    }
}
