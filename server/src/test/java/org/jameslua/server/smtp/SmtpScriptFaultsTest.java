package org.jameslua.server.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jameslua.server.JamesLuaServer;
import org.jameslua.server.testing.ImapMailboxReader;
import org.jameslua.server.testing.JamesLuaServerExtension;
import org.jameslua.server.testing.LuaScripts;
import org.jameslua.server.testing.RawSmtpClient;
import org.jameslua.server.testing.SmtpReply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * "Faults, with nothing lost": mail keeps flowing over SMTP into the real James while SMTPSVR.LUA is replaced by
 * a script that throws in every callback, one that does not compile, one whose callbacks return wrong types,
 * CRLF in replies and header lines and huge strings, then a good one again. Every mail James accepted (250 after
 * DATA) must be in the mailbox exactly once with its body intact, and the faults must be in LUAERRORS.LOG.
 */
class SmtpScriptFaultsTest {
    private static final String HOST = "127.0.0.1";
    private static final String USER = "faults@example.local";
    private static final String PASSWORD = "secret";
    private static final int SENDERS = 3;
    /** mails each script phase must accept before the next script goes in */
    private static final int MAILS_PER_PHASE = 6;
    /** how long the mailbox must stay unchanged before it is read, so that a late duplicate shows */
    private static final Duration SETTLED = Duration.ofSeconds(3);

    private static final Pattern MESSAGE_ID = Pattern.compile("(?im)^Message-ID: <([^>]+)>\r?$");

    private static final String GOOD = """
        function Start() return "220 good script" end
        function DoHELO(host, refuse, ehlo) return false, "" end
        function DoMAILFROM(data, from, params) return "250 2.1.0 good sender" end
        function DoRCPTTO(data, rcpt, params, soFar) return "" end
        function DoNOOP() return "250 2.0.0 good noop" end
        function DoDATAStart(recipients) return "354 good go ahead", {"X-Data-Start: good"} end
        function ProcessMessage(from, subject, recipients, actions, mime, size, attachments)
          actions.HeaderModifiers = {"X-Processed: good"}
          return actions, ""
        end
        """;

    private static final String THROWING = """
        function Start() error("Start threw") end
        function End() error("End threw") end
        function GetMaxMessageSize(host, current) error("GetMaxMessageSize threw") end
        function GetEHLOCapabilities(host, current) error("GetEHLOCapabilities threw") end
        function DoHELO(host, refuse, ehlo) error("DoHELO threw") end
        function DoMAILFROM(data, from, params) error("DoMAILFROM threw") end
        function DoRCPTTO(data, rcpt, params, soFar) error("DoRCPTTO threw") end
        function DoNOOP() error("DoNOOP threw") end
        function DoRSET() error("DoRSET threw") end
        function DoDATAStart(recipients) error("DoDATAStart threw") end
        function ProcessMessage(from, subject, recipients, actions, mime, size, attachments)
          error("ProcessMessage threw")
        end
        function DoQUIT() error("DoQUIT threw") end
        """;

    private static final String NOT_COMPILING = """
        function Start( return "554 never" end
        function ProcessMessage(
        """;

    private static final String WRONG = """
        local huge = string.rep("x", 512 * 1024)
        function Start() return {} end
        function End() return huge end
        function GetMaxMessageSize(host, current) return "huge" end
        function GetEHLOCapabilities(host, current) return current .. "\\r\\n" .. huge end
        function DoHELO(host, refuse, ehlo) return "no", 42 end
        function DoMAILFROM(data, from, params) return "250 ok\\r\\nRCPT TO:<smuggled@example.com>" end
        function DoRCPTTO(data, rcpt, params, soFar) return "250 " .. huge end
        function DoNOOP() return 250 end
        function DoRSET() return "250 fine\\r" .. huge end
        function DoDATAStart(recipients)
          return "354 go ahead", {"X-Injected: a\\r\\n\\r\\nnot a header", "X-Huge: " .. huge}
        end
        function ProcessMessage(from, subject, recipients, actions, mime, size, attachments)
          actions.HeaderModifiers = {"X-Evil: x\\r\\nBcc: smuggled@example.com", "X-Huge: " .. huge}
          actions.Recipients = 42
          return actions, "250-accepted\\r\\n550 " .. huge
        end
        function DoQUIT() return function() end end
        """;

    // the default time limit (10 s): a shorter one turns the wrong script's BAD_RETURNs into TIMEOUTs on a busy
    // machine, which is as safe for the mail but not what this test looks for in the log
    @RegisterExtension
    static JamesLuaServerExtension james = new JamesLuaServerExtension(
            builder -> builder.authorizedAddresses("192.0.2.0/24").user(USER, PASSWORD));

    @Test
    void mailAcceptedWhileTheScriptFailsIsAllDeliveredOnceAndIntact(JamesLuaServer server) throws Exception {
        LuaScripts scripts = new LuaScripts(server.scriptsFolder());
        scripts.install(GOOD);
        Traffic traffic = new Traffic(server.smtpPort());
        ExecutorService senders = Executors.newFixedThreadPool(SENDERS);
        List<Future<?>> running = new ArrayList<>();
        try {
            for (int sender = 0; sender < SENDERS; sender++) {
                int id = sender;
                running.add(senders.submit(() -> traffic.sendUntilStopped(id)));
            }
            Map<String, String> phases = new LinkedHashMap<>();
            phases.put("good", GOOD);
            phases.put("throwing", THROWING);
            phases.put("not compiling", NOT_COMPILING);
            phases.put("wrong returns", WRONG);
            phases.put("good again", GOOD);
            for (Map.Entry<String, String> phase : phases.entrySet()) {
                scripts.install(phase.getValue());
                traffic.phase = phase.getKey();
                await().atMost(Duration.ofSeconds(60))
                        .until(() -> traffic.failures.size() >= 20
                                || traffic.acceptedByPhase.getOrDefault(phase.getKey(), 0) >= MAILS_PER_PHASE);
            }
        } finally {
            traffic.stop();
            senders.shutdown();
            assertThat(senders.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        }
        for (Future<?> sender : running) {
            sender.get();
        }

        assertThat(traffic.failures).isEmpty();
        // mail kept flowing in every phase, whatever the script did
        assertThat(traffic.acceptedByPhase)
                .containsOnlyKeys("good", "throwing", "not compiling", "wrong returns", "good again");

        Map<String, String> delivered = awaitDelivered(server, traffic);
        System.out.printf(
                "Faults: %d mails accepted, %d delivered, %d LUAERRORS.LOG lines%n",
                traffic.accepted.size(), delivered.size(), scripts.errors().size());
        System.out.println("Faults: accepted by phase " + traffic.acceptedByPhase);
        assertThat(delivered.keySet()).containsExactlyInAnyOrderElementsOf(traffic.accepted);
        delivered.forEach(
                (id, message) -> assertThat(bodyOf(message)).as("body of " + id).isEqualTo(body(id)));
        // the refused header lines of the wrong script added nothing, not even in part
        assertThat(delivered.values())
                .noneMatch(message -> message.contains("X-Injected")
                        || message.contains("not a header")
                        || message.contains("X-Huge")
                        || message.contains("X-Evil"));

        List<String> errors = scripts.errors();
        assertThat(errors)
                .anyMatch(line -> line.contains("[RUNTIME]") && line.contains("DoMAILFROM threw"))
                .anyMatch(line -> line.contains("[RUNTIME]") && line.contains("ProcessMessage threw"))
                .anyMatch(line -> line.contains("SMTPSVR.LUA (compile)") && line.contains("[COMPILE]"))
                .anyMatch(line -> line.contains("DoDATAStart line 12 [BAD_RETURN]"))
                .anyMatch(line -> line.contains("ProcessMessage line 17 [BAD_RETURN]"))
                .anyMatch(line -> line.contains("DoMAILFROM line 7 [BAD_RETURN]"))
                .anyMatch(line -> line.contains("DoRCPTTO line 8 [BAD_RETURN]"));
        // what reaches the log about a huge string is a bounded excerpt, not the string itself
        assertThat(errors).allMatch(line -> line.length() < 64 * 1024);
    }

    /**
     * Reads the mailbox once it holds at least every accepted mail and has stayed unchanged for a while, so that
     * a late duplicate is in it.
     */
    private static Map<String, String> awaitDelivered(JamesLuaServer server, Traffic traffic) {
        AtomicInteger lastCount = new AtomicInteger(-1);
        await().atMost(Duration.ofSeconds(60))
                .during(SETTLED)
                .pollInterval(Duration.ofMillis(500))
                .ignoreExceptionsInstanceOf(IOException.class)
                .until(() -> {
                    int count = inboxCount(server);
                    return lastCount.getAndSet(count) == count && count >= traffic.accepted.size();
                });
        // read again if a read fails, e.g. while James is still storing a message
        List<String> messages = await().atMost(Duration.ofSeconds(30))
                .ignoreExceptionsInstanceOf(IOException.class)
                .until(() -> readInbox(server), list -> true);
        Map<String, String> byId = new HashMap<>();
        for (String message : messages) {
            Matcher id = MESSAGE_ID.matcher(message);
            assertThat(id.find()).as("a Message-ID in\n" + message).isTrue();
            assertThat(byId.put(id.group(1), message))
                    .as("duplicate of " + id.group(1))
                    .isNull();
        }
        return byId;
    }

    private static int inboxCount(JamesLuaServer server) throws IOException {
        try (ImapMailboxReader imap = ImapMailboxReader.login(HOST, server.imapPort(), USER, PASSWORD)) {
            return imap.messageCount("INBOX");
        }
    }

    private static List<String> readInbox(JamesLuaServer server) throws IOException {
        try (ImapMailboxReader imap = ImapMailboxReader.login(HOST, server.imapPort(), USER, PASSWORD)) {
            int count = imap.messageCount("INBOX");
            List<String> messages = new ArrayList<>();
            for (int i = 1; i <= count; i++) {
                messages.add(imap.readMessage("INBOX", i));
            }
            return messages;
        }
    }

    private static String bodyOf(String message) {
        int end = message.indexOf("\r\n\r\n");
        return end < 0 ? "" : message.substring(end + 4);
    }

    /** A body that depends on the mail's id, with a dot-stuffed line and a long one, so corruption shows. */
    private static String body(String id) {
        StringBuilder body = new StringBuilder();
        for (int line = 1; line <= 40; line++) {
            body.append("mail ").append(id).append(" line ").append(line).append("\r\n");
        }
        body.append(".starts with a dot ").append(id).append("\r\n");
        body.append("x".repeat(900)).append(id).append("\r\n");
        return body.toString();
    }

    /** SMTP clients sending one mail per connection until stopped, recording what James accepted. */
    private static final class Traffic {
        final Set<String> accepted = ConcurrentHashMap.newKeySet();
        final List<String> failures = new CopyOnWriteArrayList<>();
        final Map<String, Integer> acceptedByPhase = new ConcurrentHashMap<>();
        /** The script installed last; a mail counts for the phase its connection began in, which loaded it. */
        volatile String phase = "good";

        private final int port;
        private final AtomicBoolean stopped = new AtomicBoolean();

        Traffic(int port) {
            this.port = port;
        }

        void stop() {
            stopped.set(true);
        }

        void sendUntilStopped(int sender) {
            for (int n = 0; !stopped.get() && failures.size() < 20; n++) {
                String id = "s" + sender + "-" + n + "@faults.test";
                try {
                    sendOne(id);
                } catch (IOException | RuntimeException e) {
                    failures.add(id + ": " + e);
                }
            }
        }

        private void sendOne(String id) throws IOException {
            String scriptPhase = phase;
            try (RawSmtpClient smtp = RawSmtpClient.connect(HOST, port)) {
                expect(id, smtp.readReply(), 220);
                expect(id, smtp.command("EHLO client.example"), 250);
                expect(id, smtp.command("NOOP"), 250);
                expect(id, smtp.command("RSET"), 250);
                expect(id, smtp.command("MAIL FROM:<sender@client.example>"), 250);
                expect(id, smtp.command("RCPT TO:<" + USER + ">"), 250);
                expect(id, smtp.command("DATA"), 354);
                // no reply at all (the connection closed) is an IOException, a failure like a wrong reply
                SmtpReply verdict = smtp.sendMessage("Message-ID: <" + id + ">\r\nSubject: fault " + id + "\r\nX-Seq: "
                        + id + "\r\n\r\n" + body(id));
                expect(id, verdict, 250);
                accepted.add(id);
                acceptedByPhase.merge(scriptPhase, 1, Integer::sum);
                smtp.command("QUIT");
            }
        }

        private void expect(String id, SmtpReply reply, int code) {
            if (reply.code() != code) {
                throw new IllegalStateException("expected " + code + ", got " + reply);
            }
        }
    }
}
