package org.jameslua.engine.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jameslua.engine.message.TestMessages.crlf;

import java.io.IOException;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whatever the bytes, a scan ends with offsets that make sense, and the helpers work on what it found. */
class MalformedMessagesTest {
    static final String SEED = "MIME-Version: 1.0\n"
            + "Content-Type: multipart/mixed; boundary=\"b\"\n"
            + "\n"
            + "--b\n"
            + "Content-Type: multipart/alternative; boundary=c\n"
            + "\n"
            + "--c\n"
            + "Content-Type: text/plain\n"
            + "\n"
            + "begin 644 x.bin\n"
            + "#86)C\n"
            + "`\n"
            + "end\n"
            + "--c--\n"
            + "--b\n"
            + "Content-Type: message/rfc822\n"
            + "\n"
            + "Content-Type: application/octet-stream; name*=UTF-8''a%C3%A9.bin\n"
            + "Content-Disposition: attachment; filename*0*=x-unknown''%ZZ; filename*1=\"y\"\n"
            + "Content-Transfer-Encoding: base64\n"
            + "\n"
            + "YWJj\n"
            + "--b\n"
            + "Content-Type: text/plain; name=\"=?bogus?Q?=ZZ?=\"; name*=''%; charset*=utf-8''%%\n"
            + "\n"
            + "(This file must be converted with BinHex 4.0)\n"
            + ":!!!:\n"
            + "--b--\n";

    @TempDir
    java.nio.file.Path folder;

    @Test
    void hostileParametersAreReadAsWellAsTheyCanBe() {
        MimeScan scan = TestMessages.scan(crlf(SEED));

        assertThat(scan.parts()).extracting(MimePart::path).containsExactly("1", "1.1", "2", "2.1", "3");
        assertThat(scan.attachments()).extracting(Attachment::type).containsExactly("MIMEUUE", "MIME", "MIMEBINHEX");
    }

    /**
     * Each unknown charset name costs the JDK a millisecond or so; thousands of them must not stall a scan. Past
     * the cap on unknown names only the common mail charsets are looked up: a name in ISO-8859-3 (which the JDK
     * knows) is left as it is, one in UTF-8 is decoded. That, not the scan's duration, shows the lookups stopped.
     */
    @Test
    void fileNamesInMadeUpCharsetsAreLeftAsTheyAreAndStopTheLookUps() {
        StringBuilder text = new StringBuilder("Content-Type: multipart/mixed; boundary=b\n\n");
        for (int part = 0; part < 200; part++) {
            text.append("--b\nContent-Type: application/octet-stream\nContent-Disposition: attachment; filename=\"");
            for (int word = 0; word < 500; word++) {
                text.append("=?x-made-up-")
                        .append(part)
                        .append('-')
                        .append(word)
                        .append("?Q?a?=");
            }
            text.append("\"; filename*0*=x-also-made-up-").append(part).append("''%41\n\nbody\n");
        }
        text.append("--b\nContent-Type: image/gif; name=\"=?ISO-8859-3?Q?caf=E9.gif?=\"\n\nGIF\n");
        text.append("--b\nContent-Type: image/gif; name=\"=?UTF-8?Q?caf=C3=A9.gif?=\"\n\nGIF\n--b--\n");

        MimeScan scan = TestMessages.scan(crlf(text.toString()));

        assertThat(scan.attachments()).hasSize(202);
        assertThat(scan.attachments().get(0).name()).startsWith("=?x-made-up-0-0?Q?a?=");
        assertThat(scan.attachments().get(200).name()).isEqualTo("=?ISO-8859-3?Q?caf=E9.gif?=");
        assertThat(scan.attachments().get(201).name()).isEqualTo("caf\u00e9.gif");
    }

    @Test
    void randomlyDamagedMessagesScanWithoutError() throws IOException {
        byte[] original = crlf(SEED);
        Random random = new Random(7);
        byte[] alphabet = "-\r\n:;=\"'*%b c\t".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        for (int round = 0; round < 300; round++) {
            byte[] message = original.clone();
            for (int i = random.nextInt(8); i >= 0; i--) {
                int at = random.nextInt(message.length);
                message[at] =
                        random.nextBoolean() ? alphabet[random.nextInt(alphabet.length)] : (byte) random.nextInt();
            }

            try (ScannedMessage scanned = ScannedMessage.of(MessageSource.of(message))) {
                MimeScan scan = scanned.scan();
                assertThat(scan.size()).isEqualTo(message.length);
                for (MimePart part : scan.parts()) {
                    assertThat(part.start()).isLessThanOrEqualTo(part.bodyStart());
                    assertThat(part.bodyStart()).isLessThanOrEqualTo(part.end());
                    assertThat(part.end()).isLessThanOrEqualTo(message.length);
                    scanned.part(part.path(), Integer.MAX_VALUE);
                }
                for (int n = 1; n <= scan.attachments().size(); n++) {
                    scanned.saveAttachment(n, folder.resolve("a" + n));
                }
            }
        }
    }
}
