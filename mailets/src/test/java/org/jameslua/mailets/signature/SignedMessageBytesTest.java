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
