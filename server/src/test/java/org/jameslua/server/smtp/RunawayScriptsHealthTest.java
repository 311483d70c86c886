package org.jameslua.server.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.jameslua.server.JamesLuaServer;
import org.jameslua.server.testing.JamesLuaServerExtension;
import org.jameslua.server.testing.LuaScripts;
import org.jameslua.server.testing.MailFlow;
import org.jameslua.server.testing.RawSmtpClient;
import org.jameslua.server.testing.SmtpReply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * "Runaway scripts", seen from James: SMTPSVR.LUA callbacks that loop forever, grow a table, recurse without
 * end, sleep for hours, flood coroutines, blow up a pattern or a string, and wait on DNS and HTTP servers that
 * never answer, on several connections at once. Each session is answered (4xx, as {@code script.failure=tempfail}
 * says), and afterwards the in-process JVM is as healthy as before: no thread left behind (LuaJ runs each
 * coroutine on a thread of its own) and the heap back near its baseline once collected. The bounds are on
 * growth, generous, and never on time. (SmtpScriptFaultsTest covers mail flowing through failing scripts.)
 */
class RunawayScriptsHealthTest {
    private static final String HOST = "127.0.0.1";
    private static final String USER = JamesLuaServer.DEFAULT_USER_LOCAL_PART + "@" + JamesLuaServer.DEFAULT_DOMAIN;
    private static final String TEMP_FAIL = "451 4.3.0 Temporary local problem, please try again later";
    private static final int CONNECTIONS = 3;
    private static final long HEAP_GROWTH_BOUND = 64L * 1024 * 1024;
    private static final int THREAD_GROWTH_BOUND = 4;
    private static final Duration SETTLE = Duration.ofSeconds(30);
    private static final int WARM_UP_CONNECTIONS = 40;

    private static final String RUNAWAY = """
        function DoNOOP() while true do end end
        function DoRSET() local t = {} local i = 0 while true do i = i + 1 t[i] = string.rep("x", 100000) .. i end end
        function DoHELP(text) local function f(n) return f(n + 1) + 1 end return f(1) end
        function DoMAILFROM(data, from, params)
          if from:find("^sleep") then os.sleep(3600 * 1000) end
          while from:find("^http") do VPOP3Net.GetHTTP("http://127.0.0.1:%HTTP%/") end
          Bomb = from:find("^bomb") ~= nil
          return ""
        end
        function DoRCPTTO(data, rcpt, params, soFar)
          if rcpt:find("^flood") then
            for i = 1, 1000 do
              local co = coroutine.create(function() coroutine.yield() end)
              assert(coroutine.resume(co))
            end
          end
          if rcpt:find("^pattern") then return string.find(string.rep("a", 20000), ".-.-.-.-.-b") end
          return ""
        end
        function DoDATAStart(recipients)
          if Bomb then local s = "x" while true do s = s .. s end end
          return "354 go ahead", {}
        end
        function DoUnrecognised(line)
          while true do VPOP3Net.GetDNSRecords("example.com", 1, "127.0.0.1:%DNS%") end
        end
        function ProcessMessage(from, subject, recipients, actions, mime, size, attachments)
          local s = string.rep("x", 1024 * 1024) local t = {}
          while true do t[#t + 1] = s .. #t end
        end
        """;

    @RegisterExtension
    static JamesLuaServerExtension james =
            new JamesLuaServerExtension(builder -> builder.user("flood@example.local", JamesLuaServer.DEFAULT_PASSWORD)
                    .user("pattern@example.local", JamesLuaServer.DEFAULT_PASSWORD)
                    .packSetting("script.failure", "tempfail")
                    .packSetting("limit.time.ms", "500")
                    .packSetting("limit.memory.bytes", String.valueOf(64L * 1024 * 1024)));

    @Test
    void runawayCallbacksAreAnsweredAndLeaveNoThreadsOrHeapBehind(JamesLuaServer server) throws Exception {
        LuaScripts scripts = new LuaScripts(server.scriptsFolder());
        try (DatagramSocket silentDns = new DatagramSocket(0, InetAddress.getLoopbackAddress());
                SilentHttpServer silentHttp = new SilentHttpServer()) {
            scripts.install(RUNAWAY.replace("%HTTP%", String.valueOf(silentHttp.port()))
                    .replace("%DNS%", String.valueOf(silentDns.getLocalPort())));
            // a first round starts what James and the libraries start once (dnsjava's selector, ...), and more
            // connections start every thread of James's per-connection executors: a leak is what the second
            // round adds
            assertAnswered(inParallel(server.smtpPort(), RunawayScriptsHealthTest::runawaySession));
            openAndClose(server.smtpPort(), WARM_UP_CONNECTIONS);
            Set<String> threadsBefore = threadNames();
            long heapBefore = heapAfterGc();

            assertAnswered(inParallel(server.smtpPort(), RunawayScriptsHealthTest::runawaySession));
            scripts.install("-- no callbacks: James's own behaviour\n");

            // an allocating loop meets the memory bound first on an idle machine, the time bound on a busy one
            assertThat(scripts.errors())
                    .anyMatch(line -> line.contains("DoNOOP") && line.contains("[TIMEOUT]"))
                    .anyMatch(line -> line.contains("DoRSET") && stoppedByABound(line))
                    .anyMatch(line -> line.contains("DoHELP") && line.contains("stack overflow"))
                    .anyMatch(line -> line.contains("DoMAILFROM") && line.contains("[TIMEOUT]"))
                    .anyMatch(line -> line.contains("DoRCPTTO") && line.contains("coroutines alive"))
                    .anyMatch(line -> line.contains("DoDATAStart") && stoppedByABound(line))
                    .anyMatch(line -> line.contains("DoUnrecognised") && line.contains("[TIMEOUT]"))
                    .anyMatch(line -> line.contains("ProcessMessage") && stoppedByABound(line));

            Set<String> threadsAfter = awaitThreadsSettled(threadsBefore);
            long heapAfter = awaitHeapSettled(heapBefore);
            System.out.printf(
                    "Runaway scripts: threads %d before, %d after %s; heap after GC %d MiB before," + " %d MiB after%n",
                    threadsBefore.size(),
                    threadsAfter.size(),
                    added(threadsBefore, threadsAfter),
                    heapBefore >> 20,
                    heapAfter >> 20);
            assertThat(threadsAfter).noneMatch(name -> name.startsWith("Coroutine-"));
            assertThat(threadsAfter.size())
                    .as("threads now, besides those before: " + added(threadsBefore, threadsAfter))
                    .isLessThanOrEqualTo(threadsBefore.size() + THREAD_GROWTH_BOUND);
            assertThat(heapAfter - heapBefore).isLessThanOrEqualTo(HEAP_GROWTH_BOUND);
        }

        MailFlow mail = new MailFlow(server);
        mail.send("sender@client.example", List.of(USER), "Subject: after the runaways\r\n\r\nStill serving.\r\n");
        mail.awaitSingle(USER, "after the runaways", Map.of(USER, 1));
    }

    private static void assertAnswered(List<String> replies) {
        assertThat(replies)
                .as("every runaway callback answered 451")
                .hasSize(CONNECTIONS * 7)
                .allMatch(TEMP_FAIL::equals);
    }

    /**
     * The callbacks that run away and answer 451; returns those replies. HELP, RSET and the unrecognised
     * command run away too; James has already done what they ask, so only their form is checked.
     */
    private static List<String> runawaySession(RawSmtpClient smtp) throws IOException {
        List<String> replies = new ArrayList<>();
        replies.add(reply(smtp.command("NOOP")));
        wellFormed(smtp.command("RSET"));
        wellFormed(smtp.command("HELP"));
        replies.add(reply(smtp.command("MAIL FROM:<sleep@client.example>")));
        replies.add(reply(smtp.command("MAIL FROM:<http@client.example>")));
        assertThat(smtp.command("MAIL FROM:<bomb@client.example>").code()).isEqualTo(250);
        replies.add(reply(smtp.command("RCPT TO:<flood@example.local>")));
        replies.add(reply(smtp.command("RCPT TO:<pattern@example.local>")));
        assertThat(smtp.command("RCPT TO:<" + USER + ">").code()).isEqualTo(250);
        replies.add(reply(smtp.command("DATA")));
        wellFormed(smtp.command("FOO"));
        wellFormed(smtp.command("RSET"));
        assertThat(smtp.command("MAIL FROM:<a@client.example>").code()).isEqualTo(250);
        assertThat(smtp.command("RCPT TO:<" + USER + ">").code()).isEqualTo(250);
        assertThat(smtp.command("DATA").code()).isEqualTo(354);
        replies.add(reply(smtp.sendMessage("Subject: runaway\r\n\r\nbody\r\n")));
        return replies;
    }

    private static void wellFormed(SmtpReply reply) {
        assertThat(reply.lines()).allMatch(line -> line.matches("[2-5]\\d\\d([ -].*)?"));
    }

    private static String reply(SmtpReply reply) {
        return String.join("\n", reply.lines());
    }

    /** Runs a session on each of several connections at once; returns what they collected. */
    private static List<String> inParallel(int port, Session session) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(CONNECTIONS);
        List<String> collected = new CopyOnWriteArrayList<>();
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int i = 0; i < CONNECTIONS; i++) {
                running.add(clients.submit(() -> {
                    try (RawSmtpClient smtp = RawSmtpClient.connect(HOST, port)) {
                        smtp.readReply();
                        assertThat(smtp.command("EHLO client.example").code()).isEqualTo(250);
                        collected.addAll(session.run(smtp));
                        smtp.command("QUIT");
                    }
                    return null;
                }));
            }
            for (Future<?> client : running) {
                client.get(2, TimeUnit.MINUTES);
            }
        } finally {
            clients.shutdownNow();
            assertThat(clients.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }
        return collected;
    }

    /** Connections that do nothing: each new one gets the next thread of James's executor groups. */
    private static void openAndClose(int port, int connections) throws IOException {
        for (int i = 0; i < connections; i++) {
            try (RawSmtpClient smtp = RawSmtpClient.connect(HOST, port)) {
                smtp.readReply();
                smtp.command("QUIT");
            }
        }
    }

    private static Set<String> threadNames() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .map(Thread::getName)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static List<String> added(Set<String> before, Set<String> after) {
        return after.stream().filter(name -> !before.contains(name)).toList();
    }

    /** The live threads once no coroutine thread is left and the count is within bounds, or when the wait ends. */
    private static Set<String> awaitThreadsSettled(Set<String> before) throws InterruptedException {
        long deadline = System.nanoTime() + SETTLE.toNanos();
        Set<String> now = threadNames();
        while (System.nanoTime() < deadline
                && (now.stream().anyMatch(name -> name.startsWith("Coroutine-"))
                        || now.size() > before.size() + THREAD_GROWTH_BOUND)) {
            Thread.sleep(200);
            now = threadNames();
        }
        return now;
    }

    private static long heapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** The heap used after a collection, once within bounds of the baseline, or when the wait ends. */
    private static long awaitHeapSettled(long before) throws InterruptedException {
        long deadline = System.nanoTime() + SETTLE.toNanos();
        long now = heapAfterGc();
        while (System.nanoTime() < deadline && now - before > HEAP_GROWTH_BOUND) {
            Thread.sleep(500);
            now = heapAfterGc();
        }
        return now;
    }

    @FunctionalInterface
    private interface Session {
        List<String> run(RawSmtpClient smtp) throws IOException;
    }

    private static boolean stoppedByABound(String errorLine) {
        return errorLine.contains("[MEMORY]") || errorLine.contains("[TIMEOUT]");
    }

    /** Accepts connections and never answers, holding them open until closed. */
    private static final class SilentHttpServer implements AutoCloseable {
        private final ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        private final List<Socket> accepted = new CopyOnWriteArrayList<>();
        private final Thread acceptor = new Thread(this::acceptForever, "silent-http");

        SilentHttpServer() throws IOException {
            acceptor.setDaemon(true);
            acceptor.start();
        }

        int port() {
            return socket.getLocalPort();
        }

        private void acceptForever() {
            try {
                while (true) {
                    accepted.add(socket.accept());
                }
            } catch (IOException closed) {
                // the test is over
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
            for (Socket connection : accepted) {
                connection.close();
            }
        }
    }
}
