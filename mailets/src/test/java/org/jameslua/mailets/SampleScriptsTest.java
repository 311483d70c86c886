package org.jameslua.mailets;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;
import org.apache.james.core.MailAddress;
import org.apache.james.core.builder.MimeMessageBuilder;
import org.apache.james.metrics.tests.RecordingMetricFactory;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailContext;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.jameslua.engine.LuaEngine;
import org.jameslua.engine.ScriptFixture;
import org.jameslua.engine.ScriptInstance;
import org.jameslua.james.ScriptCallCounts;
import org.jameslua.james.ScriptMetrics;
import org.jameslua.james.script.OnScriptError;
import org.jameslua.james.script.ScriptCallers;
import org.jameslua.james.script.UncompiledScripts;
import org.jameslua.mailets.generic.MailTable;
import org.jameslua.mailets.routing.DeclaredSetting;
import org.jameslua.mailets.routing.DeclaredSettings;
import org.jameslua.mailets.routing.DeclaredSettingsCache;
import org.jameslua.mailets.routing.RecipientUsers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The scripts shipped in conf-samples/scripts compile, and do what their comments say on typical mail. */
class SampleScriptsTest {
    private final ScriptCallers callers =
            new ScriptCallers(new ScriptMetrics(new RecordingMetricFactory(), new ScriptCallCounts()));
    private static final Path SAMPLES = Path.of(System.getProperty("jameslua.samples", "../conf-samples/scripts"));

    @RegisterExtension
    final ScriptFixture scripts = new ScriptFixture();

    private LuaEngine engine;
    private FakeMailContext context;

    @BeforeEach
    void setUp() throws IOException, MessagingException {
        try (Stream<Path> samples = Files.list(SAMPLES)) {
            for (Path sample : samples.collect(Collectors.toList())) {
                Files.copy(sample, scripts.folder().resolve(sample.getFileName()));
            }
        }
        engine = scripts.engine();
        context = FakeMailContext.builder()
                .postmaster(new MailAddress("postmaster@localhost"))
                .build();
    }

    private <T extends GenericMailet> T init(T mailet) throws MessagingException {
        mailet.init(FakeMailetConfig.builder()
                .mailetName(mailet.getClass().getSimpleName())
                .mailetContext(context)
                .build());
        return mailet;
    }

    private static FakeMail.Builder mail(MimeMessageBuilder message) throws MessagingException {
        return FakeMail.builder()
                .name("sample-1")
                .sender("alice@localhost")
                .recipient("bob@remote.test")
                .mimeMessage(message)
                .size(2000)
                .state("relay");
    }

    @Test
    void everySampleCompiles() throws IOException {
        List<String> names;
        try (Stream<Path> samples = Files.list(SAMPLES)) {
            names = samples.map(path -> path.getFileName().toString()).sorted().collect(Collectors.toList());
        }

        assertThat(names)
                .containsExactly(
                        // a script writer's editor reads these (docs/scripting.md, "Your editor"): not scripts
                        ".luarc.json",
                        "ERRORS.LUA",
                        "MXOUT.LUA",
                        "PASSWORDCHECK.LUA",
                        "POP3CLT.LUA",
                        "RELAYOUT.LUA",
                        "ROUTING.LUA",
                        "SIGNATURE.LUA",
                        "SMTPSVR.LUA",
                        "USER_REDIRECT.LUA",
                        "library");
        assertThat(names.subList(1, names.size() - 1)).allMatch(engine::hasScript);
        assertThat(scripts.errors()).isEmpty();
    }

    @Test
    void userRedirectForwardsWhileTheUserIsAway() throws Exception {
        engine.host().userSettings().set("bob@localhost", "AwayForward", "bob@home.test");
        engine.host().userSettings().set("bob@localhost", "AwayFrom", "19700101");
        engine.host().userSettings().set("bob@localhost", "AwayUntil", "29991231");
        RecipientUsers users = address -> Optional.of(address.asString()).filter(a -> a.endsWith("@localhost"));
        UserRedirectMailet mailet = init(new UserRedirectMailet(
                engine, users, callers, new UncompiledScripts(engine), new DeclaredSettingsCache(engine, callers)));
        FakeMail mail = FakeMail.builder()
                .name("m")
                .sender("alice@remote.test")
                .recipients("bob@localhost", "carol@localhost")
                .mimeMessage(
                        MimeMessageBuilder.mimeMessageBuilder().setSubject("hi").setText("x"))
                .build();

        mailet.service(mail);

        assertThat(mail.getRecipients())
                .containsExactly(new MailAddress("bob@localhost"), new MailAddress("carol@localhost"));
        assertThat(context.getSentMails())
                .singleElement()
                .satisfies(copy -> assertThat(copy.getRecipients()).containsExactly(new MailAddress("bob@home.test")));
        assertThat(DeclaredSettings.of(engine, callers.shared(OnScriptError.PASS), "USER_REDIRECT.LUA"))
                .extracting(DeclaredSetting::name)
                .containsExactly("AwayForward", "AwayFrom", "AwayUntil", "OfficeHoursOnly");
        assertThat(scripts.errors()).isEmpty();
    }

    @Test
    void signatureSignsAuthenticatedUsersOnly() throws Exception {
        engine.host().userSettings().set("alice", "SignaturePLAIN", "-- \nAlice");
        SignatureMailet mailet = init(new SignatureMailet(engine, callers, new UncompiledScripts(engine)));
        FakeMail authenticated = mail(MimeMessageBuilder.mimeMessageBuilder().setText("Hello"))
                .attribute(new Attribute(Mail.SMTP_AUTH_USER, AttributeValue.of("alice")))
                .build();
        FakeMail anonymous =
                mail(MimeMessageBuilder.mimeMessageBuilder().setText("Hello")).build();

        mailet.service(authenticated);
        mailet.service(anonymous);

        assertThat(Messages.reparse(authenticated.getMessage()).getContent()).isEqualTo("Hello\r\n-- \r\nAlice\r\n");
        assertThat(Messages.reparse(anonymous.getMessage()).getContent()).isEqualTo("Hello");
        assertThat(scripts.errors()).isEmpty();
    }

    @Test
    void errorsTellsThePostmasterAboutConnectionFailures() throws Exception {
        ErrorsMailet mailet = init(new ErrorsMailet(engine, callers, new UncompiledScripts(engine)));
        FakeMail refused = mail(MimeMessageBuilder.mimeMessageBuilder()
                        .setSubject("Invoice")
                        .setText("x"))
                .attribute(new Attribute(
                        AttributeName.of("delivery-error"),
                        AttributeValue.of("java.net.ConnectException: Connection refused")))
                .attribute(new Attribute(AttributeName.of("is-delivery-permanent-error"), AttributeValue.of(false)))
                .build();
        FakeMail noReply = FakeMail.builder()
                .name("m2")
                .sender("noreply@localhost")
                .recipient("bob@remote.test")
                .mimeMessage(MimeMessageBuilder.mimeMessageBuilder().setText("x"))
                .attribute(new Attribute(AttributeName.of("delivery-error"), AttributeValue.of("550 no such user")))
                .build();

        mailet.service(refused);
        mailet.service(noReply);

        assertThat(context.getSentMails()).singleElement().satisfies(notice -> {
            assertThat(notice.getRecipients()).containsExactly(new MailAddress("postmaster@localhost"));
            assertThat(notice.getSubject()).contains("[connection] Message delivery failed: too many retries");
        });
        assertThat(scripts.errors()).isEmpty();
    }

    @Test
    void passwordCheckWantsThreeKindsOfCharacterAndNotTheUsersName() {
        PasswordCheck check = new PasswordCheck(engine, callers);

        assertThat(check.refusal("bob@localhost", "Tr0ub4dor&3", 8)).isEmpty();
        assertThat(check.refusal("bob@localhost", "troubadour", 8))
                .contains("refused by PASSWORDCHECK.LUA (use at least three of: lower case, upper case, digits, other"
                        + " characters)");
        assertThat(check.refusal("bob@localhost", "MyBob-1234", 8))
                .contains("refused by PASSWORDCHECK.LUA (do not use your own name)");
        assertThat(check.refusal("bob@localhost", "Sh0rt!", 8)).isPresent();
        assertThat(scripts.errors()).isEmpty();
    }

    @Test
    void mxoutPutsUrgentMailInTheHighClassAndBulkMailInTheLowOne() throws Exception {
        MxOutMailet mailet = new MxOutMailet(engine, callers, new UncompiledScripts(engine));
        mailet.init(FakeMailetConfig.builder()
                .mailetName("MxOutMailet")
                .mailetContext(context)
                .setProperty("priorityProcessors", "above 50: relay-high; below 50: relay-low")
                .build());
        FakeMail urgent = mail(MimeMessageBuilder.mimeMessageBuilder()
                        .addHeader("X-Priority", "1 (Highest)")
                        .setText("x"))
                .build();
        FakeMail bulk = mail(MimeMessageBuilder.mimeMessageBuilder()
                        .addHeader("Precedence", "list")
                        .setText("x"))
                .build();
        FakeMail normal =
                mail(MimeMessageBuilder.mimeMessageBuilder().setText("x")).build();

        mailet.service(urgent);
        mailet.service(bulk);
        mailet.service(normal);

        assertThat(urgent.getState()).isEqualTo("relay-high");
        assertThat(bulk.getState()).isEqualTo("relay-low");
        assertThat(normal.getState()).isEqualTo("relay");
        assertThat(urgent.getAttribute(AttributeName.of("MAIL_PRIORITY"))
                        .orElseThrow()
                        .getValue()
                        .value())
                .isEqualTo(9);
        assertThat(normal.getAttribute(AttributeName.of("MAIL_PRIORITY"))).isEmpty();
        assertThat(scripts.errors()).isEmpty();
    }

    @Test
    void relayoutSendsBulkMailLast() throws Exception {
        RelayOutMailet mailet = init(new RelayOutMailet(engine, callers, new UncompiledScripts(engine)));
        FakeMail bulk = mail(MimeMessageBuilder.mimeMessageBuilder()
                        .addHeader("Precedence", "bulk")
                        .setText("x"))
                .build();

        mailet.service(bulk);

        assertThat(bulk.getAttribute(AttributeName.of("MAIL_PRIORITY"))
                        .orElseThrow()
                        .getValue()
                        .value())
                .isEqualTo(1);
        assertThat(scripts.errors()).isEmpty();
    }

    @Test
    void pop3cltDropsProgramsAndMarksListMail() throws Exception {
        Pop3ClientMailet mailet = init(new Pop3ClientMailet(engine, callers, new UncompiledScripts(engine)));
        FakeMail program = fetched("Subject: invoice\n"
                + "Content-Type: multipart/mixed; boundary=\"b\"\n"
                + "\n"
                + "--b\n"
                + "Content-Type: text/plain\n"
                + "\n"
                + "see attached\n"
                + "--b\n"
                + "Content-Type: application/octet-stream; name=\"invoice.exe\"\n"
                + "Content-Disposition: attachment; filename=\"invoice.exe\"\n"
                + "\n"
                + "MZ\n"
                + "--b--\n");
        FakeMail list = fetched("Subject: news\n" + "List-Id: <news.remote.test>\n" + "\n" + "this week\n");

        mailet.service(program);
        mailet.service(list);

        assertThat(program.getState()).isEqualTo(Mail.GHOST);
        assertThat(list.getState()).isEqualTo(Mail.DEFAULT);
        assertThat(list.getMessage().getHeader("X-Mailing-List")).containsExactly("yes");
        assertThat(scripts.errors()).isEmpty();
    }

    @Test
    void routingTagsBulkMail() throws Exception {
        LuaMailet mailet = new LuaMailet(engine, callers, new UncompiledScripts(engine));
        mailet.init(FakeMailetConfig.builder()
                .mailetName("LuaMailet")
                .mailetContext(context)
                .setProperty("script", "ROUTING.LUA")
                .setProperty("function", "TagBulk")
                .build());
        FakeMail bulk = mail(MimeMessageBuilder.mimeMessageBuilder()
                        .addHeader("Precedence", "Bulk")
                        .setText("x"))
                .recipients("bob@remote.test", "archive@localhost")
                .build();

        mailet.service(bulk);
        try (ScriptInstance routing = engine.newInstance("ROUTING.LUA")) {
            assertThat(routing.call("IsBulk", MailTable.of(bulk)))
                    .isInstanceOfSatisfying(
                            org.jameslua.engine.CallResult.Returned.class,
                            result -> assertThat(result.values().arg1().toboolean())
                                    .isTrue());
            assertThat(routing.call("ArchiveRecipients", MailTable.of(bulk)))
                    .isInstanceOfSatisfying(
                            org.jameslua.engine.CallResult.Returned.class,
                            result -> assertThat(result.values().arg1().get(1).tojstring())
                                    .isEqualTo("archive@localhost"));
        }

        assertThat(bulk.getMessage().getHeader("X-Bulk")).containsExactly("yes");
        assertThat(bulk.getAttribute(AttributeName.of("org.example.bulk"))).isPresent();
        assertThat(scripts.errors()).isEmpty();
    }

    private static FakeMail fetched(String raw) throws MessagingException {
        MimeMessage message = Messages.parse(raw);
        return FakeMail.builder()
                .name("fetched")
                .sender("news@remote.test")
                .recipient("bob@localhost")
                .mimeMessage(message)
                .size(raw.length())
                .state(Mail.DEFAULT)
                .attribute(new Attribute(
                        AttributeName.of("org.apache.james.fetchmail.taskName"), AttributeValue.of("isp")))
                .build();
    }
}
