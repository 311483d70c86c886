package org.jameslua.engine.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jameslua.engine.message.TestMessages.binHex;
import static org.jameslua.engine.message.TestMessages.crlf;
import static org.jameslua.engine.message.TestMessages.uuencode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AttachmentsTest {
    @TempDir
    Path folder;

    @Test
    void uuencodedFilesInAPlainMessageAreUueAttachments() throws IOException {
        byte[] program = randomBytes(200);
        byte[] zeros = {'a', 'b', 'c', 0, 0, 0, 0, 0, 0};
        byte[] message = crlf("From: a@example.com\nSubject: files\n\nHere you go:\n\n"
                + uuencode("prog.exe", program, false) + "\nand one from an old mailer:\n"
                + uuencode("zeros.bin", zeros, true) + "bye\n");

        try (ScannedMessage scanned = ScannedMessage.of(MessageSource.of(message))) {
            assertThat(scanned.scan().attachments())
                    .extracting(
                            Attachment::type,
                            Attachment::name,
                            Attachment::mimeType,
                            Attachment::size,
                            Attachment::mimeSection)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple("UUE", "prog.exe", "application/octet-stream", 200L, 1),
                            org.assertj.core.groups.Tuple.tuple("UUE", "zeros.bin", "application/octet-stream", 9L, 1));
            assertThat(scanned.saveAttachment(1, folder.resolve("prog.exe"))).isTrue();
            assertThat(folder.resolve("prog.exe")).hasBinaryContent(program);
            assertThat(scanned.saveAttachment(2, folder.resolve("zeros.bin"))).isTrue();
            assertThat(folder.resolve("zeros.bin")).hasBinaryContent(zeros);
        }
    }

    @Test
    void uuencodedFilesInsideAMimePartAreMimeUue() throws IOException {
        byte[] data = randomBytes(50);
        byte[] message = crlf("MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=b\n\n--b\n"
                + "Content-Type: text/html\n\n<p>hi</p>\n--b\nContent-Type: text/plain; charset=us-ascii\n\n"
                + uuencode("data.bin", data, false) + "--b--\n");

        try (ScannedMessage scanned = ScannedMessage.of(MessageSource.of(message))) {
            assertThat(scanned.scan().attachments()).singleElement().satisfies(attachment -> {
                assertThat(attachment.type()).isEqualTo("MIMEUUE");
                assertThat(attachment.name()).isEqualTo("data.bin");
                assertThat(attachment.mimeSection()).isEqualTo(2);
                assertThat(attachment.size()).isEqualTo(50);
            });
            assertThat(scanned.saveAttachment(1, folder.resolve("data.bin"))).isTrue();
            assertThat(folder.resolve("data.bin")).hasBinaryContent(data);
        }
    }

    @Test
    void textThatOnlyLooksLikeUuencodeIsNoAttachment() {
        byte[] message = crlf("Subject: prose\n\nbegin 644 would be a file\nbut this is prose, no end line.\n"
                + "begin 644 other\nM but the block never ends\n");

        assertThat(TestMessages.scan(message).attachments()).isEmpty();
    }

    @Test
    void binHexFilesAreFoundNamedAndSavedAsTheyAre() throws IOException {
        String block = binHex("ReadMe", "Mac text".getBytes(StandardCharsets.US_ASCII));
        byte[] plain = crlf("Subject: mac\n\nFrom my Mac:\n" + block + "thanks\n");
        byte[] mime = crlf("MIME-Version: 1.0\nContent-Type: text/plain\n\n" + block);

        try (ScannedMessage scanned = ScannedMessage.of(MessageSource.of(plain))) {
            String text = new String(plain, StandardCharsets.US_ASCII);
            String expected = text.substring(text.indexOf("(This file"), text.lastIndexOf(':') + 1);
            assertThat(scanned.scan().attachments()).singleElement().satisfies(attachment -> {
                assertThat(attachment.type()).isEqualTo("BINHEX");
                assertThat(attachment.name()).isEqualTo("ReadMe");
                assertThat(attachment.mimeType()).isEqualTo("application/mac-binhex40");
                assertThat(attachment.size()).isEqualTo(expected.length());
            });
            assertThat(scanned.saveAttachment(1, folder.resolve("readme.hqx"))).isTrue();
            assertThat(folder.resolve("readme.hqx")).hasContent(expected);
        }
        assertThat(TestMessages.scan(mime).attachments())
                .extracting(Attachment::type)
                .containsExactly("MIMEBINHEX");
    }

    @Test
    void aUuencodedFileIsOneWhoseBeginLineHasAModeOfThreeOrFourOctalDigits() {
        byte[] data = randomBytes(10);
        String block = uuencode("x", data, false);
        byte[] message = crlf("Subject: modes\n\n"
                + block.replace("begin 644 x", "begin 755 run.sh").replace("\nend\n", "\nend \t\n")
                + block.replace("begin 644 x", "begin 0600 notes.txt")
                + block.replace("begin 644 x", "begin 64 two.bin")
                + block.replace("begin 644 x", "begin 12345 five.bin")
                + block.replace("begin 644 x", "begin 648 eight.bin")
                + block.replace("begin 644 x", "begin 644")
                + block.replace("begin 644 x", "begun 644 begun.bin"));

        assertThat(TestMessages.scan(message).attachments())
                .extracting(Attachment::name, Attachment::size)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("run.sh", 10L),
                        org.assertj.core.groups.Tuple.tuple("notes.txt", 10L));
    }

    @Test
    void aUuencodedLineCutShortByAnOldMailerAfterAFullOneReadsAsZeros() throws IOException {
        byte[] data = randomBytes(54);
        System.arraycopy(new byte[] {1, 2, 3, 0, 0, 0, 0, 0, 0}, 0, data, 45, 9);
        byte[] message = crlf("Subject: short\n\n" + uuencode("z.bin", data, true));

        try (ScannedMessage scanned = ScannedMessage.of(MessageSource.of(message))) {
            assertThat(scanned.saveAttachment(1, folder.resolve("z.bin"))).isTrue();
            assertThat(folder.resolve("z.bin")).hasBinaryContent(data);
        }
    }

    @Test
    void aMimePartInXUuencodeIsSavedDecoded() throws IOException {
        byte[] data = randomBytes(70);
        byte[] message = crlf("MIME-Version: 1.0\nContent-Type: application/octet-stream; name=x.bin\n"
                + "Content-Transfer-Encoding: x-uuencode\n\n" + uuencode("x.bin", data, false));

        try (ScannedMessage scanned = ScannedMessage.of(MessageSource.of(message))) {
            assertThat(scanned.saveAttachment(1, folder.resolve("x.bin"))).isTrue();
            assertThat(folder.resolve("x.bin")).hasBinaryContent(data);
        }
    }

    @Test
    void attachmentsPastTheFirst10000AreNotListed() {
        String block = uuencode("a", new byte[] {1}, false);

        byte[] message = crlf("Subject: many\n\n" + block.repeat(MimeScanner.MAX_ATTACHMENTS + 1));

        assertThat(TestMessages.scan(message).attachments()).hasSize(MimeScanner.MAX_ATTACHMENTS);
    }

    @Test
    void aUuencodedFilesNameIsUtf8WhenItIsValidUtf8ElseLatin1() {
        String block = uuencode("\u00e9t\u00e9.txt", randomBytes(5), false);

        byte[] utf8 = crlf("Subject: names\n\n" + block);
        byte[] latin1 = ("Subject: names\n\n" + block).replace("\n", "\r\n").getBytes(StandardCharsets.ISO_8859_1);

        assertThat(TestMessages.scan(utf8).attachments())
                .extracting(Attachment::name)
                .containsExactly("\u00e9t\u00e9.txt");
        assertThat(TestMessages.scan(latin1).attachments())
                .extracting(Attachment::name)
                .containsExactly("\u00e9t\u00e9.txt");
    }

    @Test
    void aUuencodedBlockThatALineOfTextInterruptsIsNoAttachment() {
        String block = uuencode("a.bin", randomBytes(100), false);
        int secondLine = block.indexOf('\n', block.indexOf('\n') + 1) + 1;
        byte[] message = crlf(
                "Subject: cut\n\n" + block.substring(0, secondLine) + "hello there\n" + block.substring(secondLine));

        assertThat(TestMessages.scan(message).attachments()).isEmpty();
    }

    @Test
    void aUuencodedBlockInAQuotedPrintableTextPartIsNotLookedFor() {
        byte[] message =
                crlf("MIME-Version: 1.0\nContent-Type: text/plain\nContent-Transfer-Encoding: quoted-printable\n\n"
                        + uuencode("a.bin", randomBytes(20), false));

        assertThat(TestMessages.scan(message).attachments()).isEmpty();
    }

    @Test
    void binHexDataOverManyLinesWithBlanksIsOneFileAndEachFileHasItsOwnName() throws IOException {
        byte[] data = randomBytes(300);
        String first = binHex("First file", data).replaceFirst("\n:", "\n\n:").replaceFirst("\n(.{20})", "\n$1 \t");
        String second = binHex("Second", "x".getBytes(StandardCharsets.US_ASCII));
        byte[] message = crlf("Subject: mac\n\n" + first + "between\n" + second);

        try (ScannedMessage scanned = ScannedMessage.of(MessageSource.of(message))) {
            String text = new String(message, StandardCharsets.ISO_8859_1);
            int firstStart = text.indexOf("(This file");
            int firstEnd = text.indexOf(':', text.indexOf("\r\n:") + 3) + 1;
            assertThat(first.split("\n").length).as("lines of the first block").isGreaterThan(4);
            assertThat(scanned.scan().attachments())
                    .extracting(Attachment::name, Attachment::size)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple("First file", (long) (firstEnd - firstStart)),
                            org.assertj.core.groups.Tuple.tuple(
                                    "Second", (long) (text.lastIndexOf(':') + 1 - text.lastIndexOf("(This file"))));
            assertThat(scanned.saveAttachment(1, folder.resolve("first.hqx"))).isTrue();
            assertThat(folder.resolve("first.hqx")).hasContent(text.substring(firstStart, firstEnd));
        }
    }

    @Test
    void binHexDataThatALineOfTextInterruptsIsNoAttachment() {
        String block = binHex("Cut", randomBytes(300));
        int dataLine = block.indexOf('\n', block.indexOf("\n:") + 1) + 1;
        byte[] interrupted =
                crlf("Subject: mac\n\n" + block.substring(0, dataLine) + "see you\n" + block.substring(dataLine));
        byte[] noData =
                crlf("Subject: mac\n\n(This file must be converted with BinHex 4.0)\nno colon here\n:ABCabc:\n");

        byte[] badFirstLine = crlf("Subject: mac\n\n(This file must be converted with BinHex 4.0)\n:ABC see\nABC:\n");

        assertThat(TestMessages.scan(interrupted).attachments()).isEmpty();
        assertThat(TestMessages.scan(noData).attachments()).isEmpty();
        assertThat(TestMessages.scan(badFirstLine).attachments()).isEmpty();
    }

    @Test
    void aLineBetweenColonsWithoutTheBinHexMarkerIsText() {
        assertThat(TestMessages.scan(
                                crlf("Subject: x\n\nsee the line below, which has a colon at each end\n:ABCabc:\n"))
                        .attachments())
                .isEmpty();
    }

    @Test
    void aBinHexNameHasOneTo63Characters() {
        byte[] data = {1};
        String text =
                "Subject: mac\n\n" + binHex("A", data) + binHex("n".repeat(63), data) + binHex("n".repeat(64), data);

        assertThat(TestMessages.scan(crlf(text)).attachments())
                .extracting(Attachment::name)
                .containsExactly("A", "n".repeat(63), "");
    }

    @Test
    void aBinHexNamePackedWithRunLengthsIsUnpacked() {
        byte[] repeated = {8, 'a', (byte) 0x90, 4, '.', 't', 'x', 't', 0, 'T', 'E', 'X', 'T', 't', 't', 'x', 't', 0, 0};
        byte[] escaped = {3, 'x', (byte) 0x90, 0, 'y', 0, 'T', 'E', 'X', 'T', 't', 't', 'x', 't', 0, 0};

        assertThat(TestMessages.scan(crlf("Subject: mac\n\n" + TestMessages.binHexPacked(repeated)))
                        .attachments())
                .extracting(Attachment::name)
                .containsExactly("aaaa.txt");
        assertThat(TestMessages.scan(crlf("Subject: mac\n\n" + TestMessages.binHexPacked(escaped)))
                        .attachments())
                .extracting(Attachment::name)
                .containsExactly("x\u0090y");
    }

    @Test
    void savedMimeAttachmentsAreDecodedAndTheirSizeIsTheDecodedSize() throws IOException {
        byte[] binary = randomBytes(1000);
        byte[] odd = randomBytes(1001);
        String text = "MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=b\n\n--b\n"
                + "Content-Type: application/octet-stream; name=a.bin\nContent-Transfer-Encoding: base64\n\n"
                + Base64.getMimeEncoder().encodeToString(binary) + "\n--b\n"
                + "Content-Type: application/octet-stream; name=b.bin\nContent-Transfer-Encoding: BASE64\n\n"
                + Base64.getMimeEncoder().encodeToString(odd) + "\n--b\n"
                + "Content-Type: text/plain\nContent-Disposition: attachment; filename=q.txt\n"
                + "Content-Transfer-Encoding: quoted-printable\n\ncaf=C3=A9 is soft=\nly wrapped\n--b\n"
                + "Content-Type: application/ms-tnef\nContent-Transfer-Encoding: base64\n\n"
                + Base64.getMimeEncoder().encodeToString(new byte[] {0x78, (byte) 0x9f, 0x3e, 0x22}) + "\n--b--\n";
        byte[] message = crlf(text);

        try (ScannedMessage scanned = ScannedMessage.of(MessageSource.of(message))) {
            assertThat(scanned.scan().attachments())
                    .extracting(Attachment::name, Attachment::type, Attachment::size)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple("a.bin", "MIME", 1000L),
                            org.assertj.core.groups.Tuple.tuple("b.bin", "MIME", 1001L),
                            org.assertj.core.groups.Tuple.tuple("q.txt", "MIME", 30L),
                            org.assertj.core.groups.Tuple.tuple("", "TNEF", 4L));
            assertThat(scanned.saveAttachment(1, folder.resolve("a.bin"))).isTrue();
            assertThat(folder.resolve("a.bin")).hasBinaryContent(binary);
            assertThat(scanned.saveAttachment(2, folder.resolve("b.bin"))).isTrue();
            assertThat(folder.resolve("b.bin")).hasBinaryContent(odd);
            assertThat(scanned.saveAttachment(3, folder.resolve("q.txt"))).isTrue();
            assertThat(folder.resolve("q.txt")).hasContent("caf\u00e9 is softly wrapped");
            assertThat(scanned.saveAttachment(4, folder.resolve("winmail.dat"))).isTrue();
            assertThat(folder.resolve("winmail.dat")).hasBinaryContent(new byte[] {0x78, (byte) 0x9f, 0x3e, 0x22});
        }
    }

    @Test
    void saveAttachmentIsFalseForANumberOutOfRangeOrAFileThatCannotBeWritten() throws IOException {
        byte[] message = crlf("Content-Type: application/zip; name=a.zip\n\nPK\n");

        try (ScannedMessage scanned = ScannedMessage.of(MessageSource.of(message))) {
            assertThat(scanned.saveAttachment(0, folder.resolve("x"))).isFalse();
            assertThat(scanned.saveAttachment(2, folder.resolve("x"))).isFalse();
            assertThat(scanned.saveAttachment(1, folder.resolve("no/such/folder/a.zip")))
                    .isFalse();
            assertThat(folder.resolve("x")).doesNotExist();
            assertThat(scanned.saveAttachment(1, folder.resolve("a.zip"))).isTrue();
            assertThat(Files.readString(folder.resolve("a.zip"))).isEqualTo("PK\r\n");
        }
    }

    /** Opening a FIFO to write waits for a reader for ever, on the session's thread, out of every bound's reach. */
    @Test
    void saveAttachmentIsFalseForAFifoAndLeavesItAlone() throws Exception {
        byte[] message = crlf("Content-Type: application/zip; name=a.zip\n\nPK\n");
        Path fifo = folder.resolve("a.zip");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor())
                .isZero();

        try (ScannedMessage scanned = ScannedMessage.of(MessageSource.of(message))) {
            assertThat(org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
                            java.time.Duration.ofSeconds(30), () -> scanned.saveAttachment(1, fifo)))
                    .isFalse();
        }
        assertThat(fifo).exists();
        Files.delete(fifo);
    }

    @Test
    void aMessageThatChangedSinceTheScanFailsToSaveAndLeavesNoFile() throws IOException {
        Path spool = folder.resolve("spool.eml");
        Files.write(spool, crlf("Content-Type: application/zip; name=a.zip\n\n" + "PK".repeat(100) + "\n"));
        try (ScannedMessage scanned = ScannedMessage.of(MessageSource.of(spool))) {
            Files.write(spool, new byte[10]);

            assertThat(scanned.saveAttachment(1, folder.resolve("a.zip"))).isFalse();
            assertThat(folder.resolve("a.zip")).doesNotExist();
        }
    }

    private static byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        new Random(length).nextBytes(bytes);
        return bytes;
    }
}
