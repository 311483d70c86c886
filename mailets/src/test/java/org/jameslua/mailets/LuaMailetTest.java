package org.jameslua.mailets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;
import org.apache.james.core.MailAddress;
import org.apache.james.core.builder.MimeMessageBuilder;
import org.apache.james.metrics.tests.RecordingMetricFactory;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailContext;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.jameslua.engine.Limits;
import org.jameslua.engine.LuaEngine;
import org.jameslua.engine.ScriptFixture;
import org.jameslua.james.ScriptCallCounts;
import org.jameslua.james.ScriptMetrics;
import org.jameslua.james.script.ScriptCallers;
import org.jameslua.james.script.UncompiledScripts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LuaMailetTest {
    private final ScriptCallers callers =
            new ScriptCallers(new ScriptMetrics(new RecordingMetricFactory(), new ScriptCallCounts()));

    @RegisterExtension
    final ScriptFixture scripts = new ScriptFixture();

    private LuaEngine engine;

    @BeforeEach
    void setUp() {
        engine = scripts.engine(Limits.defaults().withInstructions(2_000_000));
    }

    private LuaMailet mailet(String function) throws MessagingException {
        return mailet(function, false);
    }

    private LuaMailet mailet(String function, boolean messageHelpers) throws MessagingException {
        LuaMailet mailet = new LuaMailet(engine, callers, new UncompiledScripts(engine));
        mailet.init(FakeMailetConfig.builder()
                .mailetName("LuaMailet")
                .mailetContext(FakeMailContext.defaultContext())
                .setProperty("script", "ROUTE.LUA")
                .setProperty("function", function)
                .setProperty("messageHelpers", Boolean.toString(messageHelpers))
                .build());
        return mailet;
    }

    private static FakeMail withAttachment() throws MessagingException {
        String raw = "From: alice@example.local\n"
                + "Subject: invoice\n"
                + "MIME-Version: 1.0\n"
                + "Content-Type: multipart/mixed; boundary=\"b\"\n"
                + "\n"
                + "--b\n"
                + "Content-Type: text/plain\n"
                + "\n"
                + "see attached\n"
                + "--b\n"
                + "Content-Type: application/octet-stream; name=\"setup.exe\"\n"
                + "Content-Transfer-Encoding: base64\n"
                + "\n"
                + "TVqQAAMAAAAEAAAA\n"
                + "--b--\n";
        return FakeMail.builder()
                .name("m2")
                .sender("alice@example.local")
                .recipient("bob@example.local")
                .mimeMessage(Messages.parse(raw))
                .size(raw.length())
                .state("transport")
                .build();
    }

    private static FakeMail mail() throws MessagingException {
        return FakeMail.builder()
                .name("m1")
                .sender("alice@example.local")
                .recipients("bob@example.local", "carol@example.local")
                .mimeMessage(MimeMessageBuilder.mimeMessageBuilder()
                        .setSubject("=?UTF-8?Q?caf=C3=A9?=")
                        .addHeader("Message-ID", "<original@example.local>")
                        .addHeader("X-Spam-Flag", "NO")
                        .setText("hello"))
                .state("transport")
                .size(1234)
                .attribute(new Attribute(Mail.SMTP_AUTH_USER, AttributeValue.of("alice")))
                .attribute(new Attribute(AttributeName.of("score"), AttributeValue.of(7)))
                .build();
    }

    private LuaMailet mailetOnScriptError(String function, String onScriptError) throws MessagingException {
        LuaMailet mailet = new LuaMailet(engine, callers, new UncompiledScripts(engine));
        mailet.init(FakeMailetConfig.builder()
                .mailetName("LuaMailet")
                .mailetContext(FakeMailContext.defaultContext())
                .setProperty("script", "ROUTE.LUA")
                .setProperty("function", function)
                .setProperty("onScriptError", onScriptError)
                .build());
        return mailet;
    }

    @Test
    void onScriptErrorPassLetsTheMailGoOnUnchangedWhenTheFunctionFails() throws Exception {
        scripts.write("ROUTE.LUA", "function Route(mail)\n" + "  error(\"route exploded\")\n" + "end\n");
        FakeMail mail = mail();

        mailetOnScriptError("Route", "pass").service(mail);

        assertThat(mail.getState()).isEqualTo("transport");
        assertThat(mail.getRecipients())
                .extracting(MailAddress::asString)
                .containsExactly("bob@example.local", "carol@example.local");
        assertThat(scripts.errors()).anyMatch(line -> line.contains("route exploded"));
    }

    @Test
    void onScriptErrorErrorFailsTheMailetSoJamesSendsTheMailToTheErrorProcessor() throws Exception {
        scripts.write(
                "ROUTE.LUA",
                "function Route(mail)\n"
                        + "  error(\"route exploded\")\n"
                        + "end\n"
                        + "function Bad(mail)\n"
                        + "  return { State = {} }\n"
                        + "end\n");
        FakeMail failed = mail();
        FakeMail badReturn = mail();

        assertThatThrownBy(() -> mailetOnScriptError("Route", "error").service(failed))
                .isInstanceOf(MessagingException.class)
                .hasMessageContaining("route exploded");
        assertThatThrownBy(() -> mailetOnScriptError("Bad", "error").service(badReturn))
                .isInstanceOf(MessagingException.class)
                .hasMessageContaining("Bad line 5 [BAD_RETURN]");
        assertThat(failed.getState()).isEqualTo("transport");
        assertThat(failed.getRecipients()).hasSize(2);
        assertThat(badReturn.getState()).isEqualTo("transport");
    }

    @Test
    void onScriptErrorErrorLetsAMissingFunctionPass() throws Exception {
        scripts.write("ROUTE.LUA", "x = 1\n");
        FakeMail mail = mail();

        mailetOnScriptError("Route", "error").service(mail);

        assertThat(mail.getState()).isEqualTo("transport");
    }

    @Test
    void aScriptThatNeverCompiledFailsTheMailUnderErrorAndLetsItGoUnchangedUnderPass() throws Exception {
        scripts.write("ROUTE.LUA", "function Route(mail\n");
        FakeMail failed = mail();
        FakeMail passed = mail();

        assertThatThrownBy(() -> mailetOnScriptError("Route", "error").service(failed))
                .isInstanceOf(MessagingException.class)
                .hasMessageContaining("ROUTE.LUA does not compile and has not compiled since James started");
        mailetOnScriptError("Route", "pass").service(passed);

        assertThat(failed.getState()).isEqualTo("transport");
        assertThat(passed.getState()).isEqualTo("transport");
        assertThat(passed.getRecipients()).hasSize(2);
    }

    @Test
    void anUnknownOnScriptErrorIsRefusedAtInit() {
        assertThatThrownBy(() -> mailetOnScriptError("Route", "drop"))
                .isInstanceOf(MessagingException.class)
                .hasMessageContaining("onScriptError must be 'pass' or 'error'");
    }

    @Test
    void theScriptSeesTheMail() throws Exception {
        scripts.write(
                "ROUTE.LUA",
                "function Route(mail)\n"
                        + "  print(mail.Name, mail.State, mail.Sender, mail.Recipients[1], mail.Recipients[2], mail.Subject,\n"
                        + "        mail.MessageSize, mail.AuthUser, mail.Headers[\"x-spam-flag\"], mail.Headers[\"X-SPAM-FLAG\"],\n"
                        + "        mail.Attributes.score)\n"
                        + "end\n");

        mailet("Route").service(mail());

        assertThat(scripts.luaOut())
                .containsExactly(
                        "m1\ttransport\talice@example.local\tbob@example.local\tcarol@example.local\tcafé\t1234\talice\tNO\tNO\t7");
    }

    @Test
    void pairsOverHeadersGivesEachFieldByItsNameAsWritten() throws Exception {
        scripts.write(
                "ROUTE.LUA",
                "function Route(mail)\n"
                        + "  for name, value in pairs(mail.Headers) do\n"
                        + "    if name:lower() == 'x-spam-flag' then print(name, value) end\n"
                        + "  end\n"
                        + "end\n");

        mailet("Route").service(mail());

        assertThat(scripts.luaOut()).containsExactly("X-Spam-Flag\tNO");
    }

    @Test
    void theScriptSeesWhereTheMailCameFromWhyItFailedAndItsTextAndFlagAttributes() throws Exception {
        scripts.write(
                "ROUTE.LUA",
                "function Route(mail)\n"
                        + "  print(mail.RemoteAddr, mail.RemoteHost, mail.ErrorMessage, mail.Attributes.tag,"
                        + " mail.Attributes.flag)\n"
                        + "end\n");
        FakeMail mail = FakeMail.builder()
                .name("m3")
                .sender("alice@example.local")
                .recipient("bob@example.local")
                .mimeMessage(MimeMessageBuilder.mimeMessageBuilder().setText("hello"))
                .remoteAddr("192.0.2.7")
                .remoteHost("client.example")
                .errorMessage("550 mailbox full")
                .attribute(new Attribute(AttributeName.of("tag"), AttributeValue.of("vip")))
                .attribute(new Attribute(AttributeName.of("flag"), AttributeValue.of(true)))
                .build();

        mailet("Route").service(mail);

        assertThat(scripts.luaOut()).containsExactly("192.0.2.7\tclient.example\t550 mailbox full\tvip\ttrue");
    }

    @Test
    void withMessageHelpersTheScriptSeesTheMimeStructureAttachmentsAndParts() throws Exception {
        scripts.write(
                "ROUTE.LUA",
                "function Route(mail)\n"
                        + "  print(mail.Structure[1].ContentSubtype, mail.Attachments[1].Name, VPOP3.GetMessagePart(\"1\"))\n"
                        + "  for i, attachment in ipairs(mail.Attachments) do\n"
                        + "    if string.find(string.lower(attachment.Name), \"%.exe$\") then\n"
                        + "      return { HeaderModifiers = { \"X-Executable: \" .. attachment.Name } }\n"
                        + "    end\n"
                        + "  end\n"
                        + "end\n");
        FakeMail mail = withAttachment();

        mailet("Route", true).service(mail);

        assertThat(scripts.luaOut()).containsExactly("plain\tsetup.exe\tsee attached");
        assertThat(mail.getMessage().getHeader("X-Executable")).containsExactly("setup.exe");
        assertThat(scripts.errors()).isEmpty();
    }

    @Test
    void withoutMessageHelpersTheMessageIsNotScanned() throws Exception {
        scripts.write(
                "ROUTE.LUA",
                "function Route(mail)\n"
                        + "  print(mail.Structure, mail.Attachments)\n"
                        + "  return { HeaderModifiers = { \"X-Part: \" .. VPOP3.GetMessagePart(\"1\") } }\n"
                        + "end\n");
        FakeMail mail = withAttachment();

        mailet("Route").service(mail);

        assertThat(scripts.luaOut()).containsExactly("nil\tnil");
        assertThat(mail.getMessage().getHeader("X-Part")).isNull();
        assertThat(scripts.errors()).singleElement().asString().contains("no message is being processed");
    }

    @Test
    void headerLinesListEveryFieldInOrder() throws Exception {
        scripts.write(
                "ROUTE.LUA",
                "function Route(mail)\n"
                        + "  for i, line in ipairs(mail.HeaderLines) do\n"
                        + "    if string.find(line, \"^X%-\") or string.find(line, \"^Message\") then print(line) end\n"
                        + "  end\n"
                        + "end\n");

        mailet("Route").service(mail());

        assertThat(scripts.luaOut()).containsExactly("Message-ID: <original@example.local>", "X-Spam-Flag: NO");
    }

    @Test
    void aFoldedOrNonAsciiFieldIsOneValueAndOneLineInBothTables() throws Exception {
        scripts.write(
                "ROUTE.LUA",
                "function Route(mail)\n"
                        + "  for i, line in ipairs(mail.HeaderLines) do\n"
                        + "    if string.find(line, \"^X%-\") then print(line) end\n"
                        + "  end\n"
                        + "  print(mail.Headers[\"x-folded\"], mail.Headers[\"X-NAME\"], #mail.Headers[\"X-Name\"])\n"
                        + "end\n");
        FakeMail mail = FakeMail.builder()
                .name("m1")
                .recipient("bob@example.local")
                .mimeMessage(MimeMessageBuilder.mimeMessageBuilder()
                        .addHeader("X-Folded", "first\r\n\tsecond")
                        .addHeader("X-Name", "café")
                        .setText("hello"))
                .build();

        mailet("Route").service(mail);

        assertThat(scripts.luaOut())
                .containsExactly("X-Folded: first\tsecond", "X-Name: café", "first\tsecond\tcafé\t5");
    }

    @Test
    void nilLeavesTheMailAsItWas() throws Exception {
        scripts.write("ROUTE.LUA", "function Route(mail) return nil end\nfunction No(mail) return false end");
        FakeMail mail = mail();

        mailet("Route").service(mail);
        mailet("No").service(mail);

        assertThat(mail.getState()).isEqualTo("transport");
        assertThat(mail.getRecipients()).hasSize(2);
        assertThat(scripts.errors()).isEmpty();
    }

    @Test
    void aTableOfChangesIsApplied() throws Exception {
        scripts.write(
                "ROUTE.LUA",
                "function Route(mail)\n"
                        + "  return { State = \"quarantine\", Recipients = { \"dave@example.local\" },\n"
                        + "           HeaderModifiers = { \"X-Routed: by Lua\" }, RemoveHeaders = { \"X-Spam-Flag\" },\n"
                        + "           Attributes = { [\"org.example.count\"] = 3, [\"org.example.flag\"] = true,\n"
                        + "                          [\"org.example.text\"] = \"hi\", [\"org.example.ratio\"] = 0.5 },\n"
                        + "           RemoveAttributes = { \"score\" } }\n"
                        + "end\n");
        FakeMail mail = mail();

        mailet("Route").service(mail);

        assertThat(mail.getState()).isEqualTo("quarantine");
        assertThat(mail.getRecipients()).containsExactly(new MailAddress("dave@example.local"));
        assertThat(mail.getMessage().getHeader("X-Routed")).containsExactly("by Lua");
        assertThat(mail.getMessage().getHeader("X-Spam-Flag")).isNull();
        assertThat(mail.getMessage().getMessageID()).isEqualTo("<original@example.local>");
        assertThat(mail.getAttribute(AttributeName.of("org.example.count")))
                .contains(new Attribute(AttributeName.of("org.example.count"), AttributeValue.of(3)));
        assertThat(mail.getAttribute(AttributeName.of("org.example.flag"))
                        .orElseThrow()
                        .getValue()
                        .value())
                .isEqualTo(true);
        assertThat(mail.getAttribute(AttributeName.of("org.example.text"))
                        .orElseThrow()
                        .getValue()
                        .value())
                .isEqualTo("hi");
        assertThat(mail.getAttribute(AttributeName.of("org.example.ratio"))
                        .orElseThrow()
                        .getValue()
                        .value())
                .isEqualTo(0.5);
        assertThat(mail.getAttribute(AttributeName.of("score"))).isEmpty();
    }

    /** Nothing parsed, nothing re-serialised: what the sender wrote is what the next mailet and the mailbox get. */
    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {"nil", "{}", "{ RemoveHeaders = { \"X-Absent\" } }", "{ State = \"transport\" }"})
    void aScriptThatChangesNoHeaderLeavesTheMessageByteForByte(String result) throws Exception {
        scripts.write("ROUTE.LUA", "function Route(mail) return " + result + " end");
        FakeMail mail = rawMail("Subject: s\nX-Folded: a\n b\n\nbody\n");
        MimeMessage before = mail.getMessage();

        mailet("Route").service(mail);

        assertThat(mail.getMessage()).isSameAs(before);
        assertThat(Messages.text(mail.getMessage())).isEqualTo("Subject: s\r\nX-Folded: a\r\n b\r\n\r\nbody\r\n");
    }

    /** Removing fields rewrites the header's bytes only: no MIME-Version or Message-ID the sender did not send. */
    @Test
    void removeHeadersTakesOutTheWholeFoldedFieldAndKeepsEveryOtherByte() throws Exception {
        scripts.write(
                "ROUTE.LUA",
                "function Route(mail)\n"
                        + "  return { RemoveHeaders = { \"x-folded\" }, HeaderModifiers = { \"X-Routed: yes\" } }\n"
                        + "end\n");
        FakeMail mail = rawMail("Subject: s\nX-Folded: a\n b\nTo: bob@example.local\n\nbody\n");

        mailet("Route").service(mail);

        assertThat(Messages.text(mail.getMessage()))
                .isEqualTo("Subject: s\r\nTo: bob@example.local\r\nX-Routed: yes\r\n\r\nbody\r\n");
    }

    @Test
    void removeHeadersAloneRemovesThem() throws Exception {
        scripts.write("ROUTE.LUA", "function Route(mail) return { RemoveHeaders = { \"X-Folded\" } } end\n");
        FakeMail mail = rawMail("Subject: s\nX-Folded: a\n b\nTo: bob@example.local\n\nbody\n");

        mailet("Route").service(mail);

        assertThat(Messages.text(mail.getMessage())).isEqualTo("Subject: s\r\nTo: bob@example.local\r\n\r\nbody\r\n");
    }

    private static FakeMail rawMail(String raw) throws MessagingException {
        return FakeMail.builder()
                .name("m3")
                .sender("alice@example.local")
                .recipient("bob@example.local")
                .mimeMessage(Messages.parse(raw))
                .size(raw.length())
                .state("transport")
                .build();
    }

    @Test
    void noRecipientsLeftDropsTheMail() throws Exception {
        scripts.write("ROUTE.LUA", "function Route(mail) return { Recipients = {} } end");
        FakeMail mail = mail();

        mailet("Route").service(mail);

        assertThat(mail.getRecipients()).isEmpty();
        assertThat(mail.getState()).isEqualTo(Mail.GHOST);
    }

    @Test
    void oneBadFieldChangesNothingAndIsLogged() throws Exception {
        scripts.write(
                "ROUTE.LUA",
                "function Route(mail)\n"
                        + "  return { State = \"quarantine\", HeaderModifiers = { \"X-Ok: yes\" }, Recipients = { \"not an address\" } }\n"
                        + "end\n");
        FakeMail mail = mail();

        mailet("Route").service(mail);

        assertThat(mail.getState()).isEqualTo("transport");
        assertThat(mail.getRecipients()).hasSize(2);
        assertThat(mail.getMessage().getHeader("X-Ok")).isNull();
        assertThat(scripts.errors())
                .singleElement()
                .asString()
                .contains("ROUTE.LUA Route line 2 [BAD_RETURN]")
                .contains("not an email address");
    }

    @Test
    void aHeaderLineWithALineBreakIsRefused() throws Exception {
        scripts.write(
                "ROUTE.LUA", "function Route(mail) return { HeaderModifiers = { 'X-A: b\\r\\nBcc: x@y.z' } } end");
        FakeMail mail = mail();

        mailet("Route").service(mail);

        assertThat(mail.getMessage().getHeader("X-A")).isNull();
        assertThat(scripts.errors())
                .singleElement()
                .asString()
                .contains("[BAD_RETURN]")
                .contains("line break");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '"',
            value = {
                "'X-A: a\\0b'|U+0000",
                "'X-A: a\\rBcc: x@y.z'|line break",
                "'X-A: caf\\195\\169'|U+00E9",
                "'X-A: ' .. string.rep('x', 994)|(at most 998)",
                "'Bad Name: x'|spaces",
                "'\\tfolded first'|continuation"
            })
    void headerLinesAreCheckedAsSmtpChecksThem(String line, String why) throws Exception {
        scripts.write("ROUTE.LUA", "function Route(mail)\n return { HeaderModifiers = { " + line + " } }\nend");
        FakeMail mail = mail();
        byte[] before = bytes(mail);

        mailet("Route").service(mail);

        assertThat(bytes(mail)).isEqualTo(before);
        assertThat(scripts.errors())
                .singleElement()
                .asString()
                .contains("ROUTE.LUA Route line 2 [BAD_RETURN]")
                .contains(why);
    }

    @Test
    void aFoldedHeaderLineIsAddedAsTheScriptWroteIt() throws Exception {
        scripts.write(
                "ROUTE.LUA",
                "function Route(mail)\n"
                        + "  return { HeaderModifiers = { \"X-Long: one\", \"\ttwo\", \"X-Tight:three\" } }\n"
                        + "end\n");
        FakeMail mail = mail();

        mailet("Route").service(mail);

        assertThat(new String(bytes(mail), java.nio.charset.StandardCharsets.US_ASCII))
                .contains("X-Long: one\r\n\ttwo\r\nX-Tight:three\r\n\r\n");
        assertThat(scripts.errors()).isEmpty();
    }

    @Test
    void aHeaderLineEndingInALineEndIsAddedWithoutIt() throws Exception {
        scripts.write(
                "ROUTE.LUA",
                "function Route(mail)\n"
                        + "  return { HeaderModifiers = { \"X-Routed: yes\\r\\n\", \"X-By: Lua\\n\" } }\n"
                        + "end\n");
        FakeMail mail = mail();

        mailet("Route").service(mail);

        assertThat(new String(bytes(mail), java.nio.charset.StandardCharsets.US_ASCII))
                .contains("X-Routed: yes\r\nX-By: Lua\r\n\r\n");
        assertThat(scripts.errors()).isEmpty();
    }

    private static byte[] bytes(Mail mail) throws Exception {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        mail.getMessage().writeTo(out);
        return out.toByteArray();
    }

    @Test
    void wrongReturnTypesAreLoggedAndIgnored() throws Exception {
        scripts.write(
                "ROUTE.LUA",
                "function Route(mail) return \"quarantine\" end\n"
                        + "function Attrs(mail) return { Attributes = { x = {} } } end\n"
                        + "function Yes(mail) return true end\n");
        FakeMail mail = mail();

        mailet("Route").service(mail);
        mailet("Attrs").service(mail);
        mailet("Yes").service(mail);

        assertThat(mail.getState()).isEqualTo("transport");
        assertThat(scripts.errors()).hasSize(3);
        assertThat(scripts.errors().get(2))
                .contains("Yes line 3 [BAD_RETURN]: the result must be a table of changes or nil, not boolean");
        assertThat(scripts.errors().get(0))
                .contains("Route line 1 [BAD_RETURN]: the result must be a table of changes or nil, not string");
        assertThat(scripts.errors().get(1))
                .contains("Attrs line 2 [BAD_RETURN]: Attributes.x must be a string, number or boolean, not table");
    }

    @Test
    void attributesOverTheirCountOrSizeAreRefusedAndNoneIsSet() throws Exception {
        scripts.write(
                "ROUTE.LUA",
                "function Many(mail)\n"
                        + "  local t = {} for i = 1, 1001 do t[\"a\" .. i] = i end return { Attributes = t } end\n"
                        + "function Long(mail)\n"
                        + "  local s = string.rep(\"x\", 600 * 1024) return { Attributes = { a = s, b = s } } end\n");
        FakeMail mail = mail();

        mailet("Many").service(mail);
        mailet("Long").service(mail);

        assertThat(mail.attributeNames()).noneMatch(name -> name.asString().matches("a\\d*|b"));
        assertThat(scripts.errors()).hasSize(2);
        assertThat(scripts.errors().get(0))
                .endsWith("Many line 2 [BAD_RETURN]: Attributes holds more than 1000 attributes");
        assertThat(scripts.errors().get(1))
                .endsWith("Long line 4 [BAD_RETURN]: Attributes holds more than 1048576 bytes of names and text");
    }

    @Test
    void attributesUpToTheirSizeAreSetAndWholeNumbersAreIntsWhileTheyFit() throws Exception {
        scripts.write(
                "ROUTE.LUA",
                // a name of 1 byte and a text of 1 MiB less 1: the bound exactly
                "function Most(mail)\n"
                        + "  return { Attributes = { a = string.rep(\"x\", 1024 * 1024 - 1) } } end\n"
                        + "function Numbers(mail)\n"
                        + "  return { Attributes = { int = 2147483647, long = 2147483648 } } end\n");
        FakeMail mail = mail();

        mailet("Most").service(mail);
        mailet("Numbers").service(mail);

        assertThat(scripts.errors()).isEmpty();
        assertThat(mail.getAttribute(AttributeName.of("a")))
                .get()
                .satisfies(attribute ->
                        assertThat((String) attribute.getValue().value()).hasSize(1024 * 1024 - 1));
        assertThat(mail.getAttribute(AttributeName.of("int"))
                        .orElseThrow()
                        .getValue()
                        .value())
                .isEqualTo(Integer.MAX_VALUE);
        assertThat(mail.getAttribute(AttributeName.of("long"))
                        .orElseThrow()
                        .getValue()
                        .value())
                .isEqualTo(2147483648L);
    }

    @Test
    void aFailingScriptLeavesTheMailAsItWas() throws Exception {
        scripts.write(
                "ROUTE.LUA",
                "function Route(mail) error(\"boom\") end\n" + "function Loop(mail) while true do end end\n");
        FakeMail mail = mail();

        mailet("Route").service(mail);
        mailet("Loop").service(mail);

        assertThat(mail.getState()).isEqualTo("transport");
        assertThat(mail.getRecipients()).hasSize(2);
        assertThat(scripts.errors()).hasSize(2);
        assertThat(scripts.errors().get(0)).contains("[RUNTIME]").contains("boom");
        assertThat(scripts.errors().get(1)).contains("[TIMEOUT]");
    }

    @Test
    void aMissingScriptOrFunctionChangesNothing() throws Exception {
        FakeMail mail = mail();

        mailet("Route").service(mail);
        scripts.write("ROUTE.LUA", "x = 1");
        mailet("Route").service(mail);

        assertThat(mail.getState()).isEqualTo("transport");
        assertThat(scripts.errors()).isEmpty();
    }

    @Test
    void scriptAndFunctionAreRequired() {
        LuaMailet mailet = new LuaMailet(engine, callers, new UncompiledScripts(engine));

        assertThatThrownBy(() -> mailet.init(FakeMailetConfig.builder()
                        .mailetName("LuaMailet")
                        .setProperty("script", "ROUTE.LUA")
                        .build()))
                .isInstanceOf(MessagingException.class)
                .hasMessageContaining("<function>");
    }
}
