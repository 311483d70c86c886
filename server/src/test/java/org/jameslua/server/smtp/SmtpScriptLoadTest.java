package org.jameslua.server.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jameslua.server.JamesLuaServer;
import org.jameslua.server.testing.JamesLuaServerExtension;
import org.jameslua.server.testing.LuaScripts;
import org.jameslua.server.testing.RawSmtpClient;
import org.jameslua.server.testing.SmtpReply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * "Load": 200 SMTP sessions open at once, each with its own SMTPSVR.LUA instance keeping and checking state of
 * its own. Afterwards every instance has ended (End() printed as often as Start()), the JVM has no more threads
 * than before and, measured after GC, the heap is back near where it was: sessions that left their instances
 * behind would keep the heap the open sessions held. The heap held per open session is printed.
 */
class SmtpScriptLoadTest {
    private static final String HOST = "127.0.0.1";
    private static final int SESSIONS = 200;
    private static final int NOOPS = 5;
    private static final Duration HOLD = Duration.ofSeconds(3);
    private static final int THREAD_TOLERANCE = 10;
    /** heap noise after GC that is not the sessions' own: caches, buffers, the test's own objects */
    private static final long HEAP_TOLERANCE = 8L * 1024 * 1024;

    /**
     * Each instance remembers who it greeted and how many NOOPs it answered, and fails if that is ever wrong. Its
     * ballast makes the heap the open sessions hold (200 x 128 KiB) larger than the heap's own noise.
     */
    private static final String PER_SESSION = """
        local host = nil
        local noops = 0
        local ballast = string.rep("x", 128 * 1024)
        function Start() print("start") return "" end
        function DoHELO(name, refuse, ehlo)
          if host ~= nil then error("second greeting in one instance: " .. host .. " then " .. name) end
          host = name
          return false, ""
        end
        function DoNOOP()
          if host == nil then error("NOOP before any greeting") end
          noops = noops + 1
          return "250 2.0.0 " .. host .. " " .. noops
        end
        function End() print("end " .. tostring(host) .. " " .. noops .. " " .. #ballast) end
        """;

    @RegisterExtension
    static JamesLuaServerExtension james =
            new JamesLuaServerExtension(builder -> builder.authorizedAddresses("192.0.2.0/24"));

    @Test
    void twoHundredSessionsEachKeepTheirOwnStateAndLeaveNothingBehind(JamesLuaServer server) throws Exception {
        LuaScripts scripts = new LuaScripts(server.scriptsFolder());
        scripts.install(PER_SESSION);
        // a first round lets James, Netty and the pack create the threads and caches they keep
        runSessions(server, "warmup", Duration.ZERO, () -> {});
        awaitEveryInstanceEnded(scripts, SESSIONS);

        int threadsBefore = settledThreadCount();
        long heapBefore = usedHeapAfterGc();
        long[] heapWhileOpen = new long[1];
        runSessions(server, "load", HOLD, () -> heapWhileOpen[0] = usedHeapAfterGc());
        awaitEveryInstanceEnded(scripts, 2 * SESSIONS);

        assertThat(scripts.errors()).isEmpty();
        // a busy machine overlaps more sessions' commands than the warm-up did, so the pack's workers may have grown
        // beyond it: an idle worker ends after a minute (SessionWorkers), which a leak would not
        await().atMost(Duration.ofSeconds(75))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> threadCount() <= threadsBefore + THREAD_TOLERANCE);
        // the measure can tell: the open sessions held more than the noise
        assertThat(heapWhileOpen[0] - heapBefore)
                .as("heap the open sessions held")
                .isGreaterThan(2 * HEAP_TOLERANCE);
        // half of what the open sessions held, so that a leak of their instances cannot hide in the tolerance
        long heapAllowed = heapBefore + Math.max(HEAP_TOLERANCE, (heapWhileOpen[0] - heapBefore) / 2);
        long heapAfter = await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(500))
                .until(SmtpScriptLoadTest::usedHeapAfterGc, heap -> heap <= heapAllowed);
        double perSessionKiB = (heapWhileOpen[0] - heapBefore) / 1024.0 / SESSIONS;
        System.out.printf(
                "Load: %d sessions open at once; heap %d KiB before, %d KiB with all open (about %.1f KiB"
                        + " a session), %d KiB after; threads %d before, %d after%n",
                SESSIONS,
                heapBefore / 1024,
                heapWhileOpen[0] / 1024,
                perSessionKiB,
                heapAfter / 1024,
                threadsBefore,
                threadCount());
    }

    /**
     * Opens {@link #SESSIONS} sessions, each greeting with its own name and checking the script's count of its
     * NOOPs; once all are open, runs {@code whileOpen}, keeps them going for {@code hold}, then quits them all.
     */
    private static void runSessions(JamesLuaServer server, String round, Duration hold, Runnable whileOpen)
            throws Exception {
        CountDownLatch open = new CountDownLatch(SESSIONS);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService clients = Executors.newFixedThreadPool(SESSIONS);
        List<Future<?>> sessions = new ArrayList<>();
        try {
            for (int i = 0; i < SESSIONS; i++) {
                String name = round + i + ".load.test";
                sessions.add(clients.submit(() -> session(server, name, hold, open, release)));
            }
            assertThat(open.await(60, TimeUnit.SECONDS))
                    .as("every session open")
                    .isTrue();
            whileOpen.run();
            release.countDown();
            for (Future<?> session : sessions) {
                session.get(60, TimeUnit.SECONDS);
            }
        } finally {
            release.countDown();
            clients.shutdownNow();
            assertThat(clients.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        }
    }

    private static Void session(
            JamesLuaServer server, String name, Duration hold, CountDownLatch open, CountDownLatch release)
            throws IOException, InterruptedException {
        try (RawSmtpClient smtp =
                RawSmtpClient.connect(HOST, server.smtpPort(), Duration.ofSeconds(30), Duration.ofSeconds(30))) {
            expectCode(smtp.readReply(), 220);
            expectCode(smtp.command("EHLO " + name), 250);
            int noops = 0;
            expectNoop(smtp, name, ++noops);
            open.countDown();
            release.await();
            long until = System.nanoTime() + hold.toNanos();
            while (noops < NOOPS || System.nanoTime() < until) {
                expectNoop(smtp, name, ++noops);
                Thread.sleep(100);
            }
            expectCode(smtp.command("QUIT"), 221);
        }
        return null;
    }

    private static void expectNoop(RawSmtpClient smtp, String name, int count) throws IOException {
        assertThat(smtp.command("NOOP").lines()).containsExactly("250 2.0.0 " + name + " " + count);
    }

    private static void expectCode(SmtpReply reply, int code) {
        assertThat(reply.code()).as(reply.toString()).isEqualTo(code);
    }

    private static void awaitEveryInstanceEnded(LuaScripts scripts, int sessions) throws IOException {
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(250))
                .untilAsserted(() -> {
                    List<String> lines = scripts.luaOut().lines().toList();
                    long starts =
                            lines.stream().filter(line -> line.equals("start")).count();
                    long ends = lines.stream()
                            .filter(line -> line.startsWith("end "))
                            .count();
                    assertThat(starts).isEqualTo(sessions);
                    assertThat(ends).isEqualTo(starts);
                });
        // every instance that ended had been greeted by its own session and counted that session's NOOPs
        assertThat(scripts.luaOut().lines().filter(line -> line.startsWith("end ")))
                .allMatch(line -> line.matches("end \\w+\\d+\\.load\\.test \\d+ 131072"));
    }

    /** The thread count once it has stopped falling, so threads finishing their work are not counted. */
    private static int settledThreadCount() throws InterruptedException {
        int previous = Integer.MAX_VALUE;
        int current = threadCount();
        for (int i = 0; i < 20 && current < previous; i++) {
            Thread.sleep(250);
            previous = current;
            current = threadCount();
        }
        return current;
    }

    private static int threadCount() {
        return ManagementFactory.getThreadMXBean().getThreadCount();
    }

    /** Best effort: System.gc() is a request, so it is asked for a few times before reading the heap. */
    private static long usedHeapAfterGc() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return memory.getHeapMemoryUsage().getUsed();
    }
}
