package org.jameslua.server.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.jameslua.server.JamesLuaServer;
import org.jameslua.server.testing.DnsBlocklistStub;
import org.jameslua.server.testing.HeldDnsServer;
import org.jameslua.server.testing.JamesLuaServerExtension;
import org.jameslua.server.testing.LuaScripts;
import org.jameslua.server.testing.RawSmtpClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every callback of SMTPSVR.LUA, in turn, waits (on a DNS lookup the test holds) in one session while another
 * session sends a whole mail, on a James with a single SMTP I/O thread, which every connection shares: a callback
 * run on that thread would leave the other session unanswered, the banner included, until the lookup ends.
 * SlowScriptIsolationTest proves the same for DoHELO and DoMAILFROM under load; this covers each callback of the
 * manual, including those run before the banner (Start, GetMaxMessageSize, RBLResults) and at the end (End).
 */
class EveryCallbackIsolationTest {
    private static final String HOST = "127.0.0.1";
    // the waiting session's address: only its callbacks wait
    private static final String WAITING_CLIENT = "127.0.0.2";
    private static final String USER = "user@example.local";

    private static final String SCRIPT = """
        local function wait(name)
          if IPAddress == "%CLIENT%" and name == "%CALLBACK%" then
            VPOP3Net.GetDNSRecords("held-%CALLBACK%.test", 1, "%DNS%")
          end
        end
        function Start() wait("Start") return "" end
        function GetMaxMessageSize(host, current) wait("GetMaxMessageSize") return current end
        function RBLResults() wait("RBLResults") return "" end
        function GetEHLOCapabilities(host, current) wait("GetEHLOCapabilities") return nil end
        function DoHELO(host, refuse, ehlo) wait("DoHELO") return refuse, "" end
        function DoMAILFROM(data, from, params) wait("DoMAILFROM") return "" end
        function DoRCPTTO(data, rcpt, params, soFar) wait("DoRCPTTO") return "" end
        function DoDATAStart(recipients) wait("DoDATAStart") return "" end
        function ProcessMessage(from, subject, recipients, actions) wait("ProcessMessage") return actions, "" end
        function DoRSET() wait("DoRSET") return "" end
        function DoNOOP() wait("DoNOOP") return "" end
        function DoHELP(text) wait("DoHELP") return "" end
        function DoUnrecognised(line) wait("DoUnrecognised") return "" end
        function DoQUIT() wait("DoQUIT") return "" end
        function End() wait("End") end
        """;

    // answers the RBL lookups made for the waiting client, which RBLResults follows
    private static final DnsBlocklistStub RBL_DNS = new DnsBlocklistStub();

    @RegisterExtension
    static JamesLuaServerExtension james =
            new JamesLuaServerExtension(builder -> builder.smtpServerElement("ioWorkerCount", "1")
                    // neither client may relay, so the waiting client's address is looked up in the blocklist
                    .authorizedAddresses("192.0.2.0/24")
                    .packSetting("rbl.servers", "listed.test")
                    .packSetting("rbl.whitelist", HOST)
                    .packSetting("dns.servers", RBL_DNS.address())
                    // the test, not a bound, decides when a lookup ends
                    .packSetting("dns.timeout.ms", "600000")
                    .packSetting("limit.time.ms", "600000")
                    .user(USER, JamesLuaServer.DEFAULT_PASSWORD));

    private static LuaScripts scripts;

    /** A callback, and how a client gets a session into it: the lines it sends and the reply it then waits for. */
    enum Callback {
        Start(List.of(), 220),
        GetMaxMessageSize(List.of(), 220),
        RBLResults(List.of(), 220),
        GetEHLOCapabilities(List.of("EHLO client.example"), 250),
        DoHELO(List.of("EHLO client.example"), 250),
        DoMAILFROM(List.of("EHLO client.example", "MAIL FROM:<sender@client.example>"), 250),
        DoRCPTTO(List.of("EHLO client.example", "MAIL FROM:<sender@client.example>", "RCPT TO:<" + USER + ">"), 250),
        DoDATAStart(
                List.of("EHLO client.example", "MAIL FROM:<sender@client.example>", "RCPT TO:<" + USER + ">", "DATA"),
                354),
        ProcessMessage(
                List.of(
                        "EHLO client.example",
                        "MAIL FROM:<sender@client.example>",
                        "RCPT TO:<" + USER + ">",
                        "DATA",
                        "Subject: waiting\r\n\r\nbody\r\n."),
                250),
        DoRSET(List.of("EHLO client.example", "RSET"), 250),
        DoNOOP(List.of("EHLO client.example", "NOOP"), 250),
        DoHELP(List.of("EHLO client.example", "HELP"), 502),
        DoUnrecognised(List.of("EHLO client.example", "XYZZY"), 500),
        DoQUIT(List.of("EHLO client.example", "QUIT"), 221),
        // the client reads QUIT's 221 and hangs up: End() runs after, with nothing left to answer
        End(List.of("EHLO client.example", "QUIT", ""), 0);

        private final List<String> lines;
        private final int reply;

        Callback(List<String> lines, int reply) {
            this.lines = lines;
            this.reply = reply;
        }
    }

    @BeforeAll
    static void scriptsFolder(JamesLuaServer server) {
        scripts = new LuaScripts(server.scriptsFolder());
    }

    @AfterAll
    static void putBack() throws IOException {
        scripts.putBack();
        RBL_DNS.close();
    }

    @ParameterizedTest
    @EnumSource(Callback.class)
    void aSessionWaitingInTheCallbackDelaysNoOtherSession(Callback callback, JamesLuaServer server) throws Exception {
        try (HeldDnsServer heldDns = new HeldDnsServer()) {
            scripts.install(SCRIPT.replace("%CLIENT%", WAITING_CLIENT)
                    .replace("%CALLBACK%", callback.name())
                    .replace("%DNS%", heldDns.address()));
            // compiles the script: a session can then do its connect work and banner on the I/O thread, which it
            // may only when no callback runs there
            sendAMail(server);
            try (RawSmtpClient waiting = RawSmtpClient.connectFrom(WAITING_CLIENT, HOST, server.smtpPort())) {
                enterTheCallback(waiting, callback);
                await().atMost(Duration.ofSeconds(30)).until(() -> heldDns.waiting() == 1);

                sendAMail(server);
                assertThat(heldDns.waiting())
                        .as("the waiting session is still inside %s", callback)
                        .isEqualTo(1);

                heldDns.release();
                if (callback.reply != 0) {
                    assertThat(waiting.readReply().code()).isEqualTo(callback.reply);
                }
            }
        }
    }

    // sends every line but the last after its reply, the last without waiting for its reply (the callback's)
    private static void enterTheCallback(RawSmtpClient client, Callback callback) throws IOException {
        List<String> lines = callback.lines;
        if (lines.isEmpty()) {
            return;
        }
        assertThat(client.readReply().code()).isEqualTo(220);
        for (String line : lines.subList(0, lines.size() - 1)) {
            assertThat(client.command(line).code()).as(line).isLessThan(400);
        }
        String last = lines.get(lines.size() - 1);
        if (last.isEmpty()) {
            client.close();
        } else {
            client.sendLine(last);
        }
    }

    private static void sendAMail(JamesLuaServer server) throws IOException {
        try (RawSmtpClient smtp = RawSmtpClient.connect(HOST, server.smtpPort())) {
            assertThat(smtp.readReply().code()).isEqualTo(220);
            assertThat(smtp.command("EHLO other.example").code()).isEqualTo(250);
            assertThat(smtp.command("MAIL FROM:<sender@other.example>").code()).isEqualTo(250);
            assertThat(smtp.command("RCPT TO:<" + USER + ">").code()).isEqualTo(250);
            assertThat(smtp.command("DATA").code()).isEqualTo(354);
            assertThat(smtp.sendMessage("Subject: other\n\nbody\n").code()).isEqualTo(250);
            assertThat(smtp.command("QUIT").code()).isEqualTo(221);
        }
    }
}
