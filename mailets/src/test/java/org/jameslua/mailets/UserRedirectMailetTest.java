package org.jameslua.mailets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.mail.MessagingException;
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
import org.jameslua.james.script.OnScriptError;
import org.jameslua.james.script.ScriptCallers;
import org.jameslua.james.script.UncompiledScripts;
import org.jameslua.mailets.routing.DeclaredSetting;
import org.jameslua.mailets.routing.DeclaredSettings;
import org.jameslua.mailets.routing.DeclaredSettingsCache;
import org.jameslua.mailets.routing.RecipientUsers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UserRedirectMailetTest {
    private final ScriptCallers callers =
            new ScriptCallers(new ScriptMetrics(new RecordingMetricFactory(), new ScriptCallCounts()));
    private static final Set<String> LOCAL_USERS = Set.of("bob@localhost", "carol@localhost");

    @RegisterExtension
    final ScriptFixture scripts = new ScriptFixture();

    private LuaEngine engine;
    private FakeMailContext context;

    @BeforeEach
    void setUp() {
        engine = scripts.engine(Limits.defaults().withInstructions(2_000_000));
        context = FakeMailContext.defaultContext();
    }

    private UserRedirectMailet mailet(String... parameters) throws MessagingException {
        RecipientUsers users = address -> Optional.of(address.asString()).filter(LOCAL_USERS::contains);
        UserRedirectMailet mailet = new UserRedirectMailet(
                engine, users, callers, new UncompiledScripts(engine), new DeclaredSettingsCache(engine, callers));
        FakeMailetConfig.Builder config =
                FakeMailetConfig.builder().mailetName("UserRedirect").mailetContext(context);
        for (int i = 0; i < parameters.length; i += 2) {
            config.setProperty(parameters[i], parameters[i + 1]);
        }
        mailet.init(config.build());
        return mailet;
    }

    private void setting(String user, String name, String value) {
        engine.host().userSettings().set(user, name, value);
    }

    private static FakeMail mail(String sender, long size, String... recipients) throws MessagingException {
        return FakeMail.builder()
                .name("m1")
                .sender(sender)
                .recipients(recipients)
                .size(size)
                .state("transport")
                .mimeMessage(MimeMessageBuilder.mimeMessageBuilder()
                        .setSubject("Quarterly report")
                        .addHeader("X-Spam-Score", "2.5")
                        .addHeader("X-Mailer", "one")
                        .addHeader("x-mailer", "two")
                        .setText("hello"))
                .build();
    }

    private static List<MailAddress> addresses(String... values) {
        return Arrays.stream(values)
                .map(value -> {
                    try {
                        return new MailAddress(value);
                    } catch (Exception e) {
                        throw new IllegalArgumentException(e);
                    }
                })
                .collect(Collectors.toList());
    }

    /** Where a mail went: the recipients it kept, and those of the one new mail sent for remote targets. */
    private static final class Routed {
        private final List<MailAddress> kept;
        private final List<MailAddress> sent;

        Routed(List<MailAddress> kept, List<MailAddress> sent) {
            this.kept = kept;
            this.sent = sent;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Routed && kept.equals(((Routed) other).kept) && sent.equals(((Routed) other).sent);
        }

        @Override
        public int hashCode() {
            return Objects.hash(kept, sent);
        }

        @Override
        public String toString() {
            return "Routed[kept=" + kept + ", sent=" + sent + "]";
        }
    }

    private static Routed kept(String... addresses) {
        return new Routed(addresses(addresses), List.of());
    }

    private static Routed routed(List<MailAddress> kept, String... sent) {
        return new Routed(kept, addresses(sent));
    }

    private Routed route(UserRedirectMailet mailet, Mail mail) throws MessagingException {
        context.resetSentMails();
        mailet.service(mail);
        assertThat(context.getSentMails()).hasSizeLessThanOrEqualTo(1);
        List<MailAddress> sent = context.getSentMails().isEmpty()
                ? List.of()
                : List.copyOf(context.getSentMails().get(0).getRecipients());
        return new Routed(List.copyOf(mail.getRecipients()), sent);
    }

    @Test
    void withoutScriptOrSettingsTheMailIsUnchanged() throws Exception {
        FakeMail mail = mail("alice@remote.test", 100, "bob@localhost", "zed@remote.test");

        assertThat(route(mailet(), mail)).isEqualTo(kept("bob@localhost", "zed@remote.test"));
        assertThat(mail.getState()).isEqualTo("transport");
        assertThat(scripts.errors()).isEmpty();
    }

    @Test
    void aScriptThatNeverCompiledFailsTheMailUnderErrorAndLeavesItAsItWasUnderPass() throws Exception {
        scripts.write("USER_REDIRECT.LUA", "function MainDoRouting(user\n");
        FakeMail failed = mail("alice@remote.test", 100, "bob@localhost", "zed@remote.test");
        FakeMail passed = mail("alice@remote.test", 100, "bob@localhost", "zed@remote.test");

        assertThatThrownBy(() -> mailet("onScriptError", "error").service(failed))
                .isInstanceOf(MessagingException.class)
                .hasMessageContaining("USER_REDIRECT.LUA does not compile and has not compiled since James started");

        assertThat(failed.getRecipients()).isEqualTo(addresses("bob@localhost", "zed@remote.test"));
        assertThat(route(mailet("onScriptError", "pass"), passed)).isEqualTo(kept("bob@localhost", "zed@remote.test"));
    }

    @Test
    void theScriptSeesTheManualsGlobals() throws Exception {
        setting("bob@localhost", "Assistants", "asst@localhost");
        setting("bob@localhost", "BigRedirect.Threshold", "2048");
        setting("bob@localhost", "HolidayForward", "away@remote.test");
        scripts.write(
                "USER_REDIRECT.LUA",
                "function MainGetSettings()\n"
                        + "  return { { Name = \"HolidayForward\", Default = \"\" }, { Name = \"Greeting\", Default = \"hi\" } }\n"
                        + "end\n"
                        + "function MainDoRouting(user)\n"
                        + "  print(user, User, Sender, Subject, MessageSize, SpamScore, SpamScoreValid)\n"
                        + "  print(ShouldForward, Assistants, RedirectToAssistant, SendToNormalRecipient, Forwards, UseForwards)\n"
                        + "  print(BigRedirect.Target, BigRedirect.Threshold, BigRedirect.Copy, BigRedirect.Bigger,\n"
                        + "        SmallRedirect.Threshold, SmallRedirect.Bigger)\n"
                        + "  print(UserSettings.HolidayForward, UserSettings.Greeting)\n"
                        + "  print(Headers1[\"subject\"], Headers1[\"X-Mailer\"], Headers2[table.getn(Headers2)])\n"
                        + "end\n");

        mailet().service(mail("alice@remote.test", 3000, "bob@localhost"));

        assertThat(scripts.luaOut())
                .containsExactly(
                        "bob@localhost\tbob@localhost\talice@remote.test\tQuarterly report\t3000\t2.5\ttrue",
                        "true\tasst@localhost\tfalse\ttrue\t\tfalse",
                        "\t2048\tfalse\ttrue\t0\tfalse",
                        "away@remote.test\thi",
                        "Quarterly report\ttwo\tx-mailer: two");
    }

    @Test
    void eachRecipientsRoutingGetsHeaderTablesOfItsOwn() throws Exception {
        scripts.write(
                "USER_REDIRECT.LUA",
                "function MainDoRouting(user)\n"
                        + "  print(user, Headers1[\"subject\"], Headers1.Subject, Headers2[#Headers2])\n"
                        + "  Headers1.Subject = \"changed by \" .. user\n"
                        + "  Headers1[\"x-mailer\"] = \"changed\"\n"
                        + "  Headers2[#Headers2] = \"changed\"\n"
                        + "end\n");

        mailet().service(mail("alice@remote.test", 3000, "bob@localhost", "carol@localhost"));

        assertThat(scripts.luaOut())
                .containsExactly(
                        "bob@localhost\tQuarterly report\tQuarterly report\tx-mailer: two",
                        "carol@localhost\tQuarterly report\tQuarterly report\tx-mailer: two");
        assertThat(scripts.errors()).isEmpty();
    }

    @Test
    void storedForwardsAreAddedAndTheMailboxKept() throws Exception {
        setting("bob@localhost", "Forwards", "fwd@remote.test; other@remote.test");

        assertThat(route(mailet(), mail("alice@remote.test", 100, "bob@localhost")))
                .isEqualTo(routed(addresses("bob@localhost"), "fwd@remote.test", "other@remote.test"));
    }

    /** As docs/operators.md says of flag settings: true, yes, on or 1 (any case) is true; no, false, off, 0 false. */
    @Test
    void aStoredFlagIsTrueOnlyWhenItSaysSo() throws Exception {
        setting("bob@localhost", "Forwards", "fwd@remote.test");
        setting("carol@localhost", "Forwards", "fwd2@remote.test");
        setting("bob@localhost", "UseForwards", "no");
        setting("carol@localhost", "UseForwards", " Yes ");

        assertThat(route(mailet(), mail("alice@remote.test", 100, "bob@localhost", "carol@localhost")))
                .isEqualTo(routed(addresses("bob@localhost", "carol@localhost"), "fwd2@remote.test"));
    }

    @Test
    void remoteTargetsGoOutAsOneMailFromTheSameSenderForJamesToRelay() throws Exception {
        setting("bob@localhost", "Forwards", "fwd@remote.test");
        setting("carol@localhost", "Forwards", "fwd@remote.test, other@remote.test");

        route(mailet(), mail("alice@remote.test", 100, "bob@localhost", "carol@localhost"));

        FakeMailContext.SentMail copy = context.getSentMails().get(0);
        assertThat(copy.getRecipients()).isEqualTo(addresses("fwd@remote.test", "other@remote.test"));
        assertThat(copy.getSender()).isEqualTo(new MailAddress("alice@remote.test"));
        assertThat(copy.getSubject()).contains("Quarterly report");
        assertThat(copy.getAttributes()).containsKey(Mail.SENT_BY_MAILET_ATTRIBUTE.getName());
    }

    @Test
    void theScriptChangesTheRoutingOfThisMessageOnly() throws Exception {
        scripts.write(
                "USER_REDIRECT.LUA",
                "function MainDoRouting(user)\n"
                        + "  if string.find(Subject, \"report\") then\n"
                        + "    SendToNormalRecipient = false\n"
                        + "    Forwards = \"archive@remote.test\"\n"
                        + "    UseForwards = true\n"
                        + "  end\n"
                        + "end\n");

        assertThat(route(mailet(), mail("alice@remote.test", 100, "bob@localhost")))
                .isEqualTo(routed(List.of(), "archive@remote.test"));
        assertThat(engine.host().userSettings().get("bob@localhost", "Forwards"))
                .isEmpty();
    }

    @Test
    void assistantsGetTheMessageAndRedirectToAssistantKeepsItFromTheMailbox() throws Exception {
        setting("bob@localhost", "Assistants", "asst@localhost");
        setting("carol@localhost", "Assistants", "asst@localhost");
        setting("carol@localhost", "RedirectToAssistant", "true");

        assertThat(route(mailet(), mail("alice@remote.test", 100, "bob@localhost", "carol@localhost")))
                .isEqualTo(kept("bob@localhost", "asst@localhost"));
    }

    /** As docs/scripting.md says: RedirectToAssistant sends to the assistants only; UseForwards false forwards nothing. */
    @Test
    void theScriptsRedirectToAssistantAndUseForwardsDecide() throws Exception {
        setting("bob@localhost", "Assistants", "asst@localhost");
        setting("carol@localhost", "Forwards", "fwd@remote.test");
        scripts.write(
                "USER_REDIRECT.LUA",
                "function MainDoRouting(user)\n"
                        + "  if user == 'bob@localhost' then RedirectToAssistant = true end\n"
                        + "  if user == 'carol@localhost' then UseForwards = false end\n"
                        + "end\n");

        assertThat(route(mailet(), mail("alice@remote.test", 100, "bob@localhost", "carol@localhost")))
                .isEqualTo(kept("carol@localhost", "asst@localhost"));
    }

    @Test
    void anAssistantIsIgnoredForMessagesItSent() throws Exception {
        setting("carol@localhost", "Assistants", "asst@localhost, second@localhost");
        setting("carol@localhost", "RedirectToAssistant", "true");
        setting("bob@localhost", "Assistants", "asst@localhost");
        setting("bob@localhost", "RedirectToAssistant", "true");

        assertThat(route(mailet(), mail("asst@localhost", 100, "carol@localhost", "bob@localhost")))
                .isEqualTo(kept("bob@localhost", "second@localhost"));
    }

    @Test
    void sizeRedirectsSendBigOrSmallMessagesToTheirTarget() throws Exception {
        setting("bob@localhost", "BigRedirect.Target", "big@remote.test");
        setting("bob@localhost", "BigRedirect.Threshold", "4");
        setting("carol@localhost", "SmallRedirect.Target", "small@remote.test");
        setting("carol@localhost", "SmallRedirect.Threshold", "10");
        setting("carol@localhost", "SmallRedirect.Copy", "yes");

        assertThat(route(mailet(), mail("alice@remote.test", 5000, "bob@localhost", "carol@localhost")))
                .isEqualTo(routed(addresses("carol@localhost"), "big@remote.test", "small@remote.test"));
        assertThat(route(mailet(), mail("alice@remote.test", 3000, "bob@localhost")))
                .isEqualTo(kept("bob@localhost"));
    }

    /** As docs/scripting.md says: over the threshold, under it; a threshold of 0 turns the rule off. */
    @Test
    void aMessageOfExactlyTheThresholdIsNeitherBigNorSmall() throws Exception {
        setting("bob@localhost", "BigRedirect.Target", "big@remote.test");
        setting("bob@localhost", "BigRedirect.Threshold", "4");
        setting("carol@localhost", "SmallRedirect.Target", "small@remote.test");
        setting("carol@localhost", "SmallRedirect.Threshold", "4");

        assertThat(route(mailet(), mail("alice@remote.test", 4096, "bob@localhost", "carol@localhost")))
                .isEqualTo(kept("bob@localhost", "carol@localhost"));
        setting("bob@localhost", "BigRedirect.Threshold", "0");
        assertThat(route(mailet(), mail("alice@remote.test", 5000, "bob@localhost")))
                .isEqualTo(kept("bob@localhost"));
    }

    @Test
    void aScriptCanSetARedirectForThisMessage() throws Exception {
        scripts.write(
                "USER_REDIRECT.LUA",
                "function MainDoRouting(user)\n"
                        + "  BigRedirect = { Target = \"big@remote.test\", Threshold = 1, Copy = true }\n"
                        + "end\n");

        assertThat(route(mailet(), mail("alice@remote.test", 5000, "bob@localhost")))
                .isEqualTo(routed(addresses("bob@localhost"), "big@remote.test"));
    }

    @Test
    void everyAddressIsDeliveredOnceAndOthersPassUnchanged() throws Exception {
        setting("bob@localhost", "Forwards", "carol@localhost, shared@remote.test");
        setting("carol@localhost", "Forwards", "shared@remote.test");

        assertThat(route(
                        mailet(),
                        mail("alice@remote.test", 100, "zed@remote.test", "bob@localhost", "carol@localhost")))
                .isEqualTo(
                        routed(addresses("zed@remote.test", "bob@localhost", "carol@localhost"), "shared@remote.test"));
    }

    @Test
    void noAddressLeftDropsTheMail() throws Exception {
        scripts.write("USER_REDIRECT.LUA", "function MainDoRouting(user) SendToNormalRecipient = false end");
        FakeMail mail = mail("alice@remote.test", 100, "bob@localhost");

        mailet().service(mail);

        assertThat(mail.getRecipients()).isEmpty();
        assertThat(mail.getState()).isEqualTo(Mail.GHOST);
    }

    @Test
    void spamIsNotForwardedUnlessTheUserAsksForIt() throws Exception {
        setting("bob@localhost", "Forwards", "fwd@remote.test");
        setting("carol@localhost", "Forwards", "fwd2@remote.test");
        setting("carol@localhost", "ForwardSpam", "true");

        assertThat(route(
                        mailet("spamThreshold", "2"),
                        mail("alice@remote.test", 100, "bob@localhost", "carol@localhost")))
                .isEqualTo(routed(addresses("bob@localhost", "carol@localhost"), "fwd2@remote.test"));
    }

    @Test
    void aScoreOfExactlyTheThresholdIsSpam() throws Exception {
        setting("bob@localhost", "Forwards", "fwd@remote.test");

        assertThat(route(mailet("spamThreshold", "2.5"), mail("alice@remote.test", 100, "bob@localhost")))
                .isEqualTo(kept("bob@localhost"));
        assertThat(route(mailet("spamThreshold", "2.6"), mail("alice@remote.test", 100, "bob@localhost")))
                .isEqualTo(routed(addresses("bob@localhost"), "fwd@remote.test"));
    }

    @Test
    void theSpamScoreCanComeFromAnAttribute() throws Exception {
        scripts.write(
                "USER_REDIRECT.LUA",
                "function MainDoRouting(user) print(SpamScore, SpamScoreValid, ShouldForward) end");
        FakeMail mail = mail("alice@remote.test", 100, "bob@localhost");
        mail.setAttribute(new Attribute(AttributeName.of("org.example.spam"), AttributeValue.of(9.5)));

        mailet("spamScoreAttribute", "org.example.spam").service(mail);

        assertThat(scripts.luaOut()).containsExactly("9.5\ttrue\tfalse");
    }

    @Nested
    class UsersOwnScripts {
        @Test
        void runsAfterTheAdministratorsScriptAndHasTheLastWord() throws Exception {
            scripts.write(
                    "USER_REDIRECT.LUA",
                    "function MainDoRouting(user) Forwards = \"admin@remote.test\"; UseForwards = true end\n");
            scripts.write(
                    "bob@localhost/USER_REDIRECT.LUA",
                    "function MainDoRouting(user)\n"
                            + "  print(\"own script sees \" .. Forwards)\n"
                            + "  Forwards = Forwards .. \", own@remote.test\"\n"
                            + "end\n");

            assertThat(route(mailet(), mail("alice@remote.test", 100, "bob@localhost", "carol@localhost")))
                    .isEqualTo(routed(
                            addresses("bob@localhost", "carol@localhost"), "admin@remote.test", "own@remote.test"));
            assertThat(scripts.luaOut()).containsExactly("own script sees admin@remote.test");
        }

        /**
         * A user id that is no single folder name (James allows "/" in one) has no script: "team/bob" would run the
         * script in a sub-folder of user "team", and ".." the administrator's own, as a user's script.
         */
        @ParameterizedTest
        @ValueSource(strings = {"team/bob", "team\\bob", "/bob", "\\bob", "..", ".", " "})
        void aUserIdThatIsNoFolderNameRunsNoScriptOfItsOwn(String user) throws Exception {
            scripts.write("bob/USER_REDIRECT.LUA", "function MainDoRouting(user) print('ran') end\n");
            scripts.write("team/bob/USER_REDIRECT.LUA", "function MainDoRouting(user) print('ran') end\n");
            scripts.write("team/USER_REDIRECT.LUA", "function MainDoRouting(user) print('ran') end\n");
            RecipientUsers users = address -> Optional.of(user);
            UserRedirectMailet mailet = new UserRedirectMailet(
                    engine, users, callers, new UncompiledScripts(engine), new DeclaredSettingsCache(engine, callers));
            mailet.init(FakeMailetConfig.builder()
                    .mailetName("UserRedirect")
                    .mailetContext(context)
                    .build());

            assertThat(route(mailet, mail("alice@remote.test", 100, "bob@localhost")))
                    .isEqualTo(kept("bob@localhost"));
            assertThat(scripts.luaOut()).isEmpty();
        }

        @Test
        void runInSafetyModeConfinedToTheirUser() throws Exception {
            scripts.write(
                    "bob@localhost/USER_REDIRECT.LUA",
                    "function MainDoRouting(user)\n"
                            + "  print(VPOP3.GetUserSetting(user, \"Forwards\"))\n"
                            + "  print(pcall(VPOP3.GetUserSetting, \"carol@localhost\", \"Forwards\"))\n"
                            + "  io.open(\"stolen.txt\", \"w\")\n"
                            + "end\n");
            setting("bob@localhost", "Forwards", "fwd@remote.test");

            assertThat(route(mailet(), mail("alice@remote.test", 100, "bob@localhost")))
                    .isEqualTo(routed(addresses("bob@localhost"), "fwd@remote.test"));
            assertThat(scripts.luaOut().get(0)).isEqualTo("fwd@remote.test");
            assertThat(scripts.luaOut().get(1)).startsWith("false");
            assertThat(scripts.errors()).hasSize(2).allMatch(line -> line.contains("[SANDBOX]"));
            assertThat(scripts.folder().resolve("stolen.txt")).doesNotExist();
        }

        @Test
        @Timeout(value = 20, unit = TimeUnit.SECONDS)
        void cannotRunCodeOutsideTheirCallsBounds() throws Exception {
            scripts.write(
                    "bob@localhost/USER_REDIRECT.LUA",
                    "function MainDoRouting(user)\n"
                            + "  Forwards = nil\n"
                            + "  setmetatable(_G, { __index = function() while true do end end })\n"
                            + "end\n");
            setting("bob@localhost", "Forwards", "fwd@remote.test");

            assertThat(route(mailet(), mail("alice@remote.test", 100, "bob@localhost")))
                    .isEqualTo(kept("bob@localhost"));
        }
    }

    @Nested
    class OwnScriptGlobals {
        /** The mailet sets the routing globals after the main chunk ran: raw, so no metamethod of the script runs. */
        @Test
        @Timeout(value = 20, unit = TimeUnit.SECONDS)
        void cannotRunCodeWhenTheMailetSetsTheirGlobals() throws Exception {
            scripts.write(
                    "bob@localhost/USER_REDIRECT.LUA",
                    "function MainDoRouting(user) end\n"
                            + "setmetatable(_G, { __newindex = function() print(\"ran\") while true do end end })\n");
            setting("bob@localhost", "Forwards", "fwd@remote.test");

            assertThat(route(mailet(), mail("alice@remote.test", 100, "bob@localhost")))
                    .isEqualTo(routed(addresses("bob@localhost"), "fwd@remote.test"));
            assertThat(scripts.luaOut()).isEmpty();
        }
    }

    @Nested
    class Failures {
        @Test
        void aFailingScriptLeavesTheStoredRouting() throws Exception {
            setting("bob@localhost", "Forwards", "fwd@remote.test");
            scripts.write(
                    "USER_REDIRECT.LUA",
                    "function MainDoRouting(user) SendToNormalRecipient = false; error(\"routing broke\") end\n");

            assertThat(route(mailet(), mail("alice@remote.test", 100, "bob@localhost")))
                    .isEqualTo(routed(addresses("bob@localhost"), "fwd@remote.test"));
            assertThat(scripts.errors())
                    .singleElement()
                    .asString()
                    .contains("USER_REDIRECT.LUA MainDoRouting line 1 [RUNTIME]")
                    .contains("routing broke");
        }

        @Test
        void aGlobalOfTheWrongTypeIsLoggedAndTheRoutingKept() throws Exception {
            scripts.write(
                    "USER_REDIRECT.LUA",
                    "function MainDoRouting(user) SendToNormalRecipient = false; Forwards = { \"x@y.z\" } end\n");

            assertThat(route(mailet(), mail("alice@remote.test", 100, "bob@localhost")))
                    .isEqualTo(kept("bob@localhost"));
            assertThat(scripts.errors())
                    .singleElement()
                    .asString()
                    .contains("MainDoRouting line 1 [BAD_RETURN]: Forwards must be a string, not table");
        }

        @Test
        void aFailingUserScriptLeavesTheAdministratorsRouting() throws Exception {
            scripts.write(
                    "USER_REDIRECT.LUA",
                    "function MainDoRouting(user) Forwards = 'admin@remote.test' UseForwards = true end");
            scripts.write("bob@localhost/USER_REDIRECT.LUA", "function MainDoRouting(user) while true do end end");

            assertThat(route(mailet(), mail("alice@remote.test", 100, "bob@localhost")))
                    .isEqualTo(routed(addresses("bob@localhost"), "admin@remote.test"));
            assertThat(scripts.errors())
                    .singleElement()
                    .asString()
                    .contains("bob@localhost/USER_REDIRECT.LUA MainDoRouting")
                    .contains("[TIMEOUT]");
        }

        @Test
        void aMistypedRedirectTargetNeverTakesTheMessageFromTheMailbox() throws Exception {
            setting("bob@localhost", "BigRedirect.Target", "not an address");
            setting("bob@localhost", "BigRedirect.Threshold", "1");

            assertThat(route(mailet(), mail("alice@remote.test", 5000, "bob@localhost")))
                    .isEqualTo(kept("bob@localhost"));
        }
    }

    @Nested
    class MainGetSettings {
        @Test
        void listsTheDeclaredSettingsWithDefaults() {
            scripts.write(
                    "USER_REDIRECT.LUA",
                    "function MainGetSettings()\n"
                            + "  return { { Name = \"HolidayForward\", Default = \"\", Description = \"Forward while away\" },\n"
                            + "           { Name = \"MaxKB\", Default = 500 }, { Name = \"Enabled\", Default = true } }\n"
                            + "end\n");

            assertThat(DeclaredSettings.of(engine, callers.shared(OnScriptError.PASS), "USER_REDIRECT.LUA"))
                    .containsExactly(
                            new DeclaredSetting("HolidayForward", "", "Forward while away"),
                            new DeclaredSetting("MaxKB", "500", ""),
                            new DeclaredSetting("Enabled", "true", ""));
        }

        @Test
        void aBadDeclarationIsLoggedAndDeclaresNothing() {
            scripts.write("USER_REDIRECT.LUA", "function MainGetSettings() return { { Default = 1 } } end");

            assertThat(DeclaredSettings.of(engine, callers.shared(OnScriptError.PASS), "USER_REDIRECT.LUA"))
                    .isEmpty();
            assertThat(scripts.errors())
                    .singleElement()
                    .asString()
                    .contains("MainGetSettings line 1 [BAD_RETURN]: settings[1].Name must name the setting");
        }

        @Test
        void aThousandSettingsAndTextsOf998BytesAreDeclared() {
            scripts.write(
                    "MANY.LUA",
                    "function MainGetSettings()\n"
                            + "  local t = {} for i = 1, 1000 do t[i] = { Name = \"S\" .. i } end return t\n"
                            + "end\n");
            scripts.write(
                    "LONG.LUA",
                    "function MainGetSettings() return { { Name = \"Away\", Default = string.rep(\"x\", 998) } } end\n");

            assertThat(DeclaredSettings.of(engine, callers.shared(OnScriptError.PASS), "MANY.LUA"))
                    .hasSize(1000);
            assertThat(DeclaredSettings.of(engine, callers.shared(OnScriptError.PASS), "LONG.LUA"))
                    .singleElement()
                    .satisfies(setting -> assertThat(setting.defaultValue()).hasSize(998));
            assertThat(scripts.errors()).isEmpty();
        }

        @Test
        void overAThousandSettingsOrALongTextIsLoggedAndDeclaresNothing() {
            scripts.write(
                    "MANY.LUA",
                    "function MainGetSettings()\n"
                            + "  local t = {} for i = 1, 1001 do t[i] = { Name = \"S\" .. i } end return t\n"
                            + "end\n");
            scripts.write(
                    "LONG.LUA",
                    "function MainGetSettings() return { { Name = \"Away\", Default = string.rep(\"x\", 999) } } end\n");

            assertThat(DeclaredSettings.of(engine, callers.shared(OnScriptError.PASS), "MANY.LUA"))
                    .isEmpty();
            assertThat(DeclaredSettings.of(engine, callers.shared(OnScriptError.PASS), "LONG.LUA"))
                    .isEmpty();
            assertThat(scripts.errors())
                    .hasSize(2)
                    .anySatisfy(line -> assertThat(line)
                            .endsWith("MANY.LUA MainGetSettings line 2 [BAD_RETURN]: the settings hold 1001 items"
                                    + " (at most 1000)"))
                    .anySatisfy(line -> assertThat(line)
                            .endsWith("LONG.LUA MainGetSettings line 1 [BAD_RETURN]: settings[1].Default is 999 bytes"
                                    + " long (at most 998)"));
        }
    }
}
