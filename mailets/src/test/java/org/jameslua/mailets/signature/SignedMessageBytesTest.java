package org.jameslua.mailets.signature;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Random;
import java.util.function.Predicate;
import javax.mail.BodyPart;
import javax.mail.MessagingException;
import javax.mail.Multipart;
import javax.mail.Part;
import javax.mail.Session;
import javax.mail.internet.MimeBodyPart;
import javax.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

/**
 * {@link SignedMessageBytes} finds a part in the message's bytes by its own reading of the multipart delimiters,
 * while {@link SignedParts} chose it from javax.mail's reading. Where the two readings differ, a signature would land
 * in another part, or a part's text be written twice: so on every message, read back by javax.mail, the edited parts
 * hold their new text and every other part its own bytes, or the message is refused as a whole (an IOException,
 * passed on unsigned).
 */
class SignedMessageBytesTest {
    private static final Session SESSION = Session.getInstance(new Properties());
    private static final long SEED = 20261207L;
    private static final int MESSAGES = 3000;

    @Test
    void everyMessageReadsBackWithOnlyItsEditedPartsChanged() throws Exception {
        Random random = new Random(SEED);
        int written = 0;
        for (int i = 0; i < MESSAGES; i++) {
            byte[] message = new MessageShape(random).message();
            // some parts left as they are, so that unedited parts meet edited ones
            if (checkRoundTrip(message, path -> path.hashCode() % 3 != 1)) {
                written++;
            }
        }
        // the shapes must mostly be ones the byte reading accepts, or the property says little
        assertThat(written).as("messages signed of " + MESSAGES).isGreaterThan(MESSAGES / 2);
    }

    @Test
    void aDelimiterFollowedByAFormFeedIsNoDelimiter() throws Exception {
        checkRoundTrip(crlf("Content-Type: multipart/mixed; boundary=\"b\"\n\n--b\nContent-Type: text/plain\n\none\n"
                + "--b \f\nContent-Type: text/plain\n\ntwo\n--b--\n"));
    }

    @Test
    void aCloseDelimiterFollowedByTextStillCloses() throws Exception {
        checkRoundTrip(
                crlf(
                        "Content-Type: multipart/mixed; boundary=\"b\"\n\n--b\nContent-Type: text/html\n\none\n"
                                + "--b\nContent-Type: text/plain\n\ntwo\n--b--junk\nepilogue\n--b\nContent-Type: text/plain\n\nthree\n"));
    }

    /**
     * javax.mail reads a multipart's boundary from the first Content-Type field only: with none there it takes the
     * first line starting with {@code --} for the delimiter. A boundary from a later field would put the signature
     * into what javax.mail reads as the middle of the first part and drop its close delimiter.
     */
    @Test
    void aBoundaryNamedOnlyByALaterContentTypeIsRefused() throws Exception {
        String message = "Content-Type: multipart/mixed\nContent-Type: multipart/mixed; boundary=\"b\"\n\n"
                + "--a\nContent-Type: text/plain\n\none\n--b\nContent-Type: text/plain\n\ntwo\n--a--\n";
        assertThat(checkRoundTrip(crlf(message).getBytes(StandardCharsets.ISO_8859_1), path -> true))
                .as("signed")
                .isFalse();
    }

    /**
     * Shapes the generator does not make: each is signed where javax.mail finds its parts, or refused whole (passed
     * on unsigned), with LF and with CR LF line ends.
     */
    @Test
    void rarerShapesAreSignedWhereJavaxMailReadsThemOrRefused() throws Exception {
        String[] shapes = {
            // boundary with spaces and regex characters
            "Content-Type: multipart/mixed; boundary=\"a b.*+?(\"\n\n--a b.*+?(\nContent-Type: text/plain\n\none\n--a bxx+?(\n--a b.*+?(--\n",
            "Content-Type: multipart/mixed; boundary=\"a\\\"b\"\n\n--a\"b\nContent-Type: text/plain\n\none\n--a\"b--\n",
            // boundary a prefix of body lines
            "Content-Type: multipart/mixed; boundary=b\n\n--b\nContent-Type: text/plain\n\n--bb\n--b-\n--b--x\n--b\nContent-Type: text/plain\n\nafter\n",
            // inner boundary equals outer
            "Content-Type: multipart/mixed; boundary=b\n\n--b\nContent-Type: multipart/alternative; boundary=b\n\n--b\nContent-Type: text/plain\n\ninner\n--b--\n--b\nContent-Type: text/plain\n\nouter\n--b--\n",
            // message/rfc822 holding a multipart of the same boundary
            "Content-Type: multipart/mixed; boundary=b\n\n--b\nContent-Type: text/plain\n\nfirst\n--b\nContent-Type: message/rfc822\n\nContent-Type: multipart/mixed; boundary=b\n\n--b\nContent-Type: text/plain\n\nforwarded\n--b--\n--b--\n",
            "Content-Type: multipart/mixed; boundary=b\n\n--b\nContent-Type: message/rfc822\n\nContent-Type: multipart/mixed; boundary=c\n\n--c\nContent-Type: text/plain\n\nforwarded\n--c--\n--b\nContent-Type: text/plain\n\nlast\n--b--\n",
            // a base64 part beside a quoted-printable one
            "Content-Type: multipart/mixed; boundary=b\n\n--b\nContent-Type: text/plain\nContent-Transfer-Encoding: base64\n\n"
                    + "aGVsbG8=\n--b\nContent-Type: text/html\nContent-Transfer-Encoding: quoted-printable\n\na=3D=\n--b--\n",
            // part with no header
            "Content-Type: multipart/mixed; boundary=b\n\n--b\n\nno header\n--b\nContent-Type: text/plain\n\ntwo\n--b--\n",
            // no preamble, delimiter at body start, empty part body
            "Content-Type: multipart/mixed; boundary=b\n\n--b\nContent-Type: text/plain\n\n--b\nContent-Type: text/plain\n\n\n--b--\n",
            // very long lines
            "Content-Type: multipart/mixed; boundary=b\n\n" + "p".repeat(100000) + "\n--b\nContent-Type: text/plain\n\n"
                    + "x".repeat(200000) + "\n--b" + " ".repeat(5000) + "\nContent-Type: text/plain\n\ntwo\n--b--\n",
            // 8-bit bytes in delimiter lines and in the boundary
            "Content-Type: multipart/mixed; boundary=b\n\n--b\u00e9\n--b\nContent-Type: text/plain\n\none\n--b\u00e9\n--b\u00a0\n--b\nContent-Type: text/plain\n\ntwo\n--b--\n",
            "Content-Type: multipart/mixed; boundary=\"b\u00e9\"\n\n--b\u00e9\nContent-Type: text/plain\n\none\n--b\u00e9\nContent-Type: text/plain\n\ntwo\n--b\u00e9--\n",
            "Content-Type: multipart/mixed; boundary=\"b\u00ff\"\n\n--b\u00ff\nContent-Type: text/plain\n\none\n--b\u007f\nContent-Type: text/plain\n\ntwo\n--b\u00ff--\n",
            // not multipart, bare CR in the header
            "Subject: x\rContent-Type: text/plain\n\nbody\n",
            "Subject: x\rContent-Type: multipart/mixed; boundary=b\n\n--b\nContent-Type: text/plain\n\none\n--b--\n",
            // folded Content-Type, folded quoted boundary
            "Content-Type: multipart/mixed;\n boundary=\"b\"\n\n--b\nContent-Type: text/plain\n\none\n--b--\n",
            "Content-Type: multipart/mixed; boundary=\"b\n   c\"\n\n--b c\nContent-Type: text/plain\n\none\n--b c\nContent-Type: text/plain\n\ntwo\n--b   c\nContent-Type: text/plain\n\nthree\n--b c--\n",
            // RFC 2231 boundary
            "Content-Type: multipart/mixed; boundary*0=\"b\"; boundary*1=\"c\"\n\n--bc\nContent-Type: text/plain\n\none\n--b\nContent-Type: text/plain\n\ntwo\n--bc--\n",
            "Content-Type: multipart/mixed; boundary*=us-ascii''b%20c\n\n--b c\nContent-Type: text/plain\n\none\n--b%20c\nContent-Type: text/plain\n\ntwo\n--b c--\n",
            // comment after the boundary, space before the colon
            "Content-Type: multipart/mixed; boundary=b (c)\n\n--b\nContent-Type: text/plain\n\none\n--b--\n",
            "Content-Type : multipart/mixed; boundary=b\n\n--b\nContent-Type: text/plain\n\none\n--b--\n",
            "content-type: multipart/mixed; BOUNDARY=b\n\n--b\nContent-Type: text/plain\n\none\n--b--\n",
            // two Content-Type fields, both with boundaries
            "Content-Type: multipart/mixed; boundary=a\nContent-Type: multipart/mixed; boundary=b\n\n--b\nContent-Type: text/plain\n\none\n--a\nContent-Type: text/plain\n\ntwo\n--a--\n",
            // a Content-Type field folded as its first line in a part
            "Content-Type: multipart/mixed; boundary=b\n\n--b\n Content-Type: text/html\nContent-Type: text/plain\n\none\n--b--\n",
            // NUL and control bytes in the boundary
            "Content-Type: multipart/mixed; boundary=\"b\u0000\"\n\n--b\u0000\nContent-Type: text/plain\n\none\n--b\u0000--\n",
            // multipart with a transfer encoding
            "Content-Type: multipart/mixed; boundary=b\nContent-Transfer-Encoding: base64\n\n--b\nContent-Type: text/plain\n\none\n--b--\n",
            "Content-Type: multipart/mixed; boundary=b\nContent-Transfer-Encoding: x-uuencode\n\n--b\nContent-Type: text/plain\n\none\n--b--\n",
            // the boundary empty
            "Content-Type: multipart/mixed; boundary=\"\"\n\n--\nContent-Type: text/plain\n\none\n----\n",
            // a delimiter directly after the header's empty line in the message (no preamble), CR only
            "Content-Type: multipart/mixed; boundary=b\r\r--b\rContent-Type: text/plain\r\rone\r--b--\r",
            // no empty line after the top header
            "Content-Type: multipart/mixed; boundary=b\n--b\nContent-Type: text/plain\n\none\n--b--\n",
        };
        for (String shape : shapes) {
            checkRoundTrip(shape.getBytes(StandardCharsets.ISO_8859_1), path -> true);
            checkRoundTrip(crlf(shape).getBytes(StandardCharsets.ISO_8859_1), path -> true);
        }
    }

    private static String crlf(String text) {
        return text.replace("\n", "\r\n");
    }

    private static void checkRoundTrip(String message) throws Exception {
        assertThat(checkRoundTrip(message.getBytes(StandardCharsets.ISO_8859_1), path -> true))
                .as("signed")
                .isTrue();
    }

    /**
     * Edits the leaves javax.mail finds that {@code picked} picks; true when the message was written, false when it
     * was refused.
     */
    private static boolean checkRoundTrip(byte[] message, Predicate<List<Integer>> picked) throws Exception {
        MimeMessage original = parse(message);
        List<List<Integer>> leaves = new ArrayList<>();
        try {
            leaves(original, List.of(), leaves);
        } catch (MessagingException unreadable) {
            // SignedParts cannot read it either: the mailet passes it on unsigned
            return false;
        }
        List<SignedParts.Edit> edits = new ArrayList<>();
        for (List<Integer> path : leaves) {
            if (picked.test(path)) {
                edits.add(new SignedParts.Edit(path, edited(path), Optional.empty(), "7bit"));
            }
        }
        byte[] signed;
        try {
            signed = SignedMessageBytes.write(message, edits);
        } catch (IOException refused) {
            return false;
        }
        String text = new String(message, StandardCharsets.ISO_8859_1);
        MimeMessage read = parse(signed);
        List<List<Integer>> readLeaves = new ArrayList<>();
        leaves(read, List.of(), readLeaves);
        assertThat(readLeaves).as("the parts of\n%s", text).isEqualTo(leaves);
        for (List<Integer> path : leaves) {
            Part before = part(original, path);
            Part after = part(read, path);
            boolean isEdited = edits.stream().anyMatch(edit -> edit.path().equals(path));
            if (isEdited) {
                assertThat(body(after)).as("part %s of\n%s", path, text).isEqualTo(edited(path));
            } else {
                assertThat(body(after)).as("part %s of\n%s", path, text).isEqualTo(body(before));
            }
        }
        return true;
    }

    private static byte[] edited(List<Integer> path) {
        return ("signed part " + path + "\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    private static MimeMessage parse(byte[] bytes) throws MessagingException {
        return new MimeMessage(SESSION, new ByteArrayInputStream(bytes));
    }

    private static void leaves(Part part, List<Integer> path, List<List<Integer>> into)
            throws MessagingException, IOException {
        if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                List<Integer> inside = new ArrayList<>(path);
                inside.add(i);
                leaves(multipart.getBodyPart(i), List.copyOf(inside), into);
            }
        } else {
            into.add(path);
        }
    }

    private static Part part(Part message, List<Integer> path) throws MessagingException, IOException {
        Part part = message;
        for (int index : path) {
            BodyPart inside = ((Multipart) part.getContent()).getBodyPart(index);
            part = inside;
        }
        return part;
    }

    private static byte[] body(Part part) throws MessagingException, IOException {
        if (part instanceof MimeBodyPart) {
            return ((MimeBodyPart) part).getRawInputStream().readAllBytes();
        }
        return ((MimeMessage) part).getRawInputStream().readAllBytes();
    }

    /** A message of random shape, with the quirks of delimiter lines and line ends that mail in the wild has. */
    private static final class MessageShape {
        private final Random random;
        private final StringBuilder out = new StringBuilder();

        MessageShape(Random random) {
            this.random = random;
        }

        byte[] message() {
            line("Subject: shape");
            multipart(0, "b" + random.nextInt(3));
            return out.toString().getBytes(StandardCharsets.ISO_8859_1);
        }

        private void multipart(int depth, String boundary) {
            line("Content-Type: multipart/" + pick("mixed", "alternative") + "; boundary=\"" + boundary + "\"");
            line("");
            int preamble = random.nextInt(3);
            for (int i = 0; i < preamble; i++) {
                line(pick("preamble", "", "-" + boundary, "--" + boundary + "x", "--" + boundary + "\u000b"));
            }
            int parts = 1 + random.nextInt(3);
            for (int i = 0; i < parts; i++) {
                line("--" + boundary + delimiterTail());
                if (depth < 2 && random.nextInt(4) == 0) {
                    multipart(depth + 1, pick(boundary + "1", boundary + "-", "c" + depth));
                } else {
                    leaf();
                }
            }
            switch (random.nextInt(6)) {
                case 0:
                    break; // no close delimiter
                case 1:
                    line("--" + boundary + "--junk");
                    line("--" + boundary);
                    line("after the close");
                    break;
                default:
                    line("--" + boundary + "--" + delimiterTail());
                    if (random.nextBoolean()) {
                        line("epilogue");
                    }
            }
        }

        private String delimiterTail() {
            return pick("", "", "", " ", "\t", " \t", "\f", "\u001c", "\r", " x");
        }

        private void leaf() {
            line("Content-Type: " + pick("text/plain", "text/html", "text/plain; charset=utf-8"));
            if (random.nextInt(4) == 0) {
                line(pick("X-Note: a\rb", "X-Note: a", " folded"));
            }
            if (random.nextBoolean()) {
                line("Content-Transfer-Encoding: " + pick("7bit", "8bit", "quoted-printable"));
            }
            line("");
            int lines = random.nextInt(3);
            for (int i = 0; i < lines; i++) {
                line(pick("text", "", "--", "--x", "-- ", "line\rwith a CR"));
            }
        }

        private void line(String text) {
            int end = random.nextInt(16);
            out.append(text).append(end < 2 ? "\n" : end == 2 ? "\r" : end == 3 ? "\r\r\n" : "\r\n");
        }

        private String pick(String... choices) {
            return choices[random.nextInt(choices.length)];
        }
    }
}
