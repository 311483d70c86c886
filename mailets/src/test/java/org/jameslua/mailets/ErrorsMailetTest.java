package org.jameslua.mailets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import javax.mail.Message;
import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;
import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.apache.james.core.builder.MimeMessageBuilder;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ErrorsMailetTest {
    private static final String PRINTS_CONNECTION_ERROR = "function ProcessError(itemid, errorText, connectionError)\n"
            + "  print(connectionError)\n"
            + "  return nil\n"
            + "end\n";

    private final ScriptCallers callers =
            new ScriptCallers(new ScriptMetrics(new RecordingMetricFactory(), new ScriptCallCounts()));
    private static final String STACK_TRACE = "Exception calling org.example.Broken: disk full\n"
            + "javax.mail.MessagingException: disk full\n\tat org.example.Broken.service(Broken.java:12)\n";

    @RegisterExtension
    final ScriptFixture scripts = new ScriptFixture();

    private LuaEngine engine;
    private FakeMailContext context;

    @BeforeEach
    void setUp() throws Exception {
        engine = scripts.engine();
        context = FakeMailContext.builder()
                .postmaster(new MailAddress("postmaster@example.local"))
                .build();
    }

    private ErrorsMailet mailet(String... parameters) throws MessagingException {
        ErrorsMailet mailet = new ErrorsMailet(engine, callers, new UncompiledScripts(engine));
        FakeMailetConfig.Builder config =
                FakeMailetConfig.builder().mailetName("Errors").mailetContext(context);
        for (int i = 0; i < parameters.length; i += 2) {
            config.setProperty(parameters[i], parameters[i + 1]);
        }
        mailet.init(config.build());
        return mailet;
    }

    private static FakeMail.Builder failed(String sender) throws MessagingException {
        return FakeMail.builder()
                .name("mail-17")
                .sender(MaybeSender.getMailSender(sender))
                .recipients("bob@remote.test", "carol@remote.test")
                .mimeMessage(MimeMessageBuilder.mimeMessageBuilder()
                        .setSubject("Invoice")
                        .setText("body"));
    }

    private static FakeMail processingError() throws MessagingException {
        return failed("alice@example.local")
                .state(Mail.ERROR)
                .errorMessage(STACK_TRACE)
                .build();
    }

    private static FakeMail deliveryFailure(boolean permanent, String error, String sender) throws MessagingException {
        return failed(sender)
                .state("bounces")
                .attribute(new Attribute(AttributeName.of("delivery-error"), AttributeValue.of(error)))
                .attribute(new Attribute(AttributeName.of("is-delivery-permanent-error"), AttributeValue.of(permanent)))
                .attribute(new Attribute(AttributeName.of("delivery_retry_count"), AttributeValue.of(5)))
                .build();
    }

    private FakeMailContext.SentMail onlyNotice() {
        assertThat(context.getSentMails()).hasSize(1);
        return context.getSentMails().get(0);
    }

    private static String text(FakeMailContext.SentMail sent) throws Exception {
        return (String) sent.getMsg().getContent();
    }

    @Test
    void withoutScriptAProcessingErrorIsReportedToThePostmaster() throws Exception {
        FakeMail mail = processingError();

        mailet().service(mail);

        FakeMailContext.SentMail notice = onlyNotice();
        assertThat(notice.getRecipients()).containsExactly(new MailAddress("postmaster@example.local"));
        assertThat(notice.getSender().isNullSender()).isTrue();
        assertThat(notice.getSubject()).contains("Error processing a message");
        MimeMessage message = notice.getMsg();
        assertThat(message.getFrom()[0].toString()).isEqualTo("postmaster@example.local");
        assertThat(message.getHeader("Auto-Submitted")).containsExactly("auto-generated");
        // what the reader's mail program shows: To, Date, and a Message-ID to reply to
        assertThat(message.getRecipients(Message.RecipientType.TO))
                .extracting(Object::toString)
                .containsExactly("postmaster@example.local");
        assertThat(message.getSentDate()).isNotNull();
        assertThat(message.getMessageID()).isNotBlank();
        assertThat(text(notice))
                .isEqualTo("The message mail-17 from alice@example.local to bob@remote.test, "
                        + "carol@remote.test (subject \"Invoice\") could not be processed:\r\n\r\n"
                        + "Exception calling org.example.Broken: disk full\r\n");
        assertThat(mail.getState()).isEqualTo(Mail.ERROR);
    }

    @Test
    void withoutScriptADeliveryFailureIsReportedToTheSender() throws Exception {
        mailet().service(deliveryFailure(true, "550 5.1.1 No such user", "alice@example.local"));

        FakeMailContext.SentMail notice = onlyNotice();
        assertThat(notice.getRecipients()).containsExactly(new MailAddress("alice@example.local"));
        assertThat(notice.getSubject()).contains("Message delivery failed");
        assertThat(text(notice))
                .isEqualTo("Your message to bob@remote.test, carol@remote.test (subject \"Invoice\") "
                        + "could not be delivered:\r\n\r\n550 5.1.1 No such user\r\n");
    }

    @Test
    void theScriptIsToldTheManualsArguments() throws Exception {
        scripts.write(
                "ERRORS.LUA",
                "function ProcessError(itemid, errorText, connectionError, subjectId, subjectText, formatId,\n"
                        + "                      formatText, params, target, sender)\n"
                        + "  print(itemid, errorText, connectionError, subjectId, subjectText, formatId, target, sender)\n"
                        + "  print(table.concat(params, \"|\"))\n"
                        + "  print(formatText)\n"
                        + "  return subjectText, formatText, target, sender, false\n"
                        + "end\n");

        mailet().service(deliveryFailure(false, "Too many retries: Connection refused", "alice@example.local"));

        assertThat(scripts.luaOut())
                .containsExactly(
                        "mail-17\tToo many retries: Connection refused\ttrue\t103\tMessage delivery failed: too many retries"
                                + "\t203\talice@example.local\tpostmaster@example.local",
                        "alice@example.local|bob@remote.test, carol@remote.test|Invoice|Too many retries: Connection refused"
                                + "|mail-17|6",
                        "Your message to %2 (subject \"%3\") could not be delivered (delivery attempts: %6):",
                        "",
                        "%4",
                        "");
        // five retries after the first attempt
        assertThat(text(onlyNotice())).contains("(delivery attempts: 6)");
    }

    /** James 3.8.1's RemoteDelivery words these failures to find or reach the recipients' server so. */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "There are no DNS entries for the hostname Domain : nowhere.invalid.  I cannot determine where to send"
                        + " this message.",
                "Temporary problem looking up mail server for host: Domain : remote.test.  I cannot determine where"
                        + " to send this message.",
                "Too many retries: Connection refused"
            })
    void aServerThatCannotBeFoundOrReachedIsAConnectionError(String error) throws Exception {
        scripts.write("ERRORS.LUA", PRINTS_CONNECTION_ERROR);

        mailet().service(deliveryFailure(true, error, "alice@example.local"));

        assertThat(scripts.luaOut()).containsExactly("true");
    }

    @Test
    void aRefusalByTheRecipientsServerIsNoConnectionError() throws Exception {
        scripts.write("ERRORS.LUA", PRINTS_CONNECTION_ERROR);

        mailet().service(deliveryFailure(true, "550 5.1.1 No such user", "alice@example.local"));

        assertThat(scripts.luaOut()).containsExactly("false");
    }

    @Test
    void theFiveReturnsDecideTheNotice() throws Exception {
        scripts.write(
                "ERRORS.LUA",
                "function ProcessError(itemid, errorText, connectionError, subjectId, subjectText, formatId,\n"
                        + "                      formatText, params, target, sender)\n"
                        + "  if subjectId == 101 then\n"
                        + "    return \"[\" .. itemid .. \"] failed\", \"%5: %4 (100%% sure, %9 kept)\", \"ops@example.local; alt@example.local\",\n"
                        + "           \"mailer-daemon@example.local\", false\n"
                        + "  end\n"
                        + "end\n");

        mailet().service(processingError());

        FakeMailContext.SentMail notice = onlyNotice();
        assertThat(notice.getSubject()).contains("[mail-17] failed");
        assertThat(notice.getRecipients())
                .containsExactly(new MailAddress("ops@example.local"), new MailAddress("alt@example.local"));
        assertThat(notice.getMsg().getFrom()[0].toString()).isEqualTo("mailer-daemon@example.local");
        assertThat(text(notice))
                .isEqualTo("mail-17: Exception calling org.example.Broken: disk full (100% sure, %9 kept)");
    }

    @Test
    void blankTextOrABlankTargetMeansNoNotice() throws Exception {
        scripts.write(
                "ERRORS.LUA",
                "function ProcessError(itemid, errorText, connectionError, subjectId, subjectText, formatId,\n"
                        + "                      formatText, params, target, sender)\n"
                        + "  if subjectId == 101 then return subjectText, \"\", target, sender, true end\n"
                        + "  return subjectText, formatText, \"<blank>\", sender, true\n"
                        + "end\n");

        mailet().service(processingError());
        mailet().service(deliveryFailure(true, "550 no", "alice@example.local"));

        assertThat(context.getSentMails()).isEmpty();
        assertThat(scripts.errors()).isEmpty();
    }

    @Test
    void deliveryFailuresOfAutomaticMailAreReportedOnlyWhenForced() throws Exception {
        FakeMail bounce = deliveryFailure(true, "550 no", "<>");
        FakeMail autoReply = failed("alice@example.local")
                .mimeMessage(MimeMessageBuilder.mimeMessageBuilder()
                        .addHeader("Auto-Submitted", "auto-replied")
                        .setSubject("Away")
                        .setText("x"))
                .attribute(new Attribute(AttributeName.of("delivery-error"), AttributeValue.of("550 no")))
                .build();

        mailet().service(bounce);
        mailet().service(autoReply);
        assertThat(context.getSentMails()).isEmpty();

        scripts.write(
                "ERRORS.LUA",
                "function ProcessError(itemid, errorText, connectionError, subjectId, subjectText, formatId,\n"
                        + "                      formatText, params, target, sender)\n"
                        + "  return subjectText, formatText, target, sender, true\n"
                        + "end\n");
        mailet().service(bounce);
        assertThat(onlyNotice().getRecipients()).containsExactly(new MailAddress("postmaster@example.local"));
    }

    @Test
    void noNoticeIsEverSentAboutANotice() throws Exception {
        scripts.write(
                "ERRORS.LUA",
                "function ProcessError(itemid, errorText, connectionError, subjectId, subjectText, formatId,\n"
                        + "                      formatText, params, target, sender)\n"
                        + "  return subjectText, formatText, target, sender, true\n"
                        + "end\n");
        mailet().service(processingError());
        FakeMailContext.SentMail notice = onlyNotice();
        FakeMail failedNotice = FakeMail.builder()
                .name("notice-1")
                .sender(MaybeSender.nullSender())
                .recipients(notice.getRecipients().toArray(new MailAddress[0]))
                .mimeMessage(notice.getMsg())
                .state(Mail.ERROR)
                .errorMessage("Exception calling LocalDelivery: mailbox full")
                .build();

        mailet().service(failedNotice);

        assertThat(context.getSentMails()).hasSize(1);
    }

    @Test
    void aFailingScriptOrBadReturnsGiveTheServersNotice() throws Exception {
        scripts.write(
                "ERRORS.LUA",
                "function ProcessError(itemid, errorText, connectionError, subjectId)\n"
                        + "  if subjectId == 101 then error(\"no notices today\") end\n"
                        + "  return \"subject\", \"text\", \"not an address\"\n"
                        + "end\n");

        mailet().service(processingError());
        mailet().service(deliveryFailure(true, "550 no", "alice@example.local"));

        assertThat(context.getSentMails()).hasSize(2);
        assertThat(context.getSentMails().get(0).getRecipients())
                .containsExactly(new MailAddress("postmaster@example.local"));
        assertThat(context.getSentMails().get(1).getRecipients())
                .containsExactly(new MailAddress("alice@example.local"));
        assertThat(context.getSentMails().get(1).getSubject()).contains("Message delivery failed");
        List<String> errors = scripts.errors();
        assertThat(errors).hasSize(2);
        assertThat(errors.get(0))
                .contains("ERRORS.LUA ProcessError line 2 [RUNTIME]")
                .contains("no notices today");
        assertThat(errors.get(1))
                .contains("ProcessError line 3 [BAD_RETURN]: the target (3rd return) is not a list of email addresses");
    }

    @Test
    void aTargetOfMoreThanAThousandAddressesGivesTheServersNotice() throws Exception {
        scripts.write(
                "ERRORS.LUA",
                "function ProcessError()\n"
                        + "  return \"subject\", \"text\", string.rep(\"ops@remote.example, \", 1001)\n"
                        + "end\n");

        mailet().service(processingError());

        assertThat(context.getSentMails()).hasSize(1);
        assertThat(context.getSentMails().get(0).getRecipients())
                .containsExactly(new MailAddress("postmaster@example.local"));
        assertThat(scripts.errors())
                .singleElement()
                .asString()
                .endsWith("ProcessError line 2 [BAD_RETURN]: the target (3rd return) holds more than 1000 addresses");
    }

    /** A text of exactly a mebibyte once its placeholders are replaced ("%%" is one character) is sent. */
    @Test
    void aReturnLeftOutKeepsWhatTheScriptWasGiven() throws Exception {
        scripts.write(
                "ERRORS.LUA", "function ProcessError() return \"Custom subject\", nil, \"ops@remote.example\" end\n");

        mailet().service(processingError());

        FakeMailContext.SentMail notice = onlyNotice();
        assertThat(notice.getSubject()).contains("Custom subject");
        assertThat(text(notice))
                .isEqualTo("The message mail-17 from alice@example.local to bob@remote.test, "
                        + "carol@remote.test (subject \"Invoice\") could not be processed:\r\n\r\n"
                        + "Exception calling org.example.Broken: disk full\r\n");
    }

    @Test
    void aFormatWhoseTextIsAMebibyteIsSent() throws Exception {
        scripts.write(
                "ERRORS.LUA",
                "function ProcessError()\n"
                        + "  return \"subject\", string.rep(\"x\", 1024 * 1024 - 1) .. \"%%\", \"ops@remote.example\"\n"
                        + "end\n");

        mailet().service(processingError());

        assertThat(scripts.errors()).isEmpty();
        assertThat(onlyNotice().getRecipients()).containsExactly(new MailAddress("ops@remote.example"));
    }

    @Test
    void aSenderThatIsNoAddressGivesTheServersNoticeAndABlankOneTheDefaultSender() throws Exception {
        scripts.write(
                "ERRORS.LUA",
                "function ProcessError(itemid, errorText, connectionError, subjectId, subjectText, formatId,\n"
                        + "                      formatText, params, target, sender)\n"
                        + "  return subjectText, formatText, \"ops@remote.example\", itemid == \"blank\" and \"\" or \"mailer-daemon\"\n"
                        + "end\n");
        FakeMail blank = processingError();
        blank.setName("blank");

        mailet().service(processingError());
        mailet().service(blank);

        assertThat(context.getSentMails()).hasSize(2);
        assertThat(context.getSentMails().get(0).getRecipients())
                .containsExactly(new MailAddress("postmaster@example.local"));
        assertThat(scripts.errors()).singleElement().asString().contains("[BAD_RETURN]", "the sender (4th return)");
        FakeMailContext.SentMail fromDefault = context.getSentMails().get(1);
        assertThat(fromDefault.getRecipients()).containsExactly(new MailAddress("ops@remote.example"));
        assertThat(fromDefault.getMsg().getFrom()[0].toString()).isEqualTo("postmaster@example.local");
    }

    @Test
    void aFormatWhoseTextWouldPassAMebibyteGivesTheServersNotice() throws Exception {
        scripts.write(
                "ERRORS.LUA",
                "function ProcessError(itemid, errorText, connectionError, subjectId, subjectText, formatId,\n"
                        + "                      formatText, params)\n"
                        + "  return \"subject\", string.rep(\"%1\", math.floor(1024 * 1024 / #params[1]) + 1), \"ops@remote.example\"\n"
                        + "end\n");

        mailet().service(processingError());

        assertThat(context.getSentMails()).hasSize(1);
        assertThat(context.getSentMails().get(0).getRecipients())
                .containsExactly(new MailAddress("postmaster@example.local"));
        assertThat(scripts.errors())
                .singleElement()
                .asString()
                .contains("ProcessError line 3 [BAD_RETURN]: the notice text would be ")
                .endsWith(" characters (at most 1048576)");
    }

    @Test
    void theFailedMailGoesOnUnlessPassThroughIsOff() throws Exception {
        FakeMail kept = processingError();
        FakeMail dropped = processingError();

        mailet().service(kept);
        mailet("passThrough", "false").service(dropped);

        assertThat(kept.getState()).isEqualTo(Mail.ERROR);
        assertThat(dropped.getState()).isEqualTo(Mail.GHOST);
        assertThat(context.getSentMails()).hasSize(2);
    }

    @Test
    void startsBeforeThePostmasterIsKnown() throws Exception {
        // James 3.8.1 builds the mailets first and configures the mailet context (postmaster included) afterwards
        context = FakeMailContext.builder().build();

        ErrorsMailet mailet = mailet();

        assertThat(mailet.getMailetConfig().getMailetName()).isEqualTo("Errors");
    }

    @Test
    void theDefaultTargetAndSenderCanBeConfigured() throws Exception {
        mailet("target", "ops@example.local", "sender", "mailer-daemon@example.local")
                .service(deliveryFailure(true, "550 no", "alice@example.local"));

        FakeMailContext.SentMail notice = onlyNotice();
        assertThat(notice.getRecipients()).containsExactly(new MailAddress("ops@example.local"));
        assertThat(notice.getMsg().getFrom()[0].toString()).isEqualTo("mailer-daemon@example.local");
    }

    @Test
    void aBlankTargetOrSenderParameterIsAsNone() throws Exception {
        mailet("target", " ", "sender", " ").service(deliveryFailure(true, "550 no", "alice@example.local"));

        FakeMailContext.SentMail notice = onlyNotice();
        assertThat(notice.getRecipients()).containsExactly(new MailAddress("alice@example.local"));
        assertThat(notice.getMsg().getFrom()[0].toString()).isEqualTo("postmaster@example.local");
    }

    @Test
    void aTargetOrSenderThatIsNotAnAddressStopsTheMailetFromStarting() {
        assertThatThrownBy(() -> mailet("target", "ops@example.local, ops-team"))
                .isInstanceOf(MessagingException.class)
                .hasMessageContaining("not email addresses: [ops-team]");
        assertThatThrownBy(() -> mailet("sender", "mailer-daemon"))
                .isInstanceOf(MessagingException.class)
                .hasMessageContaining("not email addresses: [mailer-daemon]");
    }

    @Test
    void onScriptErrorPassSendsTheServersNoticeAndErrorFailsTheMailet() throws Exception {
        scripts.write(
                "ERRORS.LUA",
                "function ProcessError(itemid, errorText)\n" + "  error(\"notice exploded\")\n" + "end\n");

        mailet("onScriptError", "pass").service(processingError());

        assertThat(context.getSentMails()).hasSize(1);
        assertThatThrownBy(() -> mailet("onScriptError", "error").service(processingError()))
                .isInstanceOf(MessagingException.class)
                .hasMessageContaining("notice exploded");
        assertThat(context.getSentMails()).hasSize(1);
    }

    @Test
    void aScriptThatNeverCompiledFailsTheMailetUnderErrorAndSendsTheServersNoticeUnderPass() throws Exception {
        scripts.write("ERRORS.LUA", "function ProcessError(\n");

        assertThatThrownBy(() -> mailet("onScriptError", "error").service(processingError()))
                .isInstanceOf(MessagingException.class)
                .hasMessageContaining("ERRORS.LUA does not compile and has not compiled since James started");
        assertThat(context.getSentMails()).isEmpty();

        mailet("onScriptError", "pass").service(processingError());

        assertThat(context.getSentMails()).hasSize(1);
    }
}
