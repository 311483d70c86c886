package org.jameslua.server.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.jameslua.server.JamesLuaServer;
import org.jameslua.server.testing.ConfTemplate;
import org.jameslua.server.testing.ImapMailboxReader;
import org.jameslua.server.testing.JamesLuaServerExtension;
import org.jameslua.server.testing.LuaScripts;
import org.jameslua.server.testing.RawSmtpClient;
import org.jameslua.server.testing.WebAdminClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The VPOP3.* settings and user helpers on the real James: users from its repository, addresses through its
 * recipient rewrite table, user settings as INBOX annotations users also see over IMAP METADATA, and global
 * settings declared in james-lua.properties.
 */
class HostHelpersTest {
    private static final String HOST = "127.0.0.1";
    private static final String BOB = "bob@example.local";
    private static final String CAROL = "carol@example.local";
    private static final String DAVE = "dave@example.local";

    @TempDir
    static Path conf;

    @RegisterExtension
    static JamesLuaServerExtension james = new JamesLuaServerExtension(builder -> builder.confTemplate(
                    ConfTemplate.bundledWith(conf, Map.of("james-lua.properties", "setting.Greeting=hello")))
            .user(BOB, "bob-secret")
            .user(CAROL, "carol-secret")
            .user(DAVE, "dave-secret"));

    private static LuaScripts scripts;

    @BeforeAll
    static void scriptsFolder(JamesLuaServer server) {
        scripts = new LuaScripts(server.workingDirectory().resolve("scripts"));
    }

    @Test
    void aSettingTheUserSetsOverImapDecidesWhatDoRcptToAnswers(JamesLuaServer server) throws IOException {
        scripts.install("""
            function DoRCPTTO(data, rcpt, params, soFar)
              if VPOP3.GetUserSetting(rcpt, "AcceptMail") == "no" then
                return "550 5.7.1 " .. rcpt .. " accepts no mail"
              end
              return ""
            end
            """);

        try (ImapMailboxReader bob = ImapMailboxReader.login(HOST, server.imapPort(), BOB, "bob-secret")) {
            bob.setMetadata("INBOX", "/private/vendor/jameslua/acceptmail", "no");
        }
        try (RawSmtpClient smtp = envelope(server)) {
            assertThat(smtp.command("RCPT TO:<" + BOB + ">").lines())
                    .containsExactly("550 5.7.1 bob@example.local accepts no mail");
            assertThat(smtp.command("RCPT TO:<" + CAROL + ">").code()).isEqualTo(250);
        }

        try (ImapMailboxReader bob = ImapMailboxReader.login(HOST, server.imapPort(), BOB, "bob-secret")) {
            bob.setMetadata("INBOX", "/private/vendor/jameslua/acceptmail", "yes");
        }
        try (RawSmtpClient smtp = envelope(server)) {
            assertThat(smtp.command("RCPT TO:<" + BOB + ">").code()).isEqualTo(250);
        }
    }

    @Test
    void aSettingAScriptWritesIsReadBackOverImap(JamesLuaServer server) throws IOException {
        scripts.install("""
            function DoRCPTTO(data, rcpt, params, soFar)
              print("stored", tostring(VPOP3.SetUserSetting(rcpt, "Greeting.Text", "hello from " .. rcpt)))
              return ""
            end
            """);

        try (RawSmtpClient smtp = envelope(server)) {
            assertThat(smtp.command("RCPT TO:<" + DAVE + ">").code()).isEqualTo(250);
        }

        assertThat(scripts.luaOut()).contains("stored\ttrue");
        try (ImapMailboxReader dave = ImapMailboxReader.login(HOST, server.imapPort(), DAVE, "dave-secret")) {
            assertThat(dave.metadata("INBOX", "/private/vendor/jameslua/greetingq2etext"))
                    .contains("hello from dave@example.local");
        }
    }

    @Test
    void theServerKeepsMoreSettingsPerUserThanStockJames(JamesLuaServer server) throws IOException {
        scripts.install("""
            function DoRCPTTO(data, rcpt, params, soFar)
              local stored = 0
              for i = 1, 15 do
                if VPOP3.SetUserSetting(rcpt, "Setting" .. i, string.rep("x", 2000)) then stored = stored + 1 end
              end
              print("stored " .. stored .. " of 15")
              return ""
            end
            """);

        try (RawSmtpClient smtp = envelope(server)) {
            assertThat(smtp.command("RCPT TO:<" + CAROL + ">").code()).isEqualTo(250);
        }

        assertThat(scripts.luaOut()).contains("stored 15 of 15");
    }

    @Test
    void globalSettingsUsersAndAddressesComeFromJames(JamesLuaServer server) throws Exception {
        WebAdminClient webAdmin = new WebAdminClient(server.webAdminPort());
        assertThat(webAdmin.put("/address/groups/team@example.local/" + BOB).statusCode())
                .isEqualTo(204);
        assertThat(webAdmin.put("/address/groups/team@example.local/partner@remote.example")
                        .statusCode())
                .isEqualTo(204);
        assertThat(webAdmin.put("/address/forwards/" + CAROL + "/targets/carol@remote.example")
                        .statusCode())
                .isEqualTo(204);
        scripts.install("""
            function Start()
              print("greeting", VPOP3.GetSetting("Greeting"))
              print("set", VPOP3.SetSetting("GREETING", "bonjour"), VPOP3.SetSetting("Undeclared", "x"))
              print("now", VPOP3.GetSetting("greeting"))
              print("undeclared", VPOP3.GetSetting("Undeclared"))
              for _, address in ipairs({ "team@example.local", "carol" }) do
                for _, e in ipairs(VPOP3.ExpandAddress(address, -1)) do
                  print("expand", address, e.Name, e.List, e.DeferredExpansion, e.Remote, e.Forwarded)
                end
              end
              local users = VPOP3.GetUserList()
              table.sort(users)
              print("users", table.concat(users, ","))
              return ""
            end
            """);

        try (RawSmtpClient smtp = RawSmtpClient.connect(HOST, server.smtpPort())) {
            assertThat(smtp.readReply().code()).isEqualTo(220);
        }

        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(scripts.luaOut()).contains("users\t"));
        assertThat(scripts.luaOut().lines())
                .contains(
                        "greeting\ttrue\thello",
                        "set\ttrue\tfalse",
                        "now\ttrue\tbonjour",
                        "undeclared\tfalse\tnil",
                        "expand\tteam@example.local\tteam@example.local\ttrue\tfalse\tfalse\tfalse",
                        "expand\tteam@example.local\tbob@example.local\tfalse\tnil\tfalse\tfalse",
                        "expand\tteam@example.local\tpartner@remote.example\tfalse\tnil\ttrue\tfalse",
                        "expand\tcarol\tcarol@remote.example\tfalse\tnil\ttrue\ttrue",
                        "users\tbob@example.local,carol@example.local,dave@example.local,user@example.local");
        assertThat(scripts.errors()).isEmpty();
    }

    private static RawSmtpClient envelope(JamesLuaServer server) throws IOException {
        RawSmtpClient smtp = RawSmtpClient.connect(HOST, server.smtpPort());
        smtp.readReply();
        smtp.command("EHLO client.example");
        assertThat(smtp.command("MAIL FROM:<alice@client.example>").code()).isEqualTo(250);
        return smtp;
    }
}
