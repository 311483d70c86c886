package org.jameslua.mailets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import javax.mail.BodyPart;
import javax.mail.MessagingException;
import javax.mail.Multipart;
import javax.mail.internet.MimeBodyPart;
import javax.mail.internet.MimeMessage;
import org.apache.james.metrics.tests.RecordingMetricFactory;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailContext;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.jameslua.engine.LuaEngine;
import org.jameslua.engine.ScriptFixture;
import org.jameslua.james.ScriptCallCounts;
import org.jameslua.james.ScriptMetrics;
import org.jameslua.james.script.ScriptCallers;
import org.jameslua.james.script.UncompiledScripts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SignatureMailetTest {
    private final ScriptCallers callers =
            new ScriptCallers(new ScriptMetrics(new RecordingMetricFactory(), new ScriptCallCounts()));
    private static final String PLAIN = "From: alice@example.local\n"
            + "To: bob@remote.test\n"
            + "Subject: hi\n"
            + "Message-ID: <m1@example.local>\n"
            + "MIME-Version: 1.0\n"
            + "Content-Type: text/plain; charset=us-ascii; format=flowed\n"
            + "\n"
            + "Hello Bob\n";
    private static final String ALTERNATIVE = "From: alice@example.local\n"
            + "Subject: hi\n"
            + "MIME-Version: 1.0\n"
            + "Content-Type: multipart/mixed; boundary=\"outer\"\n"
            + "\n"
            + "--outer\n"
            + "Content-Type: multipart/alternative; boundary=\"inner\"\n"
            + "\n"
            + "--inner\n"
            + "Content-Type: text/plain; charset=iso-8859-1\n"
            + "Content-Transfer-Encoding: quoted-printable\n"
            + "\n"
            + "Caf=E9 tonight?\n"
            + "--inner\n"
            + "Content-Type: text/html; charset=iso-8859-1\n"
            + "Content-Transfer-Encoding: quoted-printable\n"
            + "\n"
            + "<html><body><p>Caf=E9 tonight?</p></BODY></html>\n"
            + "--inner--\n"
            + "\n"
            + "--outer\n"
            + "Content-Type: text/plain; name=\"notes.txt\"\n"
            + "Content-Disposition: attachment; filename=\"notes.txt\"\n"
            + "\n"
            + "attached notes\n"
            + "--outer\n"
            + "Content-Type: message/rfc822\n"
            + "\n"
            + "From: carol@example.local\n"
            + "Subject: forwarded\n"
            + "Content-Type: text/plain\n"
            + "\n"
            + "forwarded text\n"
            + "--outer\n"
            + "Content-Type: image/png; name=\"dot.png\"\n"
            + "Content-Transfer-Encoding: base64\n"
            + "\n"
            + "iVBORw0KGgo=\n"
            + "--outer--\n";

    @RegisterExtension
    final ScriptFixture scripts = new ScriptFixture();

    private LuaEngine engine;

    @BeforeEach
    void setUp() {
        engine = scripts.engine();
    }

    private MimeMessage sign(String raw, String... parameters) throws MessagingException {
        return Messages.reparse(signedMail(raw, parameters).getMessage());
    }

    /** The signed message's bytes, as the next mailet and the next hop get them (lines end in CRLF). */
    private String signedText(String raw, String... parameters) throws MessagingException {
        return Messages.text(signedMail(raw, parameters).getMessage());
    }

    private Mail signedMail(String raw, String... parameters) throws MessagingException {
        SignatureMailet mailet = new SignatureMailet(engine, callers, new UncompiledScripts(engine));
        FakeMailetConfig.Builder config =
                FakeMailetConfig.builder().mailetName("Signature").mailetContext(FakeMailContext.defaultContext());
        for (int i = 0; i < parameters.length; i += 2) {
            config.setProperty(parameters[i], parameters[i + 1]);
        }
        mailet.init(config.build());
        FakeMail mail = FakeMail.builder()
                .name("m1")
                .sender("alice@example.local")
                .recipient("bob@remote.test")
                .mimeMessage(Messages.parse(raw))
                .attribute(new Attribute(Mail.SMTP_AUTH_USER, AttributeValue.of("alice")))
                .build();
        mailet.service(mail);
        return mail;
    }

    /** {@code text}'s UTF-8 bytes, one char a byte, as {@link Messages} reads and writes messages. */
    private static String utf8(String text) {
        return new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }

    private static String crlf(String text) {
        return text.replace("\n", "\r\n");
    }

    private static BodyPart part(MimeMessage message, int... path) throws Exception {
        Multipart multipart = (Multipart) message.getContent();
        BodyPart part = multipart.getBodyPart(path[0]);
        for (int i = 1; i < path.length; i++) {
            part = ((Multipart) part.getContent()).getBodyPart(path[i]);
        }
        return part;
    }

    private static final String RECEIVED_HEADER = "Delivered-To: bob@remote.test\n"
            + "Received: from client.example ([192.0.2.7])\n"
            + "\tby mail.example.local with ESMTPA; Sun, 6 Dec 2026 07:00:00 +0000\n"
            + "From: alice@example.local\n"
            + "To: bob@remote.test\n"
            + "Subject: =?UTF-8?Q?caf=C3=A9?=\n";

    @Test
    void theHeaderKeepsItsFieldsOrderAndBytesAndAnEightBitPartStaysEightBit() throws Exception {
        String header = RECEIVED_HEADER + "MIME-Version: 1.0\n"
                + "Content-Type: text/plain; charset=UTF-8\n"
                + "Content-Transfer-Encoding: 8bit\n";
        String raw = header + "\n" + utf8("Café tonight?\n");

        String signed = signedText(raw, "signature", "-- \nAlice");

        // no Message-ID or Date added, nothing moved, the body not re-encoded
        assertThat(signed).isEqualTo(crlf(header + "\n" + utf8("Café tonight?\n-- \nAlice\n")));
    }

    @Test
    void onlyTheSignedPartChangesInAMultipart() throws Exception {
        String raw = RECEIVED_HEADER + "MIME-Version: 1.0\n"
                + "Content-Type: multipart/mixed;\n"
                + "\tboundary=\"b1\"\n"
                + "\n"
                + "preamble\n"
                + "--b1\n"
                + "Content-Type: text/plain; charset=iso-8859-1\n"
                + "Content-Transfer-Encoding: 8bit\n"
                + "\n"
                + "Café tonight?\n"
                + "--b1\n"
                + "Content-Type: text/plain; name=\"notes.txt\"\n"
                + "Content-Disposition: attachment; filename=\"notes.txt\"\n"
                + "Content-Transfer-Encoding: 7bit\n"
                + "\n"
                + "attached   notes\t\n"
                + "--b1--\n"
                + "epilogue\n";

        String signed = signedText(raw, "signature", "Alice");

        assertThat(signed).isEqualTo(crlf(raw.replace("Café tonight?\n", "Café tonight?\nAlice\n")));
    }

    @Test
    void plainTextThatNeedsAnotherCharsetChangesOnlyItsOwnFieldsInPlace() throws Exception {
        String raw = RECEIVED_HEADER + "Content-Type: text/plain; charset=us-ascii\n"
                + "X-Mailer: test\n"
                + "\n"
                + "Hello Bob\n";

        String signed = signedText(raw, "signature", "Caf\u00e9");

        // the sender sent no MIME-Version: a reader would ignore the new charset and encoding without one
        assertThat(signed)
                .isEqualTo(crlf(RECEIVED_HEADER + "Content-Type: text/plain; charset=UTF-8\n"
                        + "X-Mailer: test\n"
                        + "Content-Transfer-Encoding: quoted-printable\n"
                        + "MIME-Version: 1.0\n"
                        + "\n"
                        + "Hello Bob\n"
                        + "Caf=C3=A9\n"));
    }

    @Test
    void aMessageWithoutMimeFieldsGetsOnlyThoseTheNewCharsetNeeds() throws Exception {
        String raw = RECEIVED_HEADER + "\nHello Bob\n";

        assertThat(signedText(raw, "signature", "Alice")).isEqualTo(crlf(RECEIVED_HEADER + "\nHello Bob\nAlice\n"));
        assertThat(signedText(raw, "signature", "Caf\u00e9"))
                .isEqualTo(crlf(RECEIVED_HEADER + "Content-Type: text/plain; charset=UTF-8\n"
                        + "Content-Transfer-Encoding: quoted-printable\n"
                        + "MIME-Version: 1.0\n"
                        + "\n"
                        + "Hello Bob\n"
                        + "Caf=C3=A9\n"));
    }

    @Test
    void withoutScriptTheConfiguredSignatureIsAdded() throws Exception {
        MimeMessage signed = sign(PLAIN, "signature", "--\nAlice");

        assertThat(signed.getContent()).isEqualTo("Hello Bob\r\n--\r\nAlice\r\n");
        assertThat(signed.getContentType()).contains("format=flowed").contains("us-ascii");
        assertThat(signed.getMessageID()).isEqualTo("<m1@example.local>");
    }

    @Test
    void withoutScriptOrSignatureTheMessageIsUnchanged() throws Exception {
        assertThat(Messages.text(sign(PLAIN))).isEqualTo(Messages.text(Messages.parse(PLAIN)));
    }

    @Test
    void aScriptThatNeverCompiledFailsTheMailUnderErrorAndAddsTheConfiguredSignatureUnderPass() throws Exception {
        scripts.write("SIGNATURE.LUA", "function GetSignature(\n");

        assertThatThrownBy(() -> sign(PLAIN, "signature", "--\nAlice", "onScriptError", "error"))
                .isInstanceOf(MessagingException.class)
                .hasMessageContaining("SIGNATURE.LUA does not compile and has not compiled since James started");
        assertThat(sign(PLAIN, "signature", "--\nAlice", "onScriptError", "pass")
                        .getContent())
                .isEqualTo("Hello Bob\r\n--\r\nAlice\r\n");
    }

    @Test
    void theScriptIsAskedOncePerFormatWithTheAuthUserAndSender() throws Exception {
        scripts.write(
                "SIGNATURE.LUA",
                "function GetSignature(format, authUser, sender)\n"
                        + "  print(format, authUser, sender)\n"
                        + "  if format == \"HTML\" then return \"<p><b>Alice</b> &amp; co</p>\" end\n"
                        + "  return \"--\\nAlice & co\"\n"
                        + "end\n");

        MimeMessage signed = sign(ALTERNATIVE);

        assertThat(scripts.luaOut())
                .containsExactly("PLAIN\talice\talice@example.local", "HTML\talice\talice@example.local");
        assertThat(part(signed, 0, 0).getContent()).isEqualTo("Café tonight?\r\n--\r\nAlice & co");
        assertThat(part(signed, 0, 1).getContent())
                .isEqualTo("<html><body><p>Café tonight?</p><p><b>Alice</b> &amp; co</p></BODY></html>");
    }

    @Test
    void structureAttachmentsForwardedMessagesAndEncodingsAreKept() throws Exception {
        scripts.write("SIGNATURE.LUA", "function GetSignature(format) return format == 'HTML' and '<hr>' or 'sig' end");

        MimeMessage signed = sign(ALTERNATIVE);

        Multipart outer = (Multipart) signed.getContent();
        assertThat(outer.getCount()).isEqualTo(4);
        assertThat(signed.getContentType()).contains("boundary=\"outer\"");
        assertThat(part(signed, 0).getContentType())
                .contains("multipart/alternative")
                .contains("inner");
        assertThat(((MimeBodyPart) part(signed, 0, 0)).getEncoding()).isEqualTo("quoted-printable");
        assertThat(part(signed, 0, 0).getContentType()).contains("iso-8859-1");
        assertThat(part(signed, 1).getContent()).isEqualTo("attached notes");
        assertThat(((MimeMessage) part(signed, 2).getContent()).getContent()).isEqualTo("forwarded text");
        assertThat(part(signed, 3).getContentType()).startsWith("image/png");
        assertThat(Messages.text(signed)).contains("iVBORw0KGgo=");
    }

    @Test
    void charactersTheCharsetLacksKeepTheHtmlCharsetAndMovePlainTextToUtf8() throws Exception {
        scripts.write(
                "SIGNATURE.LUA",
                "function GetSignature(format) if format == \"HTML\" then return \"<p>5 €</p>\" end return \"5 €\" end\n");

        MimeMessage signed = sign(ALTERNATIVE);

        assertThat(part(signed, 0, 0).getContentType()).containsIgnoringCase("charset=UTF-8");
        assertThat(part(signed, 0, 0).getContent()).isEqualTo("Café tonight?\r\n5 €");
        assertThat(part(signed, 0, 1).getContentType()).contains("iso-8859-1");
        assertThat((String) part(signed, 0, 1).getContent()).contains("<p>5 &#8364;</p></BODY>");
    }

    @Test
    void emptyMeansTheDefaultAndBlankMeansNone() throws Exception {
        scripts.write(
                "SIGNATURE.LUA",
                "function GetSignature(format) if format == 'HTML' then return '<blank>' end return '' end");

        MimeMessage signed = sign(ALTERNATIVE, "signature", "Alice");

        assertThat(part(signed, 0, 0).getContent()).isEqualTo("Café tonight?\r\nAlice");
        assertThat(part(signed, 0, 1).getContent()).isEqualTo("<html><body><p>Café tonight?</p></BODY></html>");
    }

    @Test
    void thePlainDefaultIsEscapedForHtmlUnlessAnHtmlDefaultIsGiven() throws Exception {
        MimeMessage escaped = sign(ALTERNATIVE, "signature", "A & B <a@x>\nline 2");
        MimeMessage html = sign(ALTERNATIVE, "signature", "plain", "htmlSignature", "<i>html</i>");

        assertThat((String) part(escaped, 0, 1).getContent())
                .contains("<div>A &amp; B &lt;a@x&gt;<br>\r\nline 2</div></BODY>");
        assertThat((String) part(html, 0, 1).getContent()).contains("</p><i>html</i></BODY>");
    }

    @Test
    void blankDefaultsAreAsNone() throws Exception {
        MimeMessage blankHtml = sign(ALTERNATIVE, "signature", "plain", "htmlSignature", " ");

        assertThat(Messages.text(sign(PLAIN, "signature", "  "))).isEqualTo(Messages.text(Messages.parse(PLAIN)));
        assertThat((String) part(blankHtml, 0, 1).getContent()).contains("</p><div>plain</div></BODY>");
    }

    @Test
    void htmlWithoutBodyGetsTheSignatureAtTheEnd() throws Exception {
        scripts.write("SIGNATURE.LUA", "function GetSignature(format) return '<p>sig</p>' end");

        MimeMessage signed = sign("Subject: x\n"
                + "Content-Type: text/html; charset=us-ascii\n"
                + "Content-Transfer-Encoding: base64\n"
                + "\n"
                + "PHA+aGk8L3A+\n");

        assertThat(signed.getContent()).isEqualTo("<p>hi</p><p>sig</p>");
        assertThat(signed.getEncoding()).isEqualTo("base64");
    }

    @Test
    void messagesWithoutTextOrSignedOnesAreNotTouchedNorIsTheScriptAsked() throws Exception {
        scripts.write("SIGNATURE.LUA", "function GetSignature(format) print('asked') return 'sig' end");
        String image = "Subject: x\n"
                + "Content-Type: image/png\n"
                + "Content-Transfer-Encoding: base64\n"
                + "\n"
                + "iVBORw0KGgo=\n";
        String signedMultipart = "Subject: x\n"
                + "Content-Type: multipart/signed; protocol=\"application/pkcs7-signature\"; boundary=\"s\"\n"
                + "\n"
                + "--s\n"
                + "Content-Type: text/plain\n"
                + "\n"
                + "signed text\n"
                + "--s\n"
                + "Content-Type: application/pkcs7-signature\n"
                + "\n"
                + "AAAA\n"
                + "--s--\n";

        assertThat(Messages.text(sign(image))).isEqualTo(Messages.text(Messages.parse(image)));
        assertThat(Messages.text(sign(signedMultipart))).isEqualTo(Messages.text(Messages.parse(signedMultipart)));
        assertThat(scripts.luaOut()).isEmpty();
    }

    @Test
    void aFailingScriptOrAnAnswerThatIsNotAStringGivesTheDefault() throws Exception {
        scripts.write(
                "SIGNATURE.LUA",
                "function GetSignature(format)\n"
                        + "  if format == \"HTML\" then return { \"no\" } end\n"
                        + "  error(\"no signature today\")\n"
                        + "end\n");

        MimeMessage signed = sign(ALTERNATIVE, "signature", "Alice");

        assertThat(part(signed, 0, 0).getContent()).isEqualTo("Café tonight?\r\nAlice");
        assertThat((String) part(signed, 0, 1).getContent()).contains("<div>Alice</div></BODY>");
        assertThat(scripts.errors()).hasSize(2);
        assertThat(scripts.errors().get(0))
                .contains("GetSignature line 3 [RUNTIME]")
                .contains("no signature today");
        assertThat(scripts.errors().get(1))
                .contains("GetSignature line 2 [BAD_RETURN]: the signature must be a string, not table");
    }

    @Test
    void aScriptSavedInTheWindowsCodePageIsReadAsSuch() throws Exception {
        java.nio.file.Files.write(
                scripts.folder().resolve("SIGNATURE.LUA"),
                "function GetSignature(format) return 'Caf\u00e9' end"
                        .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));

        MimeMessage signed = sign(PLAIN);

        assertThat(signed.getContent()).isEqualTo("Hello Bob\r\nCafé\r\n");
    }
}
