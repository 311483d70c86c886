package org.jameslua.engine.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jameslua.engine.message.TestMessages.crlf;
import static org.jameslua.engine.message.TestMessages.scan;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** ProcessMessage's subject argument, read by the scan as javax.mail's getSubject gave it before. */
class MessageSubjectTest {

    @Test
    void aPlainSubjectIsItsTextWithoutTheLeadingBlank() {
        assertThat(subjectOf("From: a@example.com\nSubject:   hello there\n\nbody\n"))
                .isEqualTo("hello there");
    }

    @Test
    void theFieldNameIsMatchedInAnyCase() {
        assertThat(subjectOf("SUBJECT: upper\n\nbody\n")).isEqualTo("upper");
        assertThat(subjectOf("subject : spaced\n\nbody\n")).isEqualTo("spaced");
    }

    @Test
    void aFieldWhoseNameOnlyStartsWithSubjectIsAnotherField() {
        assertThat(subjectOf("Subject-Line: no\nSubjects: no\nSubject: yes\n\nbody\n"))
                .isEqualTo("yes");
    }

    @Test
    void aFoldedSubjectIsUnfolded() {
        assertThat(subjectOf("Subject: first\n second\n\tthird\n\nbody\n")).isEqualTo("first second\tthird");
    }

    @Test
    void encodedWordsAreDecodedAsMime4jDoes() {
        assertThat(subjectOf("Subject: =?UTF-8?B?w6l0w6k=?= =?ISO-8859-1?Q?=E0_la_plage?=\n\nbody\n"))
                .isEqualTo("étéà la plage");
        assertThat(subjectOf("Subject: Re: =?utf-8?q?caf=C3=A9?= ok\n\nbody\n")).isEqualTo("Re: café ok");
    }

    @Test
    void rawUtf8IsUtf8AndOtherEightBitTextLatin1() {
        byte[] utf8 = crlf("Subject: gr\u00fc\u00dfe\n\nbody\n");
        assertThat(scan(utf8).subject()).isEqualTo("grüße");
        byte[] latin1 = "Subject: gr\u00fc\u00dfe\r\n\r\nbody\r\n".getBytes(StandardCharsets.ISO_8859_1);
        assertThat(scan(latin1).subject()).isEqualTo("grüße");
    }

    @Test
    void anUnknownCharsetLeavesTheWordsAsTheyCame() {
        assertThat(subjectOf("Subject: =?x-made-up?Q?abc?=\n\nbody\n")).isEqualTo("=?x-made-up?Q?abc?=");
    }

    @Test
    void theFirstSubjectOfTheTopHeaderCountsNotOneOfAnAttachedMessage() {
        String message = "From: a@example.com\n"
                + "Subject: outer\n"
                + "Subject: second\n"
                + "MIME-Version: 1.0\n"
                + "Content-Type: multipart/mixed; boundary=\"b\"\n"
                + "\n"
                + "--b\n"
                + "Content-Type: message/rfc822\n"
                + "\n"
                + "Subject: inner\n"
                + "\n"
                + "inner body\n"
                + "--b--\n";
        assertThat(subjectOf(message)).isEqualTo("outer");
    }

    @Test
    void noSubjectIsEmpty() {
        assertThat(subjectOf("From: a@example.com\n\nSubject: in the body\n")).isEmpty();
    }

    private static String subjectOf(String message) {
        return scan(crlf(message)).subject();
    }
}
