package org.jameslua.mailets;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import javax.mail.MessagingException;

import org.apache.james.core.MailAddress;
import org.apache.james.core.builder.MimeMessageBuilder;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailContext;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.jameslua.engine.Limits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class UserRedirectMailetTest {
    private static final Set<String> LOCAL_USERS = Set.of("bob@example.local", "carol@example.local");

    @TempDir
    Path dir;
    private ScriptsFolder scripts;

    @BeforeEach
    void setUp() {
        scripts = new ScriptsFolder(dir, Limits.defaults().withInstructions(2_000_000));
    }

    @AfterEach
    void tearDown() {
        scripts.close();
    }

    private UserRedirectMailet mailet(String... parameters) throws MessagingException {
        RecipientUsers users = address -> Optional.of(address.asString()).filter(LOCAL_USERS::contains);
        UserRedirectMailet mailet = new UserRedirectMailet(scripts.engine(), users);
        FakeMailetConfig.Builder config = FakeMailetConfig.builder().mailetName("UserRedirect")
                .mailetContext(FakeMailContext.defaultContext());
        for (int i = 0; i < parameters.length; i += 2) {
            config.setProperty(parameters[i], parameters[i + 1]);
        }
        mailet.init(config.build());
        return mailet;
    }

    private void setting(String user, String name, String value) {
        scripts.engine().host().userSettings().set(user, name, value);
    }

    private static FakeMail mail(String sender, long size, String... recipients) throws MessagingException {
        return FakeMail.builder().name("m1").sender(sender).recipients(recipients).size(size).state("transport")
                .mimeMessage(MimeMessageBuilder.mimeMessageBuilder().setSubject("Quarterly report")
                        .addHeader("X-Spam-Score", "2.5").addHeader("X-Mailer", "one").addHeader("x-mailer", "two")
                        .setText("hello"))
                .build();
    }

    private static List<MailAddress> addresses(String... values) {
        return Arrays.stream(values).map(value -> {
            try {
                return new MailAddress(value);
            } catch (Exception e) {
                throw new IllegalArgumentException(e);
            }
        }).toList();
    }

    private static List<MailAddress> recipientsAfter(UserRedirectMailet mailet, Mail mail) throws MessagingException {
        mailet.service(mail);
        return List.copyOf(mail.getRecipients());
    }

    @Test
    void withoutScriptOrSettingsTheMailIsUnchanged() throws Exception {
        FakeMail mail = mail("alice@remote.test", 100, "bob@example.local", "zed@remote.test");

        assertThat(recipientsAfter(mailet(), mail)).isEqualTo(addresses("bob@example.local", "zed@remote.test"));
        assertThat(mail.getState()).isEqualTo("transport");
        assertThat(scripts.errors()).isEmpty();
    }

    @Test
    void theScriptSeesTheManualsGlobals() throws Exception {
        setting("bob@example.local", "Assistants", "asst@example.local");
        setting("bob@example.local", "BigRedirect.Threshold", "2048");
        setting("bob@example.local", "HolidayForward", "away@remote.test");
        scripts.write("USER_REDIRECT.LUA", """
                function MainGetSettings()
                  return { { Name = "HolidayForward", Default = "" }, { Name = "Greeting", Default = "hi" } }
                end
                function MainDoRouting(user)
                  print(user, User, Sender, Subject, MessageSize, SpamScore, SpamScoreValid)
                  print(ShouldForward, Assistants, RedirectToAssistant, SendToNormalRecipient, Forwards, UseForwards)
                  print(BigRedirect.Target, BigRedirect.Threshold, BigRedirect.Copy, BigRedirect.Bigger,
                        SmallRedirect.Threshold, SmallRedirect.Bigger)
                  print(UserSettings.HolidayForward, UserSettings.Greeting)
                  print(Headers1["subject"], Headers1["X-Mailer"], Headers2[table.getn(Headers2)])
                end
                """);

        mailet().service(mail("alice@remote.test", 3000, "bob@example.local"));

        assertThat(scripts.luaOut()).containsExactly(
                "bob@example.local\tbob@example.local\talice@remote.test\tQuarterly report\t3000\t2.5\ttrue",
                "true\tasst@example.local\tfalse\ttrue\t\tfalse",
                "\t2048\tfalse\ttrue\t0\tfalse",
                "away@remote.test\thi",
                "Quarterly report\ttwo\tx-mailer: two");
    }

    @Test
    void storedForwardsAreAddedAndTheMailboxKept() throws Exception {
        setting("bob@example.local", "Forwards", "fwd@remote.test; other@remote.test");

        assertThat(recipientsAfter(mailet(), mail("alice@remote.test", 100, "bob@example.local")))
                .isEqualTo(addresses("bob@example.local", "fwd@remote.test", "other@remote.test"));
    }

    @Test
    void theScriptChangesTheRoutingOfThisMessageOnly() throws Exception {
        scripts.write("USER_REDIRECT.LUA", """
                function MainDoRouting(user)
                  if string.find(Subject, "report") then
                    SendToNormalRecipient = false
                    Forwards = "archive@remote.test"
                    UseForwards = true
                  end
                end
                """);

        assertThat(recipientsAfter(mailet(), mail("alice@remote.test", 100, "bob@example.local")))
                .isEqualTo(addresses("archive@remote.test"));
        assertThat(scripts.engine().host().userSettings().get("bob@example.local", "Forwards")).isEmpty();
    }

    @Test
    void assistantsGetTheMessageAndRedirectToAssistantKeepsItFromTheMailbox() throws Exception {
        setting("bob@example.local", "Assistants", "asst@example.local");
        setting("carol@example.local", "Assistants", "asst@example.local");
        setting("carol@example.local", "RedirectToAssistant", "true");

        assertThat(recipientsAfter(mailet(), mail("alice@remote.test", 100, "bob@example.local", "carol@example.local")))
                .isEqualTo(addresses("bob@example.local", "asst@example.local"));
    }

    @Test
    void anAssistantIsIgnoredForMessagesItSent() throws Exception {
        setting("carol@example.local", "Assistants", "asst@example.local, second@example.local");
        setting("carol@example.local", "RedirectToAssistant", "true");
        setting("bob@example.local", "Assistants", "asst@example.local");
        setting("bob@example.local", "RedirectToAssistant", "true");

        assertThat(recipientsAfter(mailet(), mail("asst@example.local", 100, "carol@example.local", "bob@example.local")))
                .isEqualTo(addresses("second@example.local", "bob@example.local"));
    }

    @Test
    void sizeRedirectsSendBigOrSmallMessagesToTheirTarget() throws Exception {
        setting("bob@example.local", "BigRedirect.Target", "big@remote.test");
        setting("bob@example.local", "BigRedirect.Threshold", "4");
        setting("carol@example.local", "SmallRedirect.Target", "small@remote.test");
        setting("carol@example.local", "SmallRedirect.Threshold", "10");
        setting("carol@example.local", "SmallRedirect.Copy", "yes");

        assertThat(recipientsAfter(mailet(), mail("alice@remote.test", 5000, "bob@example.local", "carol@example.local")))
                .isEqualTo(addresses("big@remote.test", "carol@example.local", "small@remote.test"));
        assertThat(recipientsAfter(mailet(), mail("alice@remote.test", 3000, "bob@example.local")))
                .isEqualTo(addresses("bob@example.local"));
    }

    @Test
    void aScriptCanSetARedirectForThisMessage() throws Exception {
        scripts.write("USER_REDIRECT.LUA", """
                function MainDoRouting(user)
                  BigRedirect = { Target = "big@remote.test", Threshold = 1, Copy = true }
                end
                """);

        assertThat(recipientsAfter(mailet(), mail("alice@remote.test", 5000, "bob@example.local")))
                .isEqualTo(addresses("bob@example.local", "big@remote.test"));
    }

    @Test
    void everyAddressIsDeliveredOnceAndOthersPassUnchanged() throws Exception {
        setting("bob@example.local", "Forwards", "carol@example.local, shared@remote.test");
        setting("carol@example.local", "Forwards", "shared@remote.test");

        assertThat(recipientsAfter(mailet(),
                mail("alice@remote.test", 100, "zed@remote.test", "bob@example.local", "carol@example.local")))
                .isEqualTo(addresses("zed@remote.test", "bob@example.local", "carol@example.local", "shared@remote.test"));
    }

    @Test
    void noAddressLeftDropsTheMail() throws Exception {
        scripts.write("USER_REDIRECT.LUA", "function MainDoRouting(user) SendToNormalRecipient = false end");
        FakeMail mail = mail("alice@remote.test", 100, "bob@example.local");

        mailet().service(mail);

        assertThat(mail.getRecipients()).isEmpty();
        assertThat(mail.getState()).isEqualTo(Mail.GHOST);
    }

    @Test
    void spamIsNotForwardedUnlessTheUserAsksForIt() throws Exception {
        setting("bob@example.local", "Forwards", "fwd@remote.test");
        setting("carol@example.local", "Forwards", "fwd2@remote.test");
        setting("carol@example.local", "ForwardSpam", "true");

        assertThat(recipientsAfter(mailet("spamThreshold", "2"),
                mail("alice@remote.test", 100, "bob@example.local", "carol@example.local")))
                .isEqualTo(addresses("bob@example.local", "carol@example.local", "fwd2@remote.test"));
    }

    @Test
    void theSpamScoreCanComeFromAnAttribute() throws Exception {
        scripts.write("USER_REDIRECT.LUA", "function MainDoRouting(user) print(SpamScore, SpamScoreValid, ShouldForward) end");
        FakeMail mail = mail("alice@remote.test", 100, "bob@example.local");
        mail.setAttribute(new Attribute(AttributeName.of("org.example.spam"), AttributeValue.of(9.5)));

        mailet("spamScoreAttribute", "org.example.spam").service(mail);

        assertThat(scripts.luaOut()).containsExactly("9.5\ttrue\tfalse");
    }

    @Nested
    class UsersOwnScripts {
        @Test
        void runsAfterTheAdministratorsScriptAndHasTheLastWord() throws Exception {
            scripts.write("USER_REDIRECT.LUA", """
                    function MainDoRouting(user) Forwards = "admin@remote.test"; UseForwards = true end
                    """);
            scripts.write("bob@example.local/USER_REDIRECT.LUA", """
                    function MainDoRouting(user)
                      print("own script sees " .. Forwards)
                      Forwards = Forwards .. ", own@remote.test"
                    end
                    """);

            assertThat(recipientsAfter(mailet(), mail("alice@remote.test", 100, "bob@example.local", "carol@example.local")))
                    .isEqualTo(addresses("bob@example.local", "admin@remote.test", "own@remote.test",
                            "carol@example.local"));
            assertThat(scripts.luaOut()).containsExactly("own script sees admin@remote.test");
        }

        @Test
        void runInSafetyModeConfinedToTheirUser() throws Exception {
            scripts.write("bob@example.local/USER_REDIRECT.LUA", """
                    function MainDoRouting(user)
                      print(VPOP3.GetUserSetting(user, "Forwards"))
                      print(pcall(VPOP3.GetUserSetting, "carol@example.local", "Forwards"))
                      io.open("stolen.txt", "w")
                    end
                    """);
            setting("bob@example.local", "Forwards", "fwd@remote.test");

            assertThat(recipientsAfter(mailet(), mail("alice@remote.test", 100, "bob@example.local")))
                    .isEqualTo(addresses("bob@example.local", "fwd@remote.test"));
            assertThat(scripts.luaOut().get(0)).isEqualTo("fwd@remote.test");
            assertThat(scripts.luaOut().get(1)).startsWith("false");
            assertThat(scripts.errors()).hasSize(2).allMatch(line -> line.contains("[SANDBOX]"));
            assertThat(dir.resolve("stolen.txt")).doesNotExist();
        }

        @Test
        @Timeout(value = 20, unit = TimeUnit.SECONDS)
        void cannotRunCodeOutsideTheirCallsBounds() throws Exception {
            scripts.write("bob@example.local/USER_REDIRECT.LUA", """
                    function MainDoRouting(user)
                      Forwards = nil
                      setmetatable(_G, { __index = function() while true do end end })
                    end
                    """);
            setting("bob@example.local", "Forwards", "fwd@remote.test");

            assertThat(recipientsAfter(mailet(), mail("alice@remote.test", 100, "bob@example.local")))
                    .isEqualTo(addresses("bob@example.local"));
        }
    }

    @Nested
    class Failures {
        @Test
        void aFailingScriptLeavesTheStoredRouting() throws Exception {
            setting("bob@example.local", "Forwards", "fwd@remote.test");
            scripts.write("USER_REDIRECT.LUA", """
                    function MainDoRouting(user) SendToNormalRecipient = false; error("routing broke") end
                    """);

            assertThat(recipientsAfter(mailet(), mail("alice@remote.test", 100, "bob@example.local")))
                    .isEqualTo(addresses("bob@example.local", "fwd@remote.test"));
            assertThat(scripts.errors()).singleElement().asString()
                    .contains("USER_REDIRECT.LUA MainDoRouting line 1 [RUNTIME]").contains("routing broke");
        }

        @Test
        void aGlobalOfTheWrongTypeIsLoggedAndTheRoutingKept() throws Exception {
            scripts.write("USER_REDIRECT.LUA", """
                    function MainDoRouting(user) SendToNormalRecipient = false; Forwards = { "x@y.z" } end
                    """);

            assertThat(recipientsAfter(mailet(), mail("alice@remote.test", 100, "bob@example.local")))
                    .isEqualTo(addresses("bob@example.local"));
            assertThat(scripts.errors()).singleElement().asString()
                    .contains("MainDoRouting [BAD_RETURN]: Forwards must be a string, not table");
        }

        @Test
        void aFailingUserScriptLeavesTheAdministratorsRouting() throws Exception {
            scripts.write("USER_REDIRECT.LUA", "function MainDoRouting(user) Forwards = 'admin@remote.test' UseForwards = true end");
            scripts.write("bob@example.local/USER_REDIRECT.LUA", "function MainDoRouting(user) while true do end end");

            assertThat(recipientsAfter(mailet(), mail("alice@remote.test", 100, "bob@example.local")))
                    .isEqualTo(addresses("bob@example.local", "admin@remote.test"));
            assertThat(scripts.errors()).singleElement().asString()
                    .contains("bob@example.local/USER_REDIRECT.LUA MainDoRouting").contains("[TIMEOUT]");
        }

        @Test
        void aMistypedRedirectTargetNeverTakesTheMessageFromTheMailbox() throws Exception {
            setting("bob@example.local", "BigRedirect.Target", "not an address");
            setting("bob@example.local", "BigRedirect.Threshold", "1");

            assertThat(recipientsAfter(mailet(), mail("alice@remote.test", 5000, "bob@example.local")))
                    .isEqualTo(addresses("bob@example.local"));
        }
    }

    @Nested
    class MainGetSettings {
        @Test
        void listsTheDeclaredSettingsWithDefaults() {
            scripts.write("USER_REDIRECT.LUA", """
                    function MainGetSettings()
                      return { { Name = "HolidayForward", Default = "", Description = "Forward while away" },
                               { Name = "MaxKB", Default = 500 }, { Name = "Enabled", Default = true } }
                    end
                    """);

            assertThat(DeclaredSettings.of(scripts.engine(), "USER_REDIRECT.LUA")).containsExactly(
                    new DeclaredSetting("HolidayForward", "", "Forward while away"),
                    new DeclaredSetting("MaxKB", "500", ""),
                    new DeclaredSetting("Enabled", "true", ""));
        }

        @Test
        void aBadDeclarationIsLoggedAndDeclaresNothing() {
            scripts.write("USER_REDIRECT.LUA", "function MainGetSettings() return { { Default = 1 } } end");

            assertThat(DeclaredSettings.of(scripts.engine(), "USER_REDIRECT.LUA")).isEmpty();
            assertThat(scripts.errors()).singleElement().asString()
                    .contains("MainGetSettings [BAD_RETURN]: settings[1].Name must name the setting");
        }
    }
}
