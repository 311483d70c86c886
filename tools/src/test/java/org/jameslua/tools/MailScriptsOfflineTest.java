package org.jameslua.tools;

import static org.assertj.core.api.Assertions.assertThat;

import com.codahale.metrics.MetricRegistry;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.mail.Session;
import javax.mail.internet.MimeMessage;
import org.apache.james.core.MailAddress;
import org.apache.james.metrics.dropwizard.DropWizardMetricFactory;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.apache.mailet.Mailet;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailContext;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.jameslua.engine.LuaEngine;
import org.jameslua.james.ScriptCallCounts;
import org.jameslua.james.ScriptMetrics;
import org.jameslua.james.script.ScriptCallers;
import org.jameslua.james.script.UncompiledScripts;
import org.jameslua.mailets.ErrorsMailet;
import org.jameslua.mailets.MxOutMailet;
import org.jameslua.mailets.Pop3ClientMailet;
import org.jameslua.mailets.RelayOutMailet;
import org.jameslua.mailets.SignatureMailet;
import org.jameslua.mailets.UserRedirectMailet;
import org.jameslua.mailets.routing.DeclaredSettingsCache;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code james-lua-run --mail} prints the decision the pack's mailet takes: each sample mailet script runs on a
 * message through the tool, and through its mailet as the mailets' own tests run it (James's FakeMailContext
 * and FakeMail, the engine on the same folder), and the tool's output must state what the mailet did: the
 * recipients the mail goes on to, each mail it sent, each attribute it set, each line it added.
 */
class MailScriptsOfflineTest {
    private static final String ALICE = "alice@localhost";
    private static final AttributeName FETCHMAIL_TASK = AttributeName.of("org.apache.james.fetchmail.taskName");

    @TempDir
    Path folder;

    @BeforeEach
    void sampleFolder() throws IOException {
        try (Stream<Path> samples = Files.list(Path.of(System.getProperty("jameslua.samples")))) {
            for (Path sample : samples.toList()) {
                Files.copy(sample, folder.resolve(sample.getFileName()));
            }
        }
        Files.writeString(folder.resolve("users.txt"), ALICE + "\nsales@localhost\n");
        Files.createDirectories(folder.resolve("usersettings"));
        Files.writeString(
                folder.resolve("usersettings").resolve(ALICE + ".properties"),
                "Forwards = bob@elsewhere.example\nSignaturePLAIN = Alice, Example Ltd\n");
    }

    @Test
    void userRedirectForwardsAndDelivers() throws Exception {
        Path eml = message("From: carol@remote.example\r\nTo: " + ALICE + "\r\nSubject: hello\r\n\r\nHi.\r\n");
        List<String> tool = tool(eml, "--user", ALICE, "--script", "USER_REDIRECT.LUA");

        Outcome mailet = direct(
                (engine, callers, uncompiled) -> new UserRedirectMailet(
                        engine,
                        recipient -> Optional.of(recipient.asString()).filter(ALICE::equals),
                        callers,
                        uncompiled,
                        new DeclaredSettingsCache(engine, callers)),
                eml,
                mail -> {});

        assertStates(tool, mailet);
        assertThat(mailet.sent())
                .extracting(sent -> sent.getRecipients().toString())
                .containsExactly("[bob@elsewhere.example]");
        assertThat(tool).noneMatch(line -> line.startsWith("no recipient is a local user"));
    }

    /** The mailet calls USER_REDIRECT.LUA for local users only: the tool says so rather than look like a no-op. */
    @Test
    void userRedirectSaysWhenNoRecipientIsALocalUser() throws Exception {
        Path eml = message("From: carol@remote.example\r\nTo: dave@localhost\r\nSubject: [order] 2\r\n\r\nHi.\r\n");
        List<String> tool = tool(eml, "--script", "USER_REDIRECT.LUA");

        assertThat(tool)
                .containsSubsequence(
                        "USER_REDIRECT.LUA on " + eml + ": from carol@remote.example to dave@localhost",
                        "no recipient is a local user, so USER_REDIRECT.LUA is not called (the local users: users.txt"
                                + " of the folder, and --user NAME)",
                        "the mail goes on to: dave@localhost (its recipients, unchanged)");
    }

    @Test
    void signatureOfTheAuthenticatedUser() throws Exception {
        Path eml = message("From: " + ALICE + "\r\nTo: dave@remote.example\r\nSubject: report\r\n"
                + "Content-Type: text/plain\r\n\r\nThe report.\r\n");
        List<String> tool = tool(eml, "--user", ALICE, "--script", "SIGNATURE.LUA");

        Outcome mailet = direct(
                SignatureMailet::new,
                eml,
                mail -> mail.setAttribute(new Attribute(Mail.SMTP_AUTH_USER, AttributeValue.of(ALICE))));

        assertStates(tool, mailet);
        assertThat(mailet.added()).contains("Alice, Example Ltd");
    }

    @Test
    void errorNoticeToThePostmaster() throws Exception {
        Path eml = message("From: carol@remote.example\r\nTo: " + ALICE + "\r\nSubject: broken\r\n\r\nHi.\r\n");
        List<String> tool = tool(eml, "--error", "Mailet failed: boom", "--script", "ERRORS.LUA");

        Outcome mailet = direct(ErrorsMailet::new, eml, mail -> mail.setErrorMessage("Mailet failed: boom"));

        assertStates(tool, mailet);
        assertThat(mailet.sent())
                .extracting(sent -> sent.getRecipients().toString())
                .containsExactly("[postmaster@localhost]");
    }

    @Test
    void relayOutPriorityForBulkMail() throws Exception {
        Path eml = message("From: " + ALICE + "\r\nTo: dave@remote.example\r\nSubject: news\r\n"
                + "Precedence: bulk\r\n\r\nNews.\r\n");
        List<String> tool = tool(eml, "--script", "RELAYOUT.LUA");

        Outcome mailet = direct(RelayOutMailet::new, eml, mail -> {});

        assertStates(tool, mailet);
        assertThat(mailet.attributes()).anyMatch(line -> line.startsWith("MAIL_PRIORITY = "));
    }

    @Test
    void mxOutPriorityForUrgentMail() throws Exception {
        Path eml = message("From: " + ALICE + "\r\nTo: dave@remote.example\r\nSubject: now\r\n"
                + "X-Priority: 1\r\n\r\nUrgent.\r\n");
        List<String> tool = tool(eml, "--script", "MXOUT.LUA");

        Outcome mailet = direct(MxOutMailet::new, eml, mail -> {});

        assertStates(tool, mailet);
        assertThat(mailet.attributes()).anyMatch(line -> line.startsWith("MAIL_PRIORITY = "));
    }

    @Test
    void pop3ClientMarksListMail() throws Exception {
        Path eml = message("From: list@remote.example\r\nTo: " + ALICE + "\r\nSubject: digest\r\n"
                + "List-Id: <news.remote.example>\r\n\r\nDigest.\r\n");
        List<String> tool = tool(eml, "--script", "POP3CLT.LUA");

        Outcome mailet = direct(
                Pop3ClientMailet::new,
                eml,
                mail -> mail.setAttribute(new Attribute(FETCHMAIL_TASK, AttributeValue.of("james-lua-run"))));

        assertStates(tool, mailet);
        assertThat(mailet.added()).contains("X-Mailing-List: yes");
    }

    /** Every part of the mailet's decision is in the tool's output. */
    private static void assertStates(List<String> tool, Outcome mailet) {
        if (Mail.GHOST.equals(mailet.state())) {
            assertThat(tool).anyMatch(line -> line.startsWith("the mail goes no further"));
        } else {
            assertThat(tool).anyMatch(line -> line.startsWith("the mail goes on to: " + mailet.recipients()));
        }
        for (FakeMailContext.SentMail sent : mailet.sent()) {
            String recipients =
                    sent.getRecipients().stream().map(MailAddress::asString).collect(Collectors.joining(", "));
            String sender = sent.getSender() == null ? "<>" : sent.getSender().asString();
            assertThat(tool).anyMatch(line -> line.startsWith("sends a mail from " + sender + " to " + recipients));
        }
        mailet.attributes().forEach(attribute -> assertThat(tool).contains("attribute set: " + attribute));
        mailet.added().stream()
                // JavaMail stamps a saved message anew each time
                .filter(line -> !line.startsWith("Date:") && !line.startsWith("Message-ID:"))
                .forEach(line -> assertThat(tool).contains("  + " + line));
    }

    private List<String> tool(Path eml, String... args) {
        List<String> arguments = new ArrayList<>(List.of("--folder", folder.toString(), "--mail", eml.toString()));
        arguments.addAll(List.of(args));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = ToolsMain.run(
                arguments, InputStream.nullInputStream(), new PrintStream(out, true, StandardCharsets.UTF_8), folder);
        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(status).as(String.join("\n", lines)).isZero();
        return lines;
    }

    interface MailetFactory {
        Mailet create(LuaEngine engine, ScriptCallers callers, UncompiledScripts uncompiled);
    }

    interface MailPreparation {
        void prepare(FakeMail mail) throws Exception;
    }

    record Outcome(
            String state,
            String recipients,
            List<FakeMailContext.SentMail> sent,
            List<String> attributes,
            List<String> added) {}

    /** The mailet as its own tests run it, on the message's From and To. */
    private Outcome direct(MailetFactory factory, Path eml, MailPreparation preparation) throws Exception {
        try (LuaEngine engine = LuaEngine.builder(folder).build()) {
            FakeMailContext context = FakeMailContext.builder()
                    .postmaster(new MailAddress("postmaster@localhost"))
                    .build();
            Mailet mailet = factory.create(
                    engine,
                    new ScriptCallers(new ScriptMetrics(
                            new DropWizardMetricFactory(new MetricRegistry()), new ScriptCallCounts())),
                    new UncompiledScripts(engine));
            mailet.init(FakeMailetConfig.builder()
                    .mailetName("direct")
                    .mailetContext(context)
                    .build());
            MimeMessage message = read(eml);
            FakeMail mail = FakeMail.builder()
                    .name("james-lua-run")
                    .mimeMessage(message)
                    .sender(message.getFrom()[0].toString())
                    .recipients(Stream.of(message.getAllRecipients())
                            .map(Object::toString)
                            .toArray(String[]::new))
                    .build();
            preparation.prepare(mail);
            List<String> before = lines(mail.getMessage());
            List<Attribute> attributesBefore = mail.attributes().toList();
            mailet.service(mail);
            List<String> added = new ArrayList<>(lines(mail.getMessage()));
            before.forEach(added::remove);
            return new Outcome(
                    mail.getState(),
                    mail.getRecipients().stream().map(MailAddress::asString).collect(Collectors.joining(", ")),
                    context.getSentMails(),
                    mail.attributes()
                            .filter(attribute -> !attributesBefore.contains(attribute))
                            .map(attribute -> attribute.getName().asString() + " = "
                                    + attribute.getValue().value())
                            .toList(),
                    added);
        }
    }

    private Path message(String text) throws IOException {
        return Files.writeString(folder.resolve("message.eml"), text, StandardCharsets.ISO_8859_1);
    }

    private static MimeMessage read(Path eml) throws Exception {
        return new MimeMessage(
                Session.getInstance(new Properties()), new ByteArrayInputStream(Files.readAllBytes(eml)));
    }

    private static List<String> lines(MimeMessage message) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        message.writeTo(bytes);
        return bytes.toString(StandardCharsets.ISO_8859_1).lines().toList();
    }
}
