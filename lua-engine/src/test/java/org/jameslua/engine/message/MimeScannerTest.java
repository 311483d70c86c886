package org.jameslua.engine.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jameslua.engine.message.TestMessages.assertConsistent;
import static org.jameslua.engine.message.TestMessages.body;
import static org.jameslua.engine.message.TestMessages.crlf;
import static org.jameslua.engine.message.TestMessages.scan;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class MimeScannerTest {

    static final String ALTERNATIVE = "From: a@example.com\n"
            + "To: b@example.com\n"
            + "Subject: alt\n"
            + "MIME-Version: 1.0\n"
            + "Content-Type: multipart/alternative; boundary=\"alt-1\"\n"
            + "\n"
            + "This is a multi-part message in MIME format.\n"
            + "--alt-1\n"
            + "Content-Type: text/plain; charset=us-ascii\n"
            + "\n"
            + "Hello plain.\n"
            + "--alt-1\n"
            + "Content-Type: text/html; charset=us-ascii\n"
            + "Content-Transfer-Encoding: quoted-printable\n"
            + "\n"
            + "<p>Hello html.</p>\n"
            + "--alt-1--\n"
            + "epilogue\n";

    @Test
    void aSinglePartMessageIsItsBodyAsPartOne() {
        String text = "From: a@example.com\nSubject: hi\n\nHello.\nSecond line.\n";
        byte[] message = crlf(text);

        MimeScan scan = scan(message);

        assertThat(scan.mime()).isFalse();
        assertThat(scan.parts()).hasSize(1);
        MimePart part = scan.parts().get(0);
        assertThat(part.path()).isEqualTo("1");
        assertThat(part.mimeType()).isEqualTo("text/plain");
        assertThat(part.contentDisposition()).isEmpty();
        assertThat(part.start()).isZero();
        assertThat(part.bodyStart()).isEqualTo(new String(message, StandardCharsets.US_ASCII).indexOf("Hello."));
        assertThat(part.end()).isEqualTo(message.length);
        assertThat(scan.headerEnd()).isEqualTo(part.bodyStart());
        assertThat(body(message, scan, "1")).isEqualTo("Hello.\r\nSecond line.\r\n");
        assertThat(scan.attachments()).isEmpty();
    }

    @Test
    void multipartAlternativeListsItsPartsWithoutTheBoundaryLineBreak() {
        byte[] message = crlf(ALTERNATIVE);
        String raw = new String(message, StandardCharsets.US_ASCII);

        MimeScan scan = scan(message);

        assertThat(scan.mime()).isTrue();
        assertThat(scan.parts())
                .extracting(MimePart::path, MimePart::mimeType)
                .containsExactly(tuple("1", "text/plain"), tuple("2", "text/html"));
        MimePart plain = scan.parts().get(0);
        assertThat(plain.start()).isEqualTo(raw.indexOf("Content-Type: text/plain"));
        assertThat(plain.bodyStart()).isEqualTo(raw.indexOf("Hello plain."));
        assertThat(plain.end()).isEqualTo(raw.indexOf("Hello plain.") + "Hello plain.".length());
        assertThat(body(message, scan, "1")).isEqualTo("Hello plain.");
        assertThat(body(message, scan, "2")).isEqualTo("<p>Hello html.</p>");
        assertThat(scan.parts().get(1).transferEncoding()).isEqualTo("quoted-printable");
        assertThat(scan.attachments()).isEmpty();
        assertConsistent(message, scan);
    }

    @Test
    void nestedAlternativeInsideMixedIsNumberedLikeImap() {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0, 0, 13, 'I', 'H', 'D', 'R', 1, 2, 3};
        String text = "MIME-Version: 1.0\n"
                + "Content-Type: multipart/mixed; boundary=outer\n"
                + "\n"
                + "--outer\n"
                + "Content-Type: multipart/alternative; boundary=\"inner\"\n"
                + "\n"
                + "--inner\n"
                + "Content-Type: text/plain\n"
                + "\n"
                + "plain text\n"
                + "--inner\n"
                + "Content-Type: text/html\n"
                + "\n"
                + "<b>html</b>\n"
                + "--inner--\n"
                + "\n"
                + "--outer\n"
                + "Content-Type: image/png; name=\"dot.png\"\n"
                + "Content-Transfer-Encoding: base64\n"
                + "Content-Disposition: attachment; filename=\"dot.png\"\n"
                + "\n"
                + Base64.getMimeEncoder().encodeToString(png) + "\n"
                + "--outer--\n";
        byte[] message = crlf(text);

        MimeScan scan = scan(message);

        assertThat(scan.parts())
                .extracting(MimePart::path, MimePart::mimeType)
                .containsExactly(
                        tuple("1", "multipart/alternative"),
                        tuple("1.1", "text/plain"),
                        tuple("1.2", "text/html"),
                        tuple("2", "image/png"));
        assertThat(body(message, scan, "1.1")).isEqualTo("plain text");
        assertThat(body(message, scan, "1.2")).isEqualTo("<b>html</b>");
        assertThat(body(message, scan, "1")).startsWith("--inner\r\n").endsWith("--inner--\r\n");
        MimePart image = scan.part("2").orElseThrow();
        assertThat(image.contentDisposition()).isEqualTo("attachment");
        assertThat(image.contentDispositionFilename()).isEqualTo("dot.png");
        assertThat(image.contentTypeFilename()).isEqualTo("dot.png");
        assertThat(scan.attachments()).singleElement().satisfies(attachment -> {
            assertThat(attachment.mimeSection()).isEqualTo(4);
            assertThat(attachment.name()).isEqualTo("dot.png");
            assertThat(attachment.mimeType()).isEqualTo("image/png");
            assertThat(attachment.type()).isEqualTo("MIME");
            assertThat(attachment.size()).isEqualTo(png.length);
        });
        assertConsistent(message, scan);
    }

    @Test
    void aForwardedMessageIsListedAndItsPartsAreNumberedUnderIt() {
        String text = "MIME-Version: 1.0\n"
                + "Content-Type: multipart/mixed; boundary=\"b1\"\n"
                + "\n"
                + "--b1\n"
                + "Content-Type: text/plain\n"
                + "\n"
                + "See below.\n"
                + "--b1\n"
                + "Content-Type: message/rfc822\n"
                + "Content-Disposition: attachment; filename=\"fwd.eml\"\n"
                + "\n"
                + "From: c@example.com\n"
                + "Subject: inner\n"
                + "MIME-Version: 1.0\n"
                + "Content-Type: multipart/mixed; boundary=\"b2\"\n"
                + "\n"
                + "--b2\n"
                + "Content-Type: text/plain\n"
                + "\n"
                + "inner text\n"
                + "--b2\n"
                + "Content-Type: application/pdf; name=report.pdf\n"
                + "\n"
                + "%PDF-1.4\n"
                + "--b2--\n"
                + "--b1\n"
                + "Content-Type: message/rfc822\n"
                + "\n"
                + "Subject: single\n"
                + "\n"
                + "just text\n"
                + "--b1--\n";
        byte[] message = crlf(text);
        String raw = new String(message, StandardCharsets.US_ASCII);

        MimeScan scan = scan(message);

        assertThat(scan.parts())
                .extracting(MimePart::path, MimePart::mimeType)
                .containsExactly(
                        tuple("1", "text/plain"),
                        tuple("2", "message/rfc822"),
                        tuple("2.1", "text/plain"),
                        tuple("2.2", "application/pdf"),
                        tuple("3", "message/rfc822"),
                        tuple("3.1", "text/plain"));
        MimePart forwarded = scan.part("2").orElseThrow();
        assertThat(forwarded.bodyStart()).isEqualTo(raw.indexOf("From: c@example.com"));
        assertThat(body(message, scan, "2")).startsWith("From: c@example.com").endsWith("--b2--");
        assertThat(body(message, scan, "2.1")).isEqualTo("inner text");
        assertThat(body(message, scan, "2.2")).isEqualTo("%PDF-1.4");
        MimePart single = scan.part("3.1").orElseThrow();
        assertThat(single.start()).isEqualTo(raw.indexOf("Subject: single"));
        assertThat(body(message, scan, "3.1")).isEqualTo("just text");
        assertThat(scan.attachments())
                .extracting(Attachment::mimeSection, Attachment::name, Attachment::mimeType)
                .containsExactly(tuple(2, "fwd.eml", "message/rfc822"), tuple(4, "report.pdf", "application/pdf"));
        assertConsistent(message, scan);
    }

    @Test
    void encodedFileNamesAreDecoded() {
        String text = "MIME-Version: 1.0\n"
                + "Content-Type: multipart/mixed; boundary=b\n"
                + "\n"
                + "--b\n"
                + "Content-Type: application/octet-stream; name*=UTF-8''na%C3%AFve%20notes.bin\n"
                + "Content-Disposition: attachment;\n"
                + " filename*0*=UTF-8''na%C3%AFve%20;\n"
                + " filename*1=\"notes.bin\"\n"
                + "\n"
                + "x\n"
                + "--b\n"
                + "Content-Type: application/msword; name=\"=?ISO-8859-1?Q?caf=E9.doc?=\"\n"
                + "Content-Disposition: ATTACHMENT; filename=\"=?UTF-8?B?Y2Fmw6kuZG9j?=\"\n"
                + "\n"
                + "y\n"
                + "--b\n"
                + "Content-Type: application/zip; name=\"r\u00e9sum\u00e9.zip\"\n"
                + "\n"
                + "z\n"
                + "--b--\n";
        byte[] message = crlf(text);

        MimeScan scan = scan(message);

        MimePart first = scan.part("1").orElseThrow();
        assertThat(first.contentTypeFilename()).isEqualTo("na\u00efve notes.bin");
        assertThat(first.contentDispositionFilename()).isEqualTo("na\u00efve notes.bin");
        MimePart second = scan.part("2").orElseThrow();
        assertThat(second.contentTypeFilename()).isEqualTo("caf\u00e9.doc");
        assertThat(second.contentDisposition()).isEqualTo("attachment");
        assertThat(second.contentDispositionFilename()).isEqualTo("caf\u00e9.doc");
        assertThat(scan.part("3").orElseThrow().contentTypeFilename()).isEqualTo("r\u00e9sum\u00e9.zip");
        assertThat(scan.attachments())
                .extracting(Attachment::name)
                .containsExactly("na\u00efve notes.bin", "caf\u00e9.doc", "r\u00e9sum\u00e9.zip");
    }

    @Test
    void whichPartsAreAttachments() {
        String text = "MIME-Version: 1.0\n"
                + "Content-Type: multipart/mixed; boundary=b\n"
                + "\n"
                + "--b\n"
                + "Content-Type: text/plain; name=body.txt\n"
                + "\n"
                + "a named text part shown inline is not an attachment\n"
                + "--b\n"
                + "Content-Type: text/plain\n"
                + "Content-Disposition: attachment; filename=notes.txt\n"
                + "\n"
                + "a text part the sender attached is\n"
                + "--b\n"
                + "Content-Type: image/gif\n"
                + "\n"
                + "an unnamed inline image is not\n"
                + "--b\n"
                + "Content-Type: image/gif\n"
                + "Content-Disposition: inline; filename=logo.gif\n"
                + "\n"
                + "a named image is, even inline\n"
                + "--b--\n";

        MimeScan scan = scan(crlf(text));

        assertThat(scan.attachments())
                .extracting(Attachment::mimeSection, Attachment::name)
                .containsExactly(tuple(2, "notes.txt"), tuple(4, "logo.gif"));
    }

    @Test
    void tnefIsRecognisedByTypeOrByName() {
        String text = "MIME-Version: 1.0\n"
                + "Content-Type: multipart/mixed; boundary=b\n"
                + "\n"
                + "--b\n"
                + "Content-Type: application/ms-tnef; name=\"winmail.dat\"\n"
                + "Content-Transfer-Encoding: base64\n"
                + "\n"
                + "eJ8+IgEAAQ==\n"
                + "--b\n"
                + "Content-Type: application/octet-stream; name=\"WINMAIL.DAT\"\n"
                + "\n"
                + "raw\n"
                + "--b--\n";

        MimeScan scan = scan(crlf(text));

        assertThat(scan.attachments())
                .extracting(Attachment::type, Attachment::name, Attachment::size)
                .containsExactly(tuple("TNEF", "winmail.dat", 7L), tuple("TNEF", "WINMAIL.DAT", 3L));
    }

    @Test
    void aMissingCloseDelimiterEndsTheLastPartWithTheMessage() {
        byte[] message = crlf("Content-Type: multipart/mixed; boundary=b\n"
                + "\n"
                + "--b\n"
                + "Content-Type: text/plain\n"
                + "\n"
                + "one\n"
                + "--b\n"
                + "Content-Type: text/plain\n"
                + "\n"
                + "two, never closed\n");

        MimeScan scan = scan(message);

        assertThat(scan.parts()).extracting(MimePart::path).containsExactly("1", "2");
        assertThat(body(message, scan, "2")).isEqualTo("two, never closed\r\n");
        assertThat(scan.part("2").orElseThrow().end()).isEqualTo(message.length);
        assertConsistent(message, scan);
    }

    @Test
    void aBoundaryThatNeverAppearsLeavesTheBodyAsOnePart() {
        byte[] message = crlf("Content-Type: multipart/mixed; boundary=never\n"
                + "\n"
                + "--other\n"
                + "Content-Type: text/plain\n"
                + "\n"
                + "text\n");

        MimeScan scan = scan(message);

        assertThat(scan.parts()).singleElement().satisfies(part -> {
            assertThat(part.path()).isEqualTo("1");
            assertThat(part.mimeType()).isEqualTo("multipart/mixed");
            assertThat(part.start()).isZero();
            assertThat(part.end()).isEqualTo(message.length);
        });
        assertThat(body(message, scan, "1")).startsWith("--other");
    }

    @Test
    void aMultipartWithoutBoundaryParameterIsOnePart() {
        byte[] message = crlf("Content-Type: multipart/mixed\n\n--x\n\nbody\n--x--\n");

        MimeScan scan = scan(message);

        assertThat(scan.parts())
                .extracting(MimePart::path, MimePart::mimeType)
                .containsExactly(tuple("1", "multipart/mixed"));
    }

    @Test
    void anOuterBoundaryEndsAnInnerMultipartThatWasNeverClosed() {
        byte[] message = crlf("Content-Type: multipart/mixed; boundary=outer\n"
                + "\n"
                + "--outer\n"
                + "Content-Type: multipart/alternative; boundary=inner\n"
                + "\n"
                + "--inner\n"
                + "Content-Type: text/plain\n"
                + "\n"
                + "unclosed inner\n"
                + "--outer\n"
                + "Content-Type: text/html\n"
                + "\n"
                + "after\n"
                + "--outer--\n");

        MimeScan scan = scan(message);

        assertThat(scan.parts()).extracting(MimePart::path).containsExactly("1", "1.1", "2");
        assertThat(body(message, scan, "1.1")).isEqualTo("unclosed inner");
        assertThat(scan.part("1").orElseThrow().end())
                .isEqualTo(scan.part("1.1").orElseThrow().end());
        assertThat(body(message, scan, "2")).isEqualTo("after");
        assertConsistent(message, scan);
    }

    @Test
    void garbageHeadersDoNotStopTheScan() {
        byte[] message = crlf("Content-Type: multipart/mixed; boundary=b\n"
                + ": no name\n"
                + "Content-Type: text/html\n"
                + "\n"
                + "--b\n"
                + "Content-Type: text/plain; charset=\n"
                + "Content-Disposition: ;;;\n"
                + "Content-Transfer-Encoding:\n"
                + "this line is no header, so the body starts here\n"
                + "--b\n"
                + "Content-Type: /\n"
                + "Content-Type: application/pdf\n"
                + "\n"
                + "body\n"
                + "--b\n"
                + "--b--\n");

        MimeScan scan = scan(message);

        assertThat(scan.parts())
                .extracting(MimePart::path, MimePart::mimeType, MimePart::contentDisposition)
                .containsExactly(
                        tuple("1", "text/plain", ""), tuple("2", "text/plain", ""), tuple("3", "text/plain", ""));
        assertThat(body(message, scan, "1")).isEqualTo("this line is no header, so the body starts here");
        assertThat(body(message, scan, "3")).isEmpty();
        assertConsistent(message, scan);
    }

    @Test
    void lineEndsOfEveryKindGiveTheSameStructure() {
        for (byte[] message : List.of(crlf(ALTERNATIVE), TestMessages.lf(ALTERNATIVE), TestMessages.cr(ALTERNATIVE))) {
            MimeScan scan = scan(message);

            assertThat(scan.parts())
                    .extracting(MimePart::path, MimePart::mimeType)
                    .containsExactly(tuple("1", "text/plain"), tuple("2", "text/html"));
            assertThat(body(message, scan, "1")).isEqualTo("Hello plain.");
            assertThat(body(message, scan, "2")).isEqualTo("<p>Hello html.</p>");
            assertConsistent(message, scan);
        }
    }

    @Test
    void deepNestingIsCappedAndTheScanEnds() {
        StringBuilder text = new StringBuilder();
        int levels = 5_000;
        for (int i = 0; i < levels; i++) {
            text.append("Content-Type: multipart/mixed; boundary=b")
                    .append(i)
                    .append("\n\n--b")
                    .append(i)
                    .append('\n');
        }
        text.append("Content-Type: text/plain\n\ndeep\n");
        byte[] message = crlf(text.toString());

        MimeScan scan = scan(message);

        assertThat(scan.parts()).hasSize(MimeScanner.MAX_NESTING);
        MimePart deepest = scan.parts().get(scan.parts().size() - 1);
        assertThat(deepest.path().split("\\.")).hasSize(MimeScanner.MAX_NESTING);
        assertThat(deepest.end()).isEqualTo(message.length);
        assertConsistent(message, scan);
    }

    @Test
    void partsPastTheCapAreNotListedButTheirBoundariesStillCount() {
        StringBuilder text = new StringBuilder("Content-Type: multipart/mixed; boundary=b\n\n");
        for (int i = 1; i <= MimeScanner.MAX_PARTS + 50; i++) {
            text.append("--b\nContent-Type: multipart/alternative; boundary=c\n\n--c\n\npart ")
                    .append(i)
                    .append('\n');
        }
        text.append("--b--\n");
        byte[] message = crlf(text.toString());

        MimeScan scan = scan(message);

        assertThat(scan.parts()).hasSize(MimeScanner.MAX_PARTS);
        MimePart last = scan.parts().get(scan.parts().size() - 1);
        assertThat(last.path()).isEqualTo((MimeScanner.MAX_PARTS / 2) + ".1");
        assertThat(body(message, scan, last.path())).isEqualTo("part " + MimeScanner.MAX_PARTS / 2);
        assertConsistent(message, scan);
    }

    @Test
    void emptyPartsAndAnEmptyMessageAreFine() {
        byte[] message =
                crlf("Content-Type: multipart/mixed; boundary=b\n\n--b\n\n--b\nContent-Type: text/html\n--b--\n");

        MimeScan scan = scan(message);

        assertThat(scan.parts())
                .extracting(MimePart::path, MimePart::mimeType)
                .containsExactly(tuple("1", "text/plain"), tuple("2", "text/html"));
        assertThat(body(message, scan, "1")).isEmpty();
        assertThat(body(message, scan, "2")).isEmpty();
        assertConsistent(message, scan);

        MimeScan empty = scan(new byte[0]);
        assertThat(empty.parts()).extracting(MimePart::path).containsExactly("1");
        assertThat(empty.size()).isZero();
    }

    @Test
    void aHeaderFieldIsANameOfPrintableCharactersAndAColonAndAnythingElseStartsTheBody() {
        String[] bodies = {
            "Date: today\nFrom\nContent-Type: text/html\n\nbody\n",
            "Subject: x\n:no name\nContent-Type: text/html\n\nbody\n",
            "Subject: x\n\u00e9t\u00e9: 8-bit name\nContent-Type: text/html\n\nbody\n",
        };
        for (String text : bodies) {
            byte[] message = crlf(text);
            String firstBodyLine = text.split("\n")[1];

            MimePart part = scan(message).parts().get(0);

            assertThat(part.mimeType()).as(text).isEqualTo("text/plain");
            assertThat(part.bodyStart())
                    .as(text)
                    .isEqualTo(message.length - crlf(text.substring(text.indexOf(firstBodyLine))).length);
        }
        assertThat(scan(crlf("X-!~: printable ends\nContent-Type: text/html\n\nbody\n"))
                        .parts()
                        .get(0)
                        .mimeType())
                .isEqualTo("text/html");
    }

    @Test
    void onlyTheFieldsOfTheirExactNameInAnyCaseCount() {
        byte[] gif = {'G', 'I', 'F', '8', '9', 'a', 1, 0, 1, 0};
        String text = "MIME-Version: 1.0\n"
                + "Content-Types: text/html\n"
                + "CONTENT-TYPE: IMAGE/GIF; NAME=A.GIF\n"
                + "CONTENT-TRANSFER-ENCODING: BASE64 (a comment)\n"
                + "\n"
                + Base64.getEncoder().encodeToString(gif) + "\n";

        MimeScan scan = scan(crlf(text));

        assertThat(scan.parts()).extracting(MimePart::mimeType).containsExactly("image/gif");
        assertThat(scan.attachments())
                .extracting(Attachment::name, Attachment::size)
                .containsExactly(tuple("A.GIF", (long) gif.length));
    }

    @Test
    void aBase64BodyRightAfterTheHeadersWithoutAnEmptyLineCountsFromItsFirstLine() {
        byte[] data = new byte[300];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) i;
        }
        String text = "MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=b\n\n--b\n"
                + "Content-Type: application/octet-stream; name=d.bin\nContent-Transfer-Encoding: base64\n"
                + Base64.getMimeEncoder().encodeToString(data) + "\n--b--\n";

        MimeScan scan = scan(crlf(text));

        assertThat(scan.attachments())
                .extracting(Attachment::name, Attachment::size)
                .containsExactly(tuple("d.bin", 300L));
    }

    @Test
    void onlyAMultipartHasParts() {
        byte[] message = crlf("Content-Type: text/plain; boundary=x\n\n--x\nContent-Type: text/html\n\nhi\n--x--\n");

        assertThat(scan(message).parts())
                .extracting(MimePart::path, MimePart::mimeType)
                .containsExactly(tuple("1", "text/plain"));
    }

    @Test
    void aBoundaryOfUpTo998CharactersIsABoundary() {
        String longest = "b".repeat(998);
        String tooLong = "b".repeat(999);
        String multipart = "Content-Type: multipart/mixed; boundary=\"%s\"\n\n--%s\n\none\n--%s\n\ntwo\n--%s--\n";

        assertThat(scan(crlf(String.format(multipart, longest, longest, longest, longest)))
                        .parts())
                .extracting(MimePart::path)
                .containsExactly("1", "2");
        assertThat(scan(crlf(String.format(multipart, tooLong, tooLong, tooLong, tooLong)))
                        .parts())
                .extracting(MimePart::path, MimePart::mimeType)
                .containsExactly(tuple("1", "multipart/mixed"));
    }

    @Test
    void fileNamesInACharsetOfNoNameAreUtf8AndInAnUnknownOneAreTakenFromThePlainParameter() {
        byte[] message = crlf("MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=b\n\n--b\n"
                + "Content-Type: application/pdf\nContent-Disposition: attachment; filename*=''report.pdf\n\n%PDF\n--b\n"
                + "Content-Type: application/pdf\nContent-Disposition: attachment; filename*=''caf%C3%A9.pdf\n\n%PDF\n--b\n"
                + "Content-Type: application/pdf\n"
                + "Content-Disposition: attachment; filename*=x-made-up''abc.pdf; filename=plain.pdf\n\n%PDF\n--b--\n");

        assertThat(scan(message).attachments())
                .extracting(Attachment::name)
                .containsExactly("report.pdf", "caf\u00e9.pdf", "plain.pdf");
    }

    @Test
    void encodedWordsInMadeUpCharsetsStayAsTheyCameAndCommonOnesAreDecodedEvenAfterMany() {
        StringBuilder text = new StringBuilder("MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=b\n\n");
        for (int i = 1; i <= 33; i++) {
            text.append("--b\nContent-Type: application/octet-stream; name=\"=?x-made-up-")
                    .append(i)
                    .append("?Q?a?=\"\n\nx\n");
        }
        text.append("--b\nContent-Type: application/octet-stream; name=\"=?x-made-up-1?Q?b?=\"\n\nx\n");
        text.append("--b\nContent-Type: application/octet-stream; name=\"=?a b?Q?c?=\"\n\nx\n");
        text.append("--b\nContent-Type: application/octet-stream; name=\"=?utf-8?Q?caf=C3=A9?=\"\n\nx\n--b--\n");

        List<Attachment> attachments = scan(crlf(text.toString())).attachments();

        assertThat(attachments).hasSize(36);
        assertThat(attachments.get(0).name()).isEqualTo("=?x-made-up-1?Q?a?=");
        assertThat(attachments.get(33).name()).isEqualTo("=?x-made-up-1?Q?b?=");
        assertThat(attachments.get(34).name()).isEqualTo("=?a b?Q?c?=");
        assertThat(attachments.get(35).name()).isEqualTo("caf\u00e9");
    }

    private static org.assertj.core.groups.Tuple tuple(Object... values) {
        return org.assertj.core.groups.Tuple.tuple(values);
    }
}
