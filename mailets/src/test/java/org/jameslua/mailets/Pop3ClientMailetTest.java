package org.jameslua.mailets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import javax.mail.MessagingException;
import org.apache.james.core.MailAddress;
import org.apache.james.metrics.tests.RecordingMetricFactory;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeName;
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

class Pop3ClientMailetTest {
    private final ScriptCallers callers =
            new ScriptCallers(new ScriptMetrics(new RecordingMetricFactory(), new ScriptCallCounts()));
    private static final String MESSAGE = "From: news@remote.test\n"
            + "To: bob@example.local\n"
            + "Subject: Weekly news\n"
            + "Message-ID: <n1@remote.test>\n"
            + "MIME-Version: 1.0\n"
            + "Content-Type: multipart/mixed; boundary=\"b\"\n"
            + "\n"
            + "--b\n"
            + "Content-Type: text/plain\n"
            + "\n"
            + "This week\n"
            + "--b\n"
            + "Content-Type: application/pdf; name=\"issue.pdf\"\n"
            + "Content-Disposition: attachment; filename=\"issue.pdf\"\n"
            + "Content-Transfer-Encoding: base64\n"
            + "\n"
            + "JVBERi0xLjQK\n"
            + "--b--\n";

    @RegisterExtension
    final ScriptFixture scripts = new ScriptFixture();

    private LuaEngine engine;

    @BeforeEach
    void setUp() {
        engine = scripts.engine();
    }

    private Pop3ClientMailet mailet() throws MessagingException {
        Pop3ClientMailet mailet = new Pop3ClientMailet(engine, callers, new UncompiledScripts(engine));
        mailet.init(FakeMailetConfig.builder()
                .mailetName("Pop3Client")
                .mailetContext(FakeMailContext.defaultContext())
                .build());
        return mailet;
    }

    private static FakeMail fetched(String raw) throws MessagingException {
        return FakeMail.builder()
                .name("fetched-1")
                .sender("news@remote.test")
                .recipient("bob@example.local")
                .mimeMessage(Messages.parse(raw))
                .size(raw.length())
                .state(Mail.DEFAULT)
                .attribute(new Attribute(
                        AttributeName.of("org.apache.james.fetchmail.taskName"), AttributeValue.of("isp-mailbox")))
                .build();
    }

    private static FakeMail fetched() throws MessagingException {
        return fetched(MESSAGE);
    }

    @Test
    void processMessageGetsTheSmtpArgumentsAndTheMessageHelpers() throws Exception {
        scripts.write(
                "POP3CLT.LUA",
                "function ProcessMessage(mailfrom, subject, recipients, actions, structure, size, attachments)\n"
                        + "  print(mailfrom, subject, recipients[1], size)\n"
                        + "  print(actions.SendToOriginalRecipients, actions.Delete, actions.Ignore, actions.Reason,\n"
                        + "        table.getn(actions.Recipients), table.getn(actions.HeaderModifiers))\n"
                        + "  print(structure[1].Path, structure[1].ContentSubtype, structure[2].ContentTypeFilename)\n"
                        + "  print(attachments[1].Name, attachments[1].MIMEType, attachments[1].Size, attachments[1].Type)\n"
                        + "  print(VPOP3.GetMessagePart(\"1\"))\n"
                        + "  return actions, \"looked\"\n"
                        + "end\n");
        FakeMail mail = fetched();

        mailet().service(mail);

        assertThat(scripts.luaOut())
                .containsExactly(
                        "news@remote.test\tWeekly news\tbob@example.local\t"
                                + Messages.text(mail.getMessage()).length(),
                        "true\tfalse\tfalse\t\t0\t0",
                        "1\tplain\tissue.pdf",
                        "issue.pdf\tapplication/pdf\t9\tMIME",
                        "This week");
        assertThat(mail.getRecipients()).containsExactly(new MailAddress("bob@example.local"));
        assertThat(scripts.errors()).isEmpty();
    }

    @Test
    void recipientsAndHeaderModifiersAreApplied() throws Exception {
        scripts.write(
                "POP3CLT.LUA",
                "function ProcessMessage(mailfrom, subject, recipients, actions)\n"
                        + "  actions.Recipients = { \"carol@example.local\", \"bob@example.local\" }\n"
                        + "  actions.HeaderModifiers = { \"X-Fetched-By: POP3CLT.LUA\" }\n"
                        + "  return actions\n"
                        + "end\n");
        FakeMail mail = fetched();

        mailet().service(mail);

        assertThat(mail.getRecipients())
                .containsExactly(new MailAddress("bob@example.local"), new MailAddress("carol@example.local"));
        assertThat(mail.getMessage().getHeader("X-Fetched-By")).containsExactly("POP3CLT.LUA");
        assertThat(mail.getMessage().getMessageID()).isEqualTo("<n1@remote.test>");
    }

    @Test
    void theOriginalRecipientsCanBeReplaced() throws Exception {
        scripts.write(
                "POP3CLT.LUA",
                "function ProcessMessage(mailfrom, subject, recipients, actions)\n"
                        + "  actions.SendToOriginalRecipients = false\n"
                        + "  actions.Recipients = { \"news-archive@example.local\" }\n"
                        + "  return actions\n"
                        + "end\n");
        FakeMail mail = fetched();

        mailet().service(mail);

        assertThat(mail.getRecipients()).containsExactly(new MailAddress("news-archive@example.local"));
        assertThat(mail.getState()).isEqualTo(Mail.DEFAULT);
    }

    @Test
    void ignoreDropsTheMailAndDeleteChangesNothing() throws Exception {
        scripts.write(
                "POP3CLT.LUA",
                "function ProcessMessage(mailfrom, subject, recipients, actions)\n"
                        + "  actions.Delete = true\n"
                        + "  if string.find(subject, \"news\") then actions.Ignore = true end\n"
                        + "  return actions, \"dropped\"\n"
                        + "end\n");
        FakeMail news = fetched();
        FakeMail other = fetched(MESSAGE.replace("Weekly news", "Invoice"));

        mailet().service(news);
        mailet().service(other);

        assertThat(news.getState()).isEqualTo(Mail.GHOST);
        assertThat(other.getState()).isEqualTo(Mail.DEFAULT);
        assertThat(other.getRecipients()).hasSize(1);
    }

    @Test
    void mailFetchMailDidNotBringIsLeftAlone() throws Exception {
        scripts.write(
                "POP3CLT.LUA",
                "function ProcessMessage(m, s, r, actions) print('called') actions.Ignore = true return actions end");
        FakeMail smtp = FakeMail.builder()
                .name("smtp-1")
                .sender("a@remote.test")
                .recipient("bob@example.local")
                .mimeMessage(Messages.parse(MESSAGE))
                .state(Mail.DEFAULT)
                .build();

        mailet().service(smtp);

        assertThat(smtp.getState()).isEqualTo(Mail.DEFAULT);
        assertThat(scripts.luaOut()).isEmpty();
    }

    @Test
    void failuresAndBadResultsLeaveTheMailAsItWas() throws Exception {
        scripts.write(
                "POP3CLT.LUA",
                "function ProcessMessage(mailfrom, subject, recipients, actions)\n"
                        + "  if subject == \"Weekly news\" then error(\"filter broke\") end\n"
                        + "  actions.Ignore = true\n"
                        + "  actions.Recipients = { \"no address\" }\n"
                        + "  return actions\n"
                        + "end\n");
        FakeMail failing = fetched();
        FakeMail bad = fetched(MESSAGE.replace("Weekly news", "Invoice"));

        mailet().service(failing);
        mailet().service(bad);

        assertThat(failing.getState()).isEqualTo(Mail.DEFAULT);
        assertThat(bad.getState()).isEqualTo(Mail.DEFAULT);
        assertThat(scripts.errors()).hasSize(2);
        assertThat(scripts.errors().get(0))
                .contains("POP3CLT.LUA ProcessMessage line 2 [RUNTIME]")
                .contains("filter broke");
        assertThat(scripts.errors().get(1)).contains("[BAD_RETURN]: actions.Recipients entry is not an email address");
    }

    @Test
    void aLargeMessageIsReadFromATemporaryFileThatIsRemovedAfterwards() throws Exception {
        scripts.write(
                "POP3CLT.LUA",
                "function ProcessMessage(mailfrom, subject, recipients, actions, structure, size)\n"
                        + "  local count, line = VPOP3.GetMessageLine(1)\n"
                        + "  print(size, (string.gsub(line, \"%s+$\", \"\")))\n"
                        + "  return actions\n"
                        + "end\n");
        String raw = "Subject: big\n\n" + "x".repeat(100).concat("\n").repeat(15_000);
        FakeMail mail = fetched(raw);

        mailet().service(mail);

        assertThat(scripts.luaOut())
                .containsExactly(Messages.text(mail.getMessage()).length() + "\tSubject: big");
        try (Stream<Path> left = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            assertThat(left.map(path -> path.getFileName().toString()))
                    .noneMatch(name -> name.startsWith("james-lua-") && name.endsWith(".eml"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void onScriptErrorPassLetsTheMailGoOnUnchangedAndErrorFailsTheMailet() throws Exception {
        scripts.write(
                "POP3CLT.LUA",
                "function ProcessMessage(mailfrom, subject, recipients, actions)\n"
                        + "  error(\"download exploded\")\n"
                        + "end\n");
        FakeMail passed = fetched();
        FakeMail failed = fetched();

        mailet("pass").service(passed);

        assertThat(passed.getState()).isEqualTo(Mail.DEFAULT);
        assertThat(passed.getRecipients()).extracting(Object::toString).containsExactly("bob@example.local");
        assertThatThrownBy(() -> mailet("error").service(failed))
                .isInstanceOf(MessagingException.class)
                .hasMessageContaining("download exploded");
        assertThat(failed.getState()).isEqualTo(Mail.DEFAULT);
        assertThat(scripts.errors()).hasSize(2);
    }

    private Pop3ClientMailet mailet(String onScriptError) throws MessagingException {
        Pop3ClientMailet mailet = new Pop3ClientMailet(engine, callers, new UncompiledScripts(engine));
        mailet.init(FakeMailetConfig.builder()
                .mailetName("Pop3Client")
                .mailetContext(FakeMailContext.defaultContext())
                .setProperty("onScriptError", onScriptError)
                .build());
        return mailet;
    }

    @Test
    void aScriptThatNeverCompiledFailsFetchedMailUnderErrorAndLetsItGoUnderPass() throws Exception {
        scripts.write("POP3CLT.LUA", "function ProcessMessage(mailfrom\n");
        FakeMail failed = fetched();
        FakeMail passed = fetched();

        assertThatThrownBy(() -> mailet("error").service(failed))
                .isInstanceOf(MessagingException.class)
                .hasMessageContaining("POP3CLT.LUA does not compile and has not compiled since James started");
        mailet("pass").service(passed);

        assertThat(failed.getState()).isEqualTo(Mail.DEFAULT);
        assertThat(passed.getState()).isEqualTo(Mail.DEFAULT);
        assertThat(passed.getRecipients()).extracting(Object::toString).containsExactly("bob@example.local");
    }
}
