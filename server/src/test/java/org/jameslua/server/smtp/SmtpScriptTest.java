package org.jameslua.server.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.assertj.core.api.Condition;
import org.jameslua.server.JamesLuaServer;
import org.jameslua.server.testing.JamesLuaServerExtension;
import org.jameslua.server.testing.LuaScripts;
import org.jameslua.server.testing.PackMetrics;
import org.jameslua.server.testing.RawSmtpClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * SMTPSVR.LUA's session callbacks and globals on the real James, over raw SMTP. The client (127.0.0.1) is
 * outside {@code authorizedAddresses}, so James's relay checks are in force unless a script opens them.
 */
class SmtpScriptTest {
    private static final String HOST = "127.0.0.1";
    private static final String JAMES_BANNER = "220 james-lua ESMTP ready";

    @RegisterExtension
    static JamesLuaServerExtension james =
            new JamesLuaServerExtension(builder -> builder.authorizedAddresses("192.0.2.0/24")
                    .packSetting("limit.time.ms", "1500")
                    .user("relay@example.local", "relay-secret")
                    .user("blocked@example.local", "blocked-secret"));

    private static LuaScripts scripts;

    @BeforeAll
    static void scriptsFolder(JamesLuaServer server) {
        scripts = new LuaScripts(server.workingDirectory().resolve("scripts"));
    }

    @Test
    void startSeesTheClientGlobalsAndReplacesTheBanner(JamesLuaServer server) throws IOException {
        scripts.install("""
            function Start()
              return "220 scripted " .. IPAddress .. " valid=" .. tostring(ValidClientAddress)
                .. " local=" .. tostring(LocalClientAddress) .. " auth=" .. tostring(AuthenticationRequired)
                .. " users=[" .. AllowedUsers .. "] rbl=" .. tostring(CheckRBL)
            end
            """);

        try (RawSmtpClient smtp = RawSmtpClient.connect(HOST, server.smtpPort())) {
            assertThat(smtp.readReply().lines())
                    .containsExactly("220 scripted 127.0.0.1 valid=false local=false auth=true users=[] rbl=true");
        }
    }

    @Test
    void startReturningNothingKeepsJamesBannerAndEndRunsAtDisconnect(JamesLuaServer server) throws Exception {
        scripts.install("""
            function Start() return "" end
            function End() print("End ran for " .. IPAddress) end
            """);

        try (RawSmtpClient smtp = RawSmtpClient.connect(HOST, server.smtpPort())) {
            assertThat(smtp.readReply().lines()).containsExactly(JAMES_BANNER);
        }

        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(scripts.luaOut()).contains("End ran for 127.0.0.1"));
    }

    @Test
    void eachConnectionHasLibrariesOfItsOwnThatNoOtherConnectionSees(JamesLuaServer server) throws IOException {
        // what every instance shares is stateless functions; a connection that changes its tables or functions
        // (even those shared ones, replaced in its own tables) changes them for itself alone
        scripts.install("""
            function DoHELO(host, refuse, ehlo)
              local seen = tostring(string.marker) .. " " .. type(collectgarbage) .. " " .. os.date("!%Y", 0)
                .. " " .. table.maxn({1, 2}) .. " " .. ("a"):upper() .. " " .. tostring(math.log10(100))
              string.marker = host
              collectgarbage = nil
              os.date = function() return "hooked" end
              table.maxn = function() return 42 end
              string.upper = function() return "hooked" end
              math.log10 = function() return "hooked" end
              return false, "250 " .. seen
            end
            """);
        String untouched = "250 nil function 1970 2 A 2";

        // both sessions' instances exist before the first changes its libraries
        try (RawSmtpClient first = greeted(server);
                RawSmtpClient second = greeted(server)) {
            assertThat(first.command("HELO first.example").lines()).containsExactly(untouched);
            assertThat(second.command("HELO second.example").lines()).containsExactly(untouched);
            assertThat(first.command("HELO again.example").lines())
                    .containsExactly("250 first.example nil hooked 42 hooked hooked");
        }
        try (RawSmtpClient third = greeted(server)) {
            assertThat(third.command("HELO third.example").lines()).containsExactly(untouched);
        }
    }

    @Test
    void startRefusingSendsItsReplyAndCloses(JamesLuaServer server) throws IOException {
        scripts.install("""
            function Start() return "554-5.7.1 Not today\\r\\n554 5.7.1 Try tomorrow" end
            """);

        try (RawSmtpClient smtp = RawSmtpClient.connect(HOST, server.smtpPort())) {
            assertThat(smtp.readReply().lines()).containsExactly("554-5.7.1 Not today", "554 5.7.1 Try tomorrow");
            assertThat(smtp.isClosedByServer()).isTrue();
        }
    }

    @Test
    void maxMessageSizeAndCapabilitiesShapeEhlo(JamesLuaServer server) throws IOException {
        scripts.install("""
            function GetMaxMessageSize(host, current)
              if host == "127.0.0.1" then return 5000 end
              if host == "small.example" then return 100 end
              return current
            end
            function GetEHLOCapabilities(host, current)
              return (string.gsub(current, "PIPELINING\\r\\n", "")) .. "\\r\\nX-SCRIPTED " .. host
            end
            """);

        try (RawSmtpClient smtp = greeted(server)) {
            assertThat(smtp.command("EHLO small.example").lines())
                    .containsExactly(
                            "250-mail.example.local Hello small.example [127.0.0.1])",
                            "250-AUTH LOGIN PLAIN",
                            "250-AUTH=LOGIN PLAIN",
                            "250-ENHANCEDSTATUSCODES",
                            "250-8BITMIME",
                            "250-SIZE 100",
                            "250 X-SCRIPTED small.example");
            assertThat(smtp.command("MAIL FROM:<alice@client.example> SIZE=5000")
                            .lines())
                    .containsExactly("552 5.3.4 Message size exceeds the limit of 100 bytes for this session");
            assertThat(smtp.command("MAIL FROM:<alice@client.example> SIZE=99").code())
                    .isEqualTo(250);
            assertThat(smtp.command("RCPT TO:<user@example.local>").code()).isEqualTo(250);
            assertThat(smtp.command("DATA").code()).isEqualTo(354);
            assertThat(smtp.sendMessage("Subject: too big\n\n" + "x".repeat(200) + "\n")
                            .lines())
                    .containsExactly("552 5.3.4 Message size exceeds the limit of 100 bytes for this session");

            // any other host: the script keeps the current limit
            assertThat(smtp.command("EHLO other.example").lines()).contains("250-SIZE 100");
        }
    }

    @Test
    void doHeloRefusesRewordsAndReplacesTheGreeting(JamesLuaServer server) throws IOException {
        scripts.install("""
            function DoHELO(host, refuse, ehlo)
              if refuse then return true, "501 5.5.4 scripted refusal [" .. host .. "]" end
              if host == "bad.example" then return true, "550 5.7.1 No thanks, ehlo=" .. tostring(ehlo) end
              if host == "nice.example" then return false, "250 Hi nice" end
              return false, ""
            end
            """);

        try (RawSmtpClient smtp = greeted(server)) {
            assertThat(smtp.command("EHLO bad.example").lines()).containsExactly("550 5.7.1 No thanks, ehlo=true");
            assertThat(smtp.command("MAIL FROM:<alice@client.example>").lines())
                    .containsExactly("503 5.5.0 Need HELO or EHLO before MAIL");
            assertThat(smtp.command("EHLO").lines()).containsExactly("501 5.5.4 scripted refusal []");
            assertThat(smtp.command("HELO nice.example").lines()).containsExactly("250 Hi nice");
            assertThat(smtp.command("EHLO nice.example").lines())
                    .startsWith("250-Hi nice", "250-AUTH LOGIN PLAIN")
                    .endsWith("250 8BITMIME");
            assertThat(smtp.command("HELO other.example").lines())
                    .containsExactly("250 mail.example.local Hello other.example [127.0.0.1])");
        }
    }

    @Test
    void helpNoopRsetUnrecognisedAndQuitRepliesComeFromTheScript(JamesLuaServer server) throws IOException {
        scripts.install("""
            function DoHELP(text) return "214-Scripted help\\r\\n214 James said: " .. text end
            function DoNOOP() return "250 2.0.0 scripted noop" end
            function DoRSET() return "250 2.0.0 scripted rset" end
            function DoUnrecognised(line) return "502 5.5.1 Unknown: " .. line end
            function DoQUIT() return "221 2.0.0 Bye from the script" end
            """);

        try (RawSmtpClient smtp = greeted(server)) {
            assertThat(smtp.command("HELP").lines())
                    .containsExactly("214-Scripted help", "214 James said: 502 5.3.3 HELP is not supported");
            assertThat(smtp.command("NOOP").lines()).containsExactly("250 2.0.0 scripted noop");
            assertThat(smtp.command("RSET").lines()).containsExactly("250 2.0.0 scripted rset");
            assertThat(smtp.command("xyzzy plugh  now").lines()).containsExactly("502 5.5.1 Unknown: XYZZY plugh  now");
            assertThat(smtp.command("QUIT").lines()).containsExactly("221 2.0.0 Bye from the script");
            assertThat(smtp.isClosedByServer()).isTrue();
        }
    }

    @Test
    void mailAndRcptCallbacksRefuseOrRewordButNeverOpenTheRelay(JamesLuaServer server) throws IOException {
        scripts.install("""
            function DoMAILFROM(data, from, params)
              if from == "spammer@bad.example" then return "550 5.7.1 Sender " .. from .. " refused (" .. data .. ")" end
              return "250 2.1.0 Scripted sender ok, body=" .. (params.BODY or "-")
            end
            function DoRCPTTO(data, rcpt, params, soFar)
              if rcpt == "blocked@example.local" then return "550-5.1.1 Blocked\\r\\n550 5.1.1 Really blocked" end
              return "250 2.1.5 Scripted recipient #" .. (#soFar + 1) .. " " .. data
            end
            """);

        try (RawSmtpClient smtp = greeted(server)) {
            smtp.command("EHLO client.example");
            assertThat(smtp.command("MAIL FROM:<spammer@bad.example> BODY=7BIT").lines())
                    .containsExactly("550 5.7.1 Sender spammer@bad.example refused (<spammer@bad.example> BODY=7BIT)");
            assertThat(smtp.command("MAIL FROM:<alice@client.example> BODY=8BITMIME")
                            .lines())
                    .containsExactly("250 2.1.0 Scripted sender ok, body=8BITMIME");
            assertThat(smtp.command("RCPT TO:<user@example.local>").lines())
                    .containsExactly("250 2.1.5 Scripted recipient #1 <user@example.local>");
            assertThat(smtp.command("RCPT TO:<blocked@example.local>").lines())
                    .containsExactly("550-5.1.1 Blocked", "550 5.1.1 Really blocked");
            assertThat(smtp.command("RCPT TO:<relay@example.local>").lines())
                    .containsExactly("250 2.1.5 Scripted recipient #2 <relay@example.local>");
            // the script said 250, James's relay check still says no: James's reply, not the script's
            assertThat(smtp.command("RCPT TO:<bob@remote.example>").lines())
                    .containsExactly("530 5.7.1 Authentication Required");
        }
    }

    @Test
    void a421FromDoMailFromClosesTheConnection(JamesLuaServer server) throws IOException {
        scripts.install("""
            function DoMAILFROM(data, from, params) return "421 4.7.0 Go away" end
            """);

        try (RawSmtpClient smtp = greeted(server)) {
            smtp.command("EHLO client.example");
            assertThat(smtp.command("MAIL FROM:<alice@client.example>").lines()).containsExactly("421 4.7.0 Go away");
            assertThat(smtp.isClosedByServer()).isTrue();
        }
    }

    @Test
    void settingLocalClientAddressLetsTheClientRelay(JamesLuaServer server) throws IOException {
        scripts.install("""
            function Start() LocalClientAddress = true return "" end
            """);

        try (RawSmtpClient smtp = greeted(server)) {
            smtp.command("EHLO client.example");
            smtp.command("MAIL FROM:<alice@client.example>");
            assertThat(smtp.command("RCPT TO:<bob@remote.example>").lines())
                    .containsExactly("250 2.1.5 Recipient <bob@remote.example> OK");
        }
    }

    @Test
    void aValidClientStillNeedsToAuthenticateWhileAuthenticationIsRequired(JamesLuaServer server) throws IOException {
        scripts.install("""
            function DoMAILFROM(data, from, params)
              ValidClientAddress = true
              if from == "trusted@client.example" then AuthenticationRequired = false end
              return ""
            end
            """);

        try (RawSmtpClient smtp = greeted(server)) {
            smtp.command("EHLO client.example");
            smtp.command("MAIL FROM:<alice@client.example>");
            assertThat(smtp.command("RCPT TO:<bob@remote.example>").lines())
                    .containsExactly("530 5.7.1 Authentication Required");
            smtp.command("RSET");
            smtp.command("MAIL FROM:<trusted@client.example>");
            assertThat(smtp.command("RCPT TO:<bob@remote.example>").lines())
                    .containsExactly("250 2.1.5 Recipient <bob@remote.example> OK");
        }
    }

    @Test
    void allowedUsersRestrictsWhoMayAuthenticate(JamesLuaServer server) throws IOException {
        scripts.install("""
            function Start() AllowedUsers = "someone relay" return "" end
            """);

        try (RawSmtpClient smtp = greeted(server)) {
            smtp.command("EHLO client.example");
            assertThat(smtp.command("AUTH PLAIN " + plain("blocked@example.local", "blocked-secret"))
                            .lines())
                    .containsExactly("535 Authentication Failed");
            assertThat(smtp.command("AUTH PLAIN " + plain("relay@example.local", "relay-secret"))
                            .lines())
                    .containsExactly("235 Authentication Successful");
        }
    }

    @Test
    void authenticatedUserSaysWhoTheClientAuthenticatedAs(JamesLuaServer server) throws IOException {
        scripts.install("""
            function DoMAILFROM(data, from, params)
              local before = AuthenticatedUser
              AuthenticatedUser = "forged"
              return "250 2.1.0 Sender as [" .. before .. "]"
            end
            """);

        try (RawSmtpClient smtp = greeted(server)) {
            smtp.command("EHLO client.example");
            assertThat(smtp.command("MAIL FROM:<alice@client.example>").lines())
                    .containsExactly("250 2.1.0 Sender as []");
            smtp.command("RSET");
            assertThat(smtp.command("AUTH PLAIN " + plain("relay@example.local", "relay-secret"))
                            .lines())
                    .containsExactly("235 Authentication Successful");
            // James's user, not what the script wrote into the global
            assertThat(smtp.command("MAIL FROM:<alice@client.example>").lines())
                    .containsExactly("250 2.1.0 Sender as [relay@example.local]");
        }
    }

    @Test
    void aScriptErrorFallsBackToJamesAndIsLoggedAndCounted(JamesLuaServer server) throws IOException {
        long errorsBefore = PackMetrics.count("luapack.SMTPSVR.DoNOOP.errors");
        scripts.install("""
            function DoNOOP() error("noop exploded") end
            """);

        try (RawSmtpClient smtp = greeted(server)) {
            assertThat(smtp.command("NOOP").lines()).containsExactly("250 2.0.0 OK");
        }

        assertThat(scripts.errors())
                .anyMatch(
                        line -> line.contains("SMTPSVR.LUA DoNOOP line 1 [RUNTIME]") && line.contains("noop exploded"));
        assertThat(PackMetrics.count("luapack.SMTPSVR.DoNOOP.errors")).isEqualTo(errorsBefore + 1);
        assertThat(PackMetrics.count("luapack.SMTPSVR.DoNOOP.calls")).isPositive();
    }

    @Test
    void anEndlessLoopIsStoppedByTheTimeLimit(JamesLuaServer server) throws IOException {
        long timeoutsBefore = PackMetrics.count("luapack.SMTPSVR.DoRSET.timeouts");
        scripts.install("""
            function DoRSET() while true do end end
            """);

        try (RawSmtpClient smtp = greeted(server)) {
            assertThat(smtp.command("RSET").lines()).containsExactly("250 2.0.0 OK");
            assertThat(smtp.command("NOOP").lines()).containsExactly("250 2.0.0 OK");
        }

        assertThat(scripts.errors()).anyMatch(line -> line.contains("DoRSET") && line.contains("[TIMEOUT]"));
        assertThat(PackMetrics.count("luapack.SMTPSVR.DoRSET.timeouts")).isEqualTo(timeoutsBefore + 1);
    }

    @Test
    void repliesOfTheWrongTypeOrShapeAreRefusedAndJamesAnswers(JamesLuaServer server) throws IOException {
        scripts.install("""
            function Start() return {} end
            function GetMaxMessageSize(host, current) return "huge" end
            function DoNOOP() return 25 end
            function DoRSET()
              local before = tostring(ValidClientAddress)
              ValidClientAddress = "yes"
              return "250 valid was " .. before
            end
            function DoHELP(text) return "214-help\\r\\nMAIL FROM:<smuggled@example.com>" end
            function DoUnrecognised(line) return "250 fine\\rRCPT TO:<smuggled@example.com>" end
            function DoQUIT() return "221-bye\\r\\n250 mixed codes" end
            """);

        try (RawSmtpClient smtp = RawSmtpClient.connect(HOST, server.smtpPort())) {
            assertThat(smtp.readReply().lines()).containsExactly(JAMES_BANNER);
            assertThat(smtp.command("EHLO client.example").lines()).doNotHave(sizeLine());
            assertThat(smtp.command("NOOP").lines()).containsExactly("250 2.0.0 OK");
            assertThat(smtp.command("RSET").lines()).containsExactly("250 valid was false");
            // put back after the first RSET, as the error log says
            assertThat(smtp.command("RSET").lines()).containsExactly("250 valid was false");
            assertThat(smtp.command("HELP").lines()).containsExactly("502 5.3.3 HELP is not supported");
            assertThat(smtp.command("FOO").lines()).containsExactly("500 5.5.1 Command FOO unrecognized.");
            assertThat(smtp.command("QUIT").lines())
                    .containsExactly("221 2.0.0 mail.example.local Service closing transmission channel");
        }

        assertThat(scripts.errors())
                .anyMatch(line ->
                        line.contains("Start line 1 [BAD_RETURN]") && line.contains("must be a string, not table"))
                .anyMatch(line ->
                        line.contains("GetMaxMessageSize line 2 [BAD_RETURN]") && line.contains("must be a number"))
                .anyMatch(line -> line.contains("DoNOOP line 3 [BAD_RETURN]")
                        && line.contains("not an SMTP reply")
                        && line.contains("\"25\""))
                .anyMatch(line -> line.contains("DoRSET line 7 [BAD_RETURN]")
                        && line.contains("ValidClientAddress must be a boolean"))
                .anyMatch(line -> line.contains("DoHELP line 9 [BAD_RETURN]") && line.contains("not an SMTP reply"))
                .anyMatch(line -> line.contains("DoUnrecognised line 10 [BAD_RETURN]") && line.contains("lone CR"))
                .anyMatch(line -> line.contains("DoQUIT line 11 [BAD_RETURN]") && line.contains("different codes"));
    }

    @Test
    void aScriptThatNeverCompiledLeavesJamesAlone(JamesLuaServer server) throws IOException {
        scripts.remove();
        try (RawSmtpClient smtp = RawSmtpClient.connect(HOST, server.smtpPort())) {
            assertThat(smtp.readReply().lines()).containsExactly(JAMES_BANNER);
        }
        scripts.install("""
            function Start( return "554 never" end
            """);

        try (RawSmtpClient smtp = RawSmtpClient.connect(HOST, server.smtpPort())) {
            assertThat(smtp.readReply().lines()).containsExactly(JAMES_BANNER);
            assertThat(smtp.command("NOOP").lines()).containsExactly("250 2.0.0 OK");
        }
        assertThat(scripts.errors())
                .anyMatch(line -> line.contains("SMTPSVR.LUA (compile)") && line.contains("[COMPILE]"));
    }

    private static Condition<String> sizeLine() {
        return new Condition<>(line -> line.contains("SIZE"), "a SIZE line");
    }

    private static RawSmtpClient greeted(JamesLuaServer server) throws IOException {
        RawSmtpClient smtp = RawSmtpClient.connect(HOST, server.smtpPort());
        smtp.readReply();
        return smtp;
    }

    private static String plain(String user, String password) {
        return Base64.getEncoder().encodeToString(("\0" + user + "\0" + password).getBytes(StandardCharsets.UTF_8));
    }
}
