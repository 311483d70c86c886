package org.jameslua.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.net.ssl.SSLSocketFactory;
import org.jameslua.server.testing.DnsBlocklistStub;
import org.jameslua.server.testing.HeldDnsServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's deployment on James's own memory distribution: James 3.8.1 as Maven Central has it, with this
 * test's ports, deployed into by {@code deploy-to-james.sh} with the built jar, started as operators start it,
 * and seen from outside only, over SMTP, IMAP, webadmin and JMX.
 */
class DeployedDistributionTest {
    private static final Path DISTRIBUTION = Path.of(property("jameslua.distribution"));
    private static final Path JAR = Path.of(property("jameslua.extension.jar"));
    private static final Path REPOSITORY = Path.of(property("jameslua.repository"));
    /** Where the Java James really ran on is written, for {@code run-tests.sh}. */
    private static final Path JAVA_RECORD = Path.of(property("jameslua.james.java.record"));

    private static final String DOMAIN = "example.local";
    private static final String BOB = "bob@" + DOMAIN;
    private static final String CAROL = "carol@" + DOMAIN;
    /** A sender SIGNATURE.LUA's sample signs for. */
    private static final String SALES = "sales@" + DOMAIN;
    /** The POP3 account FetchMail collects for Carol, on James's own POP3 server. */
    private static final String CAROLS_ISP_BOX = "carol.isp@" + DOMAIN;

    private static final String PASSWORD = "Rain-Over-Paris-42";
    private static final Duration DELIVERY = Duration.ofSeconds(20);
    /** What each RemoteDelivery delivers at once: the Reactor bounded elastic size {@link JamesProcess} sets. */
    private static final int DELIVERY_THREADS = JamesProcess.BOUNDED_ELASTIC_SIZE;

    @TempDir
    static Path work;

    private static Path james;
    private static LoopbackConf ports;
    private static JamesProcess process;
    private static JamesRuntime runtime;
    private static HeldSmtpServer relayTarget;
    /** The pack's DNS server (dns.servers): a blocklist that lists no one. */
    private static DnsBlocklistStub blocklist;

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void deployAndStart() throws Exception {
        assertThat(new DistributionFolder(DISTRIBUTION).missingLibraries())
                .as(
                        "libraries the manifest Class-Path of %s names but %s lacks (see the distribution module)",
                        DistributionFolder.JAR, DISTRIBUTION)
                .isEmpty();
        assertThat(JAR).isRegularFile();

        james = new DistributionFolder(DISTRIBUTION).copyTo(work.resolve("james"));
        ports = LoopbackConf.apply(james, JamesProcess.java());
        DeployScript deployed = DeployScript.run(REPOSITORY, james, JAR);
        assertThat(deployed.exitCode)
                .as("deploy-to-james.sh said:\n%s", deployed.output)
                .isZero();
        relayTarget = HeldSmtpServer.start();
        RelayGateway.pointEveryRemoteDeliveryAt(james, relayTarget.port());
        FetchingConf.apply(james, DOMAIN, CAROLS_ISP_BOX, PASSWORD, CAROL);
        // on loopback, as CI has no network: the RBL lookups a script asks for in Start() get their answer at once
        blocklist = new DnsBlocklistStub();
        PackSettingsFile.set(james, "dns.servers", blocklist.address());

        process = JamesProcess.start(james, ports.webadmin);
        try (JamesJmx jmx = JamesJmx.connect(james, ports.jmx)) {
            runtime = JamesRuntime.of(jmx);
        }
        runtime.recordIn(JAVA_RECORD);
        assertAnswered(webadmin("PUT", "/domains/" + DOMAIN, null), 204);
        for (String user : List.of(BOB, CAROL, CAROLS_ISP_BOX, SALES)) {
            assertAnswered(webadmin("PUT", "/users/" + user, "{\"password\":\"" + PASSWORD + "\"}"), 204);
        }
    }

    @AfterAll
    static void stop() throws IOException {
        if (process != null) {
            process.close();
        }
        if (relayTarget != null) {
            relayTarget.close();
        }
        if (blocklist != null) {
            blocklist.close();
        }
    }

    /**
     * James runs on the Java the build named, and on the feature release it requires ({@code -Djames.java.required},
     * 11 in CI): a start that fell back to another Java would prove nothing about the one operators run.
     */
    @Test
    void jamesRunsOnTheJavaTheBuildNamed() throws IOException {
        Optional<Path> named = JamesProcess.javaHome();
        if (named.isPresent()) {
            assertThat(runtime.home.toRealPath())
                    .as("%s", runtime)
                    .isEqualTo(named.get().toRealPath());
        }
        Optional<String> required = JamesProcess.requiredRelease();
        if (required.isPresent()) {
            assertThat(runtime.specificationVersion)
                    .as("the feature release of %s", runtime)
                    .isEqualTo(required.get());
        }
    }

    @Test
    void jamesLoadsThePackFromExtensionsJarsAndLogsItsInfoLines() {
        assertThat(james.resolve("extensions-jars").resolve(JAR.getFileName())).isRegularFile();
        // an INFO line of the pack: James's own logback.xml drops those without the logger the script adds
        assertThat(process.output()).contains("Lua scripts folder: ./conf/lua");
    }

    @Test
    void theSmtpScriptAnswersHelpOnThePortTheOperatorChose() throws IOException {
        try (SmtpDialogue smtp = SmtpDialogue.greeted(ports.smtp)) {
            assertThat(smtp.command("HELP"))
                    .containsExactly(
                            "214-This server runs james-lua, VPOP3-style Lua scripts for Apache James",
                            "214 Write to the postmaster for help");
        }
    }

    /**
     * A pipelining client gets a reply to each command, in order, when a command the sample script answers (HELO,
     * EHLO, HELP: on the pack's worker) comes in one packet with one James answers on its I/O thread (NOOP, QUIT): the
     * worker's reply, still on its way to the wire, was overtaken or lost when QUIT closed the connection first.
     */
    @Test
    void pipelinedCommandsAreAnsweredInOrderWhenOnlySomeRunTheScript() throws IOException {
        for (int session = 0; session < 100; session++) {
            try (SmtpDialogue smtp = SmtpDialogue.connected(ports.smtp)) {
                List<List<String>> replies = smtp.pipelined("HELO", "NOOP", "HELP", "QUIT");

                assertThat(replies)
                        .as("session " + session)
                        .satisfiesExactly(
                                helo -> assertThat(helo)
                                        .singleElement()
                                        .asString()
                                        .startsWith("501"),
                                noop -> assertThat(noop)
                                        .singleElement()
                                        .asString()
                                        .startsWith("250"),
                                help -> assertThat(help)
                                        .last()
                                        .asString()
                                        .isEqualTo("214 Write to the postmaster for help"),
                                quit -> assertThat(quit)
                                        .singleElement()
                                        .asString()
                                        .startsWith("221"));
            }
        }
    }

    /**
     * Clients that reset the connection as soon as they read QUIT's 221, while the pack's worker may still be in
     * James's handler (EHLO and QUIT pipelined: QUIT waits behind DoHELO, on the worker), give back every buffer
     * they were read into. James tore the pipeline down under the worker and its handler threw before releasing the
     * line: one pooled buffer lost for good per such session. James runs with Netty's paranoid leak detection
     * ({@link JamesProcess}), which logs a buffer collected without being released.
     */
    @Test
    void sessionsResetUnderTheWorkerLoseNoBuffer() throws Exception {
        for (int session = 0; session < 200; session++) {
            try (Socket socket = new Socket(LoopbackConf.HOST, ports.smtp)) {
                socket.setSoLinger(true, 0);
                BufferedReader in =
                        new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
                assertThat(in.readLine()).startsWith("220");
                socket.getOutputStream().write("EHLO client.example\r\nQUIT\r\n".getBytes(StandardCharsets.US_ASCII));
                String line = "";
                while (session % 2 == 0 && line != null && !line.startsWith("221")) {
                    line = in.readLine();
                }
                // closed with SO_LINGER 0: a reset, at once (every other session before QUIT's reply came)
            }
        }
        try (JamesJmx jmx = JamesJmx.connect(james, ports.jmx)) {
            MemoryMXBean memory = ManagementFactory.newPlatformMXBeanProxy(
                    jmx.beans(), ManagementFactory.MEMORY_MXBEAN_NAME, MemoryMXBean.class);
            // Netty reports a lost buffer once it is collected, at a later allocation
            for (int round = 0; round < 3; round++) {
                memory.gc();
                try (SmtpDialogue smtp = SmtpDialogue.connected(ports.smtp)) {
                    assertThat(smtp.command("NOOP")).singleElement().asString().startsWith("250");
                }
            }
        }

        // the reports are written by James's threads as they find them
        await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(process.output()).doesNotContain("LEAK:"));
    }

    /**
     * STARTTLS on the submission port, with a client that starts its handshake as soon as the 220 arrives, as most
     * do: every attempt gets TLS (on Java 11, James's command reader took about one such handshake in three for a
     * command injected after STARTTLS, and closed the connection).
     */
    @Test
    void everyStartTlsOnTheSubmissionPortGetsTls() throws Exception {
        SSLSocketFactory tls = AnyCertificate.trusted();
        for (int attempt = 0; attempt < 20; attempt++) {
            try (SmtpDialogue plain = SmtpDialogue.greeted(ports.submission)) {
                assertThat(plain.command("STARTTLS")).first().asString().startsWith("220");
                try (SmtpDialogue secure = plain.overTls(tls)) {
                    assertThat(secure.command("NOOP")).first().asString().startsWith("250");
                }
            }
        }
    }

    @Test
    void theSmtpScriptRefusesAProgramAttached() throws IOException {
        try (SmtpDialogue smtp = SmtpDialogue.greeted(ports.smtp)) {
            assertThat(smtp.send(
                            "alice@client.example",
                            BOB,
                            String.join(
                                    "\n",
                                    "Subject: the installer",
                                    "MIME-Version: 1.0",
                                    "Content-Type: multipart/mixed; boundary=\"b1\"",
                                    "",
                                    "--b1",
                                    "Content-Type: text/plain",
                                    "",
                                    "here it is",
                                    "--b1",
                                    "Content-Type: application/octet-stream; name=\"setup.exe\"",
                                    "Content-Disposition: attachment; filename=\"setup.exe\"",
                                    "Content-Transfer-Encoding: base64",
                                    "",
                                    "TVqQAAMAAAAEAAAA",
                                    "--b1--")))
                    .containsExactly("550 5.7.1 Programs are not accepted by mail (setup.exe)");
        }
        assertThat(Files.readString(james.resolve("conf/lua/LUA.OUT"))).contains("setup.exe");
    }

    /** SIGNATURE.LUA on mail sent authenticated, over STARTTLS: the sample signs the sales team's mail. */
    @Test
    void theSignatureScriptSignsMailSentAuthenticated() throws Exception {
        try (SmtpDialogue secure = authenticatedOnSubmission(SALES)) {
            assertThat(secure.send(SALES, CAROL, "Subject: our quote\n\nthe quote"))
                    .first()
                    .asString()
                    .startsWith("250");
        }

        assertThat(awaitMessage(CAROL, "Subject: our quote"))
                .contains("the quote\r\n-- \r\nSales, Example Ltd - +44 20 7946 0000");
    }

    /** AuthenticatedUser (beyond the manual) in SMTPSVR.LUA, edited while James runs: "" for a stranger, then the user. */
    @Test
    void theSmtpScriptSeesWhoTheClientAuthenticatedAs() throws Exception {
        Path script = james.resolve("conf/lua/SMTPSVR.LUA");
        String sample = Files.readString(script);
        try {
            Files.writeString(
                    script,
                    sample + "\nfunction DoMAILFROM(data, from, params)\n"
                            + "  return \"250 2.1.0 Sender OK, authenticated as [\" .. AuthenticatedUser .. \"]\"\n"
                            + "end\n");
            try (SmtpDialogue smtp = SmtpDialogue.greeted(ports.smtp)) {
                assertThat(smtp.command("MAIL FROM:<alice@client.example>"))
                        .containsExactly("250 2.1.0 Sender OK, authenticated as []");
            }
            try (SmtpDialogue secure = authenticatedOnSubmission(SALES)) {
                assertThat(secure.command("MAIL FROM:<" + SALES + ">"))
                        .containsExactly("250 2.1.0 Sender OK, authenticated as [" + SALES + "]");
            }
        } finally {
            Files.writeString(script, sample);
        }
    }

    /**
     * A client that sends commands and never reads their replies (6 bytes of HELP for 4 KiB of DoHELP's reply, in an
     * SMTPSVR.LUA edited while James runs) is no longer served once its replies fill the connection: DoHELP's calls,
     * over JMX, stop well short of the commands sent, where James kept serving and holding every reply. Once the
     * client reads, every command gets its reply.
     */
    @Test
    void aClientThatDoesNotReadItsRepliesIsNotServedUntilItDoes() throws Exception {
        int commands = 4_000;
        Path script = james.resolve("conf/lua/SMTPSVR.LUA");
        String sample = Files.readString(script);
        try (JamesJmx jmx = JamesJmx.connect(james, ports.jmx)) {
            Files.writeString(
                    script,
                    "function DoHELP() return string.rep('214-' .. string.rep('x', 250) .. '\\r\\n', 16) .. '214 end'"
                            + " end\n");
            ObjectName calls = new ObjectName("metrics:name=luapack.SMTPSVR.DoHELP.calls,type=meters");
            try (Socket socket = new Socket()) {
                socket.setReceiveBufferSize(65_536);
                socket.connect(new java.net.InetSocketAddress(LoopbackConf.HOST, ports.smtp));
                socket.setSoTimeout(60_000);
                BufferedReader in =
                        new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
                assertThat(in.readLine()).startsWith("220");
                long before = helpCalls(jmx, calls);
                socket.getOutputStream().write("HELP\r\n".repeat(commands).getBytes(StandardCharsets.US_ASCII));

                // served until its replies filled the loopback connection's buffers (4 MiB here, about 1,000)
                long served = before - 1;
                long now = helpCalls(jmx, calls);
                while (now != served) {
                    served = now;
                    Thread.sleep(3_000);
                    now = helpCalls(jmx, calls);
                }
                assertThat(served - before).isLessThan(commands * 5 / 8);

                for (int command = 0; command < commands; command++) {
                    String line;
                    do {
                        line = in.readLine();
                        assertThat(line).startsWith("214");
                    } while (line.charAt(3) == '-');
                }
                assertThat(helpCalls(jmx, calls) - before).isEqualTo(commands);
            }
        } finally {
            Files.writeString(script, sample);
        }
    }

    private static long helpCalls(JamesJmx jmx, ObjectName calls) throws Exception {
        try {
            return (Long) jmx.beans().getAttribute(calls, "Count");
        } catch (javax.management.InstanceNotFoundException e) {
            return 0;
        }
    }

    /**
     * An SMTPSVR.LUA without ProcessMessage, edited while James runs: the end of a message is James's own work on its
     * I/O thread, as on stock James, and no part of the session goes to the pack's workers (their hand-offs, over JMX,
     * do not move); the mail is delivered once.
     */
    @Test
    void aMessageEndsOnJamesIoThreadWhenTheScriptDefinesNoProcessMessage() throws Exception {
        Path script = james.resolve("conf/lua/SMTPSVR.LUA");
        String sample = Files.readString(script);
        try {
            Files.writeString(script, "function DoHELP(text) return \"\" end\n");
            // the first connection after the edit compiles the script, on a worker
            sendTo(BOB, "Subject: compiles the edit\n\nhello\n");
            try (JamesJmx jmx = JamesJmx.connect(james, ports.jmx)) {
                ObjectName handOffs = new ObjectName("metrics:name=luapack.smtp.handoffs,type=meters");
                long before = (Long) jmx.beans().getAttribute(handOffs, "Count");

                sendTo(BOB, "Subject: ends on the I/O thread\n\nhello\n");

                assertThat((Long) jmx.beans().getAttribute(handOffs, "Count")).isEqualTo(before);
            }
            assertThat(awaitMessage(BOB, "Subject: ends on the I/O thread")).contains("hello");
        } finally {
            Files.writeString(script, sample);
        }
    }

    private static void sendTo(String recipient, String message) throws IOException {
        try (SmtpDialogue smtp = SmtpDialogue.greeted(ports.smtp)) {
            assertThat(smtp.send("alice@client.example", recipient, message))
                    .first()
                    .asString()
                    .startsWith("250");
        }
    }

    /** A session on the submission port, over STARTTLS, authenticated as {@code user} (whose password is PASSWORD). */
    private static SmtpDialogue authenticatedOnSubmission(String user) throws IOException, GeneralSecurityException {
        String credentials =
                Base64.getEncoder().encodeToString(("\0" + user + "\0" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        SmtpDialogue plain = SmtpDialogue.greeted(ports.submission);
        assertThat(plain.command("STARTTLS")).first().asString().startsWith("220");
        // closing the TLS session closes the connection under it
        SmtpDialogue secure = plain.overTls(AnyCertificate.trusted());
        assertThat(secure.command("AUTH PLAIN " + credentials))
                .first()
                .asString()
                .startsWith("235");
        return secure;
    }

    /** ERRORS.LUA on mail the relay server refuses: the sender gets the sample's notice, with the server's reply. */
    @Test
    void theErrorsScriptTellsTheSenderOfMailTheRelayRefused() throws IOException {
        try (SmtpDialogue smtp = SmtpDialogue.greeted(ports.smtp)) {
            assertThat(smtp.send(CAROL, HeldSmtpServer.REFUSED + "@remote.example", "Subject: to nobody\n\nlost\n"))
                    .first()
                    .asString()
                    .startsWith("250");
        }

        assertThat(awaitMessage(CAROL, "Subject: Message delivery failed"))
                .contains("X-James-Lua-Notice: ERRORS.LUA")
                .contains("(subject \"to nobody\") could not be delivered")
                .contains("550 5.1.1 no such user here");
    }

    @Test
    void theRoutingScriptTagsBulkMailReadOverImap() throws IOException {
        try (SmtpDialogue smtp = SmtpDialogue.greeted(ports.smtp)) {
            assertThat(smtp.send("news@client.example", CAROL, "Subject: weekly news\nPrecedence: bulk\n\nnews\n"))
                    .first()
                    .asString()
                    .startsWith("250");
        }
        assertThat(awaitMessage(CAROL, "Subject: weekly news")).contains("X-Bulk: yes");
    }

    /**
     * The pack's FetchMail on the real distribution: mail of a POP3 account reaches its recipient through
     * POP3CLT.LUA, whose sample marks mailing-list mail.
     */
    @Test
    void fetchMailCollectsAPop3AccountThroughThePop3ClientScript() throws IOException {
        assertThat(process.output()).contains("FetchMail task " + FetchingConf.TASK + " runs every 1000 ms");
        try (SmtpDialogue smtp = SmtpDialogue.greeted(ports.smtp)) {
            assertThat(smtp.send(
                            "list@client.example",
                            CAROLS_ISP_BOX,
                            "Subject: fetched from the isp\nList-Id: <news.client.example>\n\nnews\n"))
                    .first()
                    .asString()
                    .startsWith("250");
        }

        String fetched = awaitMessage(CAROL, "Subject: fetched from the isp");

        assertThat(fetched).contains("X-fetched-from: " + FetchingConf.TASK).contains("X-Mailing-List: yes");
    }

    @Test
    void aUserForwardSetOverImapSendsACopy() throws IOException {
        try (ImapSession imap = ImapSession.login(ports.imap, BOB, PASSWORD)) {
            imap.setMetadata("INBOX", "/private/vendor/jameslua/forwards", CAROL);
        }
        try (SmtpDialogue smtp = SmtpDialogue.greeted(ports.smtp)) {
            assertThat(smtp.send("alice@client.example", BOB, "Subject: for bob\n\nhello bob\n"))
                    .first()
                    .asString()
                    .startsWith("250");
        }
        assertThat(awaitMessage(BOB, "Subject: for bob")).contains("hello bob");
        assertThat(awaitMessage(CAROL, "Subject: for bob")).contains("hello bob");
    }

    @Test
    void thePasswordScriptRefusesAShortPasswordOverWebadmin() throws Exception {
        HttpResponse<String> refused = webadmin("PUT", "/users/dave@" + DOMAIN, "{\"password\":\"short\"}");
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("refused by PASSWORDCHECK.LUA (shorter than the minimum of 8 characters)");
        HttpResponse<String> oneKind =
                webadmin("PUT", "/users/dave@" + DOMAIN, "{\"password\":\"onlylowercaseletters\"}");
        assertThat(oneKind.statusCode()).isEqualTo(400);
        assertThat(oneKind.body())
                .contains("refused by PASSWORDCHECK.LUA (use at least three of: lower case, upper case, digits, other"
                        + " characters)");
        assertThat(webadmin("GET", "/users", null).body()).doesNotContain("dave@");
    }

    @Test
    void theScriptsStateIsOnWebadmin() throws Exception {
        try (SmtpDialogue smtp = SmtpDialogue.greeted(ports.smtp)) {
            smtp.command("HELP");
        }

        HttpResponse<String> scripts = webadmin("GET", "/james-lua/scripts", null);

        assertAnswered(scripts, 200);
        assertThat(scripts.body())
                .contains("{\"name\":\"SMTPSVR.LUA\",\"versionInUse\":\"")
                .containsPattern("\"DoHELP\":\\{\"calls\":[1-9]");
    }

    @Test
    void theScriptsMetricsAreJamesMetricsOverJmx() throws Exception {
        try (SmtpDialogue smtp = SmtpDialogue.greeted(ports.smtp)) {
            smtp.command("HELP");
        }
        try (JamesJmx jmx = JamesJmx.connect(james, ports.jmx)) {
            MBeanServerConnection beans = jmx.beans();
            assertThat((Long) beans.getAttribute(
                            new ObjectName("metrics:name=luapack.SMTPSVR.DoHELP.calls,type=meters"), "Count"))
                    .isPositive();
            assertThat((Long) beans.getAttribute(
                            new ObjectName("metrics:name=luapack.SMTPSVR.DoHELP.time,type=timers"), "Count"))
                    .isPositive();
        }
    }

    /**
     * MXOUT.LUA's Priority on the sample mailetcontainer.xml: bulk mail (Priority 10) in relay-low, urgent mail
     * (X-Priority: 1, Priority 100) in relay-high, each class with its own RemoteDelivery and queue. The slow
     * server holds every delivery it gets, so the low class's delivery threads stay busy with the first of the
     * 200 bulk mails while the rest wait in its queue; the urgent mail, sent after them all, still arrives.
     */
    @Test
    void anUrgentMailOvertakesABacklogOfBulkMailOnASlowServer() throws Exception {
        int backlog = 200;
        try (SmtpDialogue smtp = SmtpDialogue.greeted(ports.smtp)) {
            for (int i = 0; i < backlog; i++) {
                assertThat(smtp.send(
                                BOB,
                                "reader" + i + "@remote.example",
                                "Subject: bulk " + i + "\nPrecedence: bulk\n\nthis week's news\n"))
                        .first()
                        .asString()
                        .startsWith("250");
            }
        }
        await("all bulk mail in relay-low's queue")
                .atMost(DELIVERY)
                .until(() -> queueSize("outgoing-low"), size -> size == backlog);
        await("the low class's delivery threads all busy")
                .atMost(DELIVERY)
                .until(() -> relayTarget.arrived().size(), arrived -> arrived == DELIVERY_THREADS);

        try (SmtpDialogue smtp = SmtpDialogue.greeted(ports.smtp)) {
            assertThat(smtp.send(BOB, "boss@remote.example", "Subject: urgent\nX-Priority: 1\n\ncall me\n"))
                    .first()
                    .asString()
                    .startsWith("250");
        }
        await("the urgent mail at the slow server")
                .atMost(DELIVERY)
                .until(() -> relayTarget.arrived().contains("urgent"));

        assertThat(relayTarget.arrived())
                .as("bulk mail taken before the urgent one")
                .hasSize(DELIVERY_THREADS + 1)
                .endsWith("urgent");
        assertThat(relayTarget.accepted()).isEmpty();
        assertThat(queueSize("outgoing-low")).isEqualTo(backlog);

        relayTarget.release();
        await("every mail delivered")
                .atMost(DELIVERY.multipliedBy(3))
                .until(() -> relayTarget.accepted().size(), accepted -> accepted == backlog + 1);
        assertThat(relayTarget.accepted()).doesNotHaveDuplicates();
        await("relay-low's queue empty").atMost(DELIVERY).until(() -> queueSize("outgoing-low"), size -> size == 0);
    }

    /**
     * The isolation the pack promises, on the real distribution and the Java operators run it on: SMTPSVR.LUA, edited
     * while James runs, spins for one client in DoHELO and for another in ProcessMessage until each call's 10 s bound,
     * and fills the heap for six others (James's 512 MiB, so each call's bounds are the defaults sized from it).
     * Ordinary mail on new connections meanwhile, one on each of James's I/O threads, is answered before the spinning
     * sessions are; each runaway callback ends at its bound with James's own reply (the message whose ProcessMessage
     * spun is accepted and delivered once) and a line in LUAERRORS.LOG naming the script, function and line; and James
     * neither runs out of heap nor stops answering. (Run on the I/O thread, the spinning DoHELO made this fail.)
     */
    @Test
    void runawayScriptsStallNoOtherSessionAndCrashNothing() throws Exception {
        Path script = james.resolve("conf/lua/SMTPSVR.LUA");
        String sample = Files.readString(script);
        String runaway = String.join(
                "\n",
                "",
                "local MiB = 2^20",
                "local sampleHelo = DoHELO",
                "kept = {}",
                "function DoHELO(host, refuse, ehlo)",
                "  if host == \"loop.example\" then",
                "    print(\"looping for \" .. IPAddress)",
                // a search that backtracks for ever: it runs to the time bound, the instruction bound being far off
                "    while true do string.find((\"a\"):rep(40), (\"a*\"):rep(40) .. \"b\") end",
                "  elseif host == \"hoard.example\" then",
                "    while true do kept[#kept + 1] = (\"y\"):rep(MiB) .. #kept end",
                "  elseif host == \"bomb.example\" then",
                "    local s = (\"x\"):rep(2^30)",
                "  end",
                "  return sampleHelo(host, refuse, ehlo)",
                "end",
                "local sampleMessage = ProcessMessage",
                "function ProcessMessage(from, subject, ...)",
                "  if subject == \"loop in ProcessMessage\" then",
                "    print(\"looping in ProcessMessage for \" .. IPAddress)",
                "    while true do string.find((\"b\"):rep(40), (\"b*\"):rep(40) .. \"c\") end",
                "  end",
                "  return sampleMessage(from, subject, ...)",
                "end",
                "");
        String edited = sample + runaway;
        long loopLine = lineOf(edited, "while true do string.find((\"a\")");
        long messageLoopLine = lineOf(edited, "while true do string.find((\"b\")");
        Path errors = james.resolve("conf/lua/LUAERRORS.LOG");
        long errorsBefore = Files.exists(errors) ? Files.readAllLines(errors).size() : 0;
        ExecutorService clients = Executors.newFixedThreadPool(8);
        try {
            Files.writeString(script, edited);
            Future<List<String>> looping = clients.submit(() -> greet(ports.smtp, "loop.example"));
            await("the loop started").atMost(DELIVERY).until(() -> luaOut().contains("looping for "));
            SmtpDialogue sending = SmtpDialogue.greeted(ports.smtp);
            Future<List<String>> loopingMessage = clients.submit(() -> {
                try (sending) {
                    return sending.send("alice@client.example", BOB, "Subject: loop in ProcessMessage\n\nhello\n");
                }
            });
            await("the message's loop started")
                    .atMost(DELIVERY)
                    .until(() -> luaOut().contains("looping in ProcessMessage for "));
            List<Future<List<String>>> hoarding = new ArrayList<>();
            for (String host : List.of("hoard.example", "hoard.example", "hoard.example", "hoard.example")) {
                hoarding.add(greetAside(clients, host));
            }
            for (String host : List.of("bomb.example", "bomb.example")) {
                hoarding.add(greetAside(clients, host));
            }
            // one connection on each of James's SMTP I/O threads, the looping session's among them: Netty hands new
            // connections to them in turn, and every other connection was made before these
            for (int i = 0; i < runtime.smtpIoThreads; i++) {
                try (SmtpDialogue smtp = SmtpDialogue.greeted(ports.smtp)) {
                    assertThat(smtp.send("alice@client.example", BOB, "Subject: beside a loop " + i + "\n\nhello\n"))
                            .first()
                            .asString()
                            .startsWith("250");
                }
            }
            assertThat(looping.isDone())
                    .as("the looping session answered before the ordinary mail was")
                    .isFalse();
            assertThat(loopingMessage.isDone())
                    .as("the session looping in ProcessMessage answered before the ordinary mail was")
                    .isFalse();

            assertThat(looping.get(1, TimeUnit.MINUTES)).first().asString().startsWith("250");
            // James's own answer once the call's bound ended it (script.failure=default): the message is accepted
            assertThat(loopingMessage.get(1, TimeUnit.MINUTES))
                    .first()
                    .asString()
                    .startsWith("250");
            for (Future<List<String>> session : hoarding) {
                assertThat(session.get(1, TimeUnit.MINUTES)).first().asString().startsWith("250");
            }
        } finally {
            Files.writeString(script, sample);
            clients.shutdownNow();
        }

        List<String> logged = Files.readAllLines(errors);
        List<String> newLines = logged.subList((int) errorsBefore, logged.size());
        assertThat(newLines)
                .as("LUAERRORS.LOG")
                .anyMatch(line -> line.contains("SMTPSVR.LUA DoHELO line " + loopLine + " [TIMEOUT]"));
        assertThat(newLines)
                .as("LUAERRORS.LOG")
                .anyMatch(line -> line.contains("SMTPSVR.LUA ProcessMessage line " + messageLoopLine + " [TIMEOUT]"));
        assertThat(newLines)
                .as("LUAERRORS.LOG")
                .filteredOn(line -> line.contains("SMTPSVR.LUA DoHELO") && line.contains("[MEMORY]"))
                .hasSizeGreaterThanOrEqualTo(6);
        assertThat(process.output()).doesNotContain("OutOfMemoryError");
        for (int i = 0; i < runtime.smtpIoThreads; i++) {
            assertThat(awaitMessage(BOB, "Subject: beside a loop " + i)).contains("hello");
        }
        assertThat(awaitMessage(BOB, "Subject: loop in ProcessMessage")).contains("hello");
        try (ImapSession imap = ImapSession.login(ports.imap, BOB, PASSWORD)) {
            assertThat(imap.inbox())
                    .as("the message whose ProcessMessage ran to its bound, once")
                    .filteredOn(message -> message.contains("Subject: loop in ProcessMessage\r\n"))
                    .hasSize(1);
        }
        try (SmtpDialogue smtp = SmtpDialogue.greeted(ports.smtp)) {
            assertThat(smtp.command("HELP")).first().asString().startsWith("214-");
        }
    }

    /**
     * Many runaway callbacks at once, as a script bug that client input triggers and a botnet sends on many
     * connections: SMTPSVR.LUA, edited while James runs, spins in DoHELO for 128 sessions at once until each call's
     * 10 s bound. Ordinary mail on new connections, an IMAP login with its EXAMINE INBOX and a webadmin request are
     * all answered while every spinning session still waits for its answer (limit.running.calls, left at its default,
     * lets as many calls past their first 100 ms run at once as there are cores); each spinning session then gets
     * James's own reply, and the ordinary mail is delivered once. Without that bound the 128 calls shared the 2 cores
     * with James, and IMAP and ordinary mail waited for as long as they ran.
     */
    @Test
    void manyRunawayCallsAtOnceLeaveTheCoresToOrdinaryMailImapAndWebadmin() throws Exception {
        int runaways = 128;
        int ordinary = 5;
        Path script = james.resolve("conf/lua/SMTPSVR.LUA");
        String sample = Files.readString(script);
        String runaway = String.join(
                "\n",
                "",
                "local sampleHelo = DoHELO",
                "function DoHELO(host, refuse, ehlo)",
                "  if host == \"loop.example\" then",
                "    print(\"many loops: \" .. IPAddress)",
                "    while true do string.find((\"a\"):rep(40), (\"a*\"):rep(40) .. \"b\") end",
                "  end",
                "  return sampleHelo(host, refuse, ehlo)",
                "end",
                "");
        int startedBefore = occurrences(luaOut(), "many loops: ");
        ExecutorService clients = Executors.newFixedThreadPool(runaways);
        try {
            Files.writeString(script, sample + runaway);
            List<Future<List<String>>> looping = new ArrayList<>();
            for (int i = 0; i < runaways; i++) {
                looping.add(greetAside(clients, "loop.example"));
            }
            await("every runaway call started")
                    .atMost(DELIVERY)
                    .until(() -> occurrences(luaOut(), "many loops: ") - startedBefore == runaways);

            for (int i = 0; i < ordinary; i++) {
                try (SmtpDialogue smtp = SmtpDialogue.greeted(ports.smtp)) {
                    assertThat(smtp.send("alice@client.example", BOB, "Subject: beside many loops " + i + "\n\nhi\n"))
                            .first()
                            .asString()
                            .startsWith("250");
                }
            }
            try (ImapSession imap = ImapSession.login(ports.imap, BOB, PASSWORD)) {
                imap.examineInbox();
            }
            assertAnswered(webadmin("GET", "/users", null), 200);
            assertThat(looping)
                    .as("runaway sessions answered before the ordinary mail, IMAP and webadmin were")
                    .noneMatch(Future::isDone);

            for (Future<List<String>> session : looping) {
                assertThat(session.get(1, TimeUnit.MINUTES)).first().asString().startsWith("250");
            }
        } finally {
            Files.writeString(script, sample);
            clients.shutdownNow();
        }
        for (int i = 0; i < ordinary; i++) {
            assertThat(awaitMessage(BOB, "Subject: beside many loops " + i)).contains("hi");
        }
        try (ImapSession imap = ImapSession.login(ports.imap, BOB, PASSWORD)) {
            assertThat(imap.inbox())
                    .filteredOn(message -> message.contains("Subject: beside many loops "))
                    .hasSize(ordinary);
        }
        assertThat(process.output()).doesNotContain("OutOfMemoryError");
    }

    private static int occurrences(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            count++;
        }
        return count;
    }

    /**
     * Many sessions at once, each within its own call's memory bound, must not take James's heap together: 48 sessions'
     * DoHELO each build 24 MiB of strings and hold them in a wait (1.1 GiB at once, against James's 512 MiB heap), while
     * ordinary mail comes in. Past what the calls under way may allocate together (a third of the heap), the calls
     * that grow fail with a MEMORY line and James's own reply; the JVM never runs out of heap, and the mail is
     * delivered. Without that bound the heap ran out: most hoarders failed "out of memory", others ran to their time
     * bound in the collector's thrashing, and whichever thread allocated then could be James's own (a storm like it once
     * left James with its port 25 listener gone, connections refused, while IMAP and webadmin stayed up).
     */
    @Test
    void manySessionsHoardingAtOnceLeaveJamesItsHeap() throws Exception {
        Path script = james.resolve("conf/lua/SMTPSVR.LUA");
        String sample = Files.readString(script);
        String hoarding = String.join(
                "\n",
                "",
                "local sampleHelo = DoHELO",
                "function DoHELO(host, refuse, ehlo)",
                "  if host == \"hoard.together.example\" then",
                "    local kept = {}",
                "    for i = 1, 24 do kept[i] = (\"z\"):rep(2^20) end",
                "    os.sleep(2000)",
                "    if #kept == 0 then return true, \"550 unreachable\" end",
                "  end",
                "  return sampleHelo(host, refuse, ehlo)",
                "end",
                "");
        String edited = sample + hoarding;
        long buildLine = lineOf(edited, "for i = 1, 24 do kept[i]");
        int errorsBefore = luaErrors().size();
        ExecutorService clients = Executors.newFixedThreadPool(48);
        try {
            Files.writeString(script, edited);
            List<Future<List<String>>> sessions = new ArrayList<>();
            for (int i = 0; i < 48; i++) {
                sessions.add(greetAside(clients, "hoard.together.example"));
            }
            for (int i = 0; i < 4; i++) {
                try (SmtpDialogue smtp = SmtpDialogue.greeted(ports.smtp)) {
                    assertThat(smtp.send("alice@client.example", BOB, "Subject: beside hoarders " + i + "\n\nhello\n"))
                            .first()
                            .asString()
                            .startsWith("250");
                }
            }
            for (Future<List<String>> session : sessions) {
                assertThat(session.get(1, TimeUnit.MINUTES)).last().asString().startsWith("250 ");
            }
        } finally {
            Files.writeString(script, sample);
            clients.shutdownNow();
        }

        List<String> logged = luaErrorsSince(errorsBefore);
        assertThat(logged).as("LUAERRORS.LOG").noneMatch(line -> line.contains("out of memory"));
        assertThat(process.output()).doesNotContain("OutOfMemoryError");
        assertThat(logged)
                .as("LUAERRORS.LOG")
                .filteredOn(line -> line.contains(
                        "SMTPSVR.LUA DoHELO line " + buildLine + " [MEMORY]: the calls under way allocated more than "))
                .hasSizeGreaterThanOrEqualTo(30);
        for (int i = 0; i < 4; i++) {
            assertThat(awaitMessage(BOB, "Subject: beside hoarders " + i)).contains("hello");
        }
        try (SmtpDialogue smtp = SmtpDialogue.greeted(ports.smtp)) {
            assertThat(smtp.command("HELP")).first().asString().startsWith("214-");
        }
    }

    /**
     * Every callback of the manual at once, on the real distribution: an SMTPSVR.LUA, edited while James runs, makes
     * a session from each of 127.0.0.2 to 127.0.0.16 wait inside a different callback, on a DNS lookup a loopback
     * server holds until the test answers it. Meanwhile ordinary mail on a new connection to each of James's SMTP
     * I/O threads is answered and delivered, no waiting session having been answered nor any callback having ended;
     * answered, each waiting session gets its reply, its callback ends (End's too, after its client hung up) and no
     * call failed. A callback run on an I/O thread holds the ordinary mail on that thread until its call ends, at its
     * 10 s bound (each of these put there made this fail: Start and RBLResults, GetMaxMessageSize, the callbacks of
     * EHLO, MAIL, DATA, NOOP, QUIT and an unknown verb, ProcessMessage, End).
     */
    @Test
    void sessionsWaitingInEveryCallbackStallNoOtherSession() throws Exception {
        Path script = james.resolve("conf/lua/SMTPSVR.LUA");
        String sample = Files.readString(script);
        int errorsBefore = luaErrors().size();
        int outBefore = luaOut().length();
        ExecutorService clients = Executors.newFixedThreadPool(WaitingCallback.values().length);
        try (HeldDnsServer held = new HeldDnsServer()) {
            Files.writeString(
                    script,
                    WAITING_SCRIPT
                            .replace(
                                    "%WAITS%",
                                    Arrays.stream(WaitingCallback.values())
                                            .map(callback -> "[\"" + callback.client() + "\"] = \"" + callback + "\"")
                                            .collect(Collectors.joining(", ")))
                            .replace("%DNS%", held.address()));
            Map<WaitingCallback, Future<List<String>>> waiting = new EnumMap<>(WaitingCallback.class);
            for (WaitingCallback callback : WaitingCallback.values()) {
                waiting.put(callback, clients.submit(() -> callback.waitIn(ports.smtp)));
            }
            // a callback waiting on an I/O thread holds up the sessions that come after it on that thread
            await("a session waiting in every callback")
                    .atMost(DELIVERY)
                    .until(() -> everyCallbackPrinted("waiting in", outBefore));

            // made after the waiting sessions' connections: Netty hands new connections to its I/O threads in turn
            for (int i = 0; i < runtime.smtpIoThreads; i++) {
                sendTo(BOB, "Subject: beside the waits " + i + "\n\nhello\n");
            }
            // a callback on an I/O thread held the mail there until the call ended: its lookup answered, or the call
            // stopped at its time bound (limit.time.ms) with a line in LUAERRORS.LOG and James's own reply
            assertThat(luaOut().substring(outBefore))
                    .as("a callback ended before the ordinary mail was answered")
                    .doesNotContain("waited in ");
            assertThat(luaErrorsSince(errorsBefore))
                    .as("calls stopped at their bound before the ordinary mail was answered")
                    .isEmpty();
            // End's client has had its last reply, QUIT's 221, before End() runs
            assertThat(waiting.keySet())
                    .as("sessions answered before the ordinary mail was")
                    .filteredOn(callback -> callback != WaitingCallback.End
                            && waiting.get(callback).isDone())
                    .isEmpty();

            held.release();
            for (WaitingCallback callback : WaitingCallback.values()) {
                assertThat(waiting.get(callback).get(1, TimeUnit.MINUTES))
                        .as(callback.name())
                        .last()
                        .asString()
                        .startsWith(callback.reply);
            }
            await("every callback ended").atMost(DELIVERY).until(() -> everyCallbackPrinted("waited in", outBefore));
        } finally {
            Files.writeString(script, sample);
            clients.shutdownNow();
        }
        assertThat(luaErrorsSince(errorsBefore)).as("LUAERRORS.LOG").isEmpty();
        for (int i = 0; i < runtime.smtpIoThreads; i++) {
            assertThat(awaitMessage(BOB, "Subject: beside the waits " + i)).contains("hello");
        }
        awaitMessage(BOB, "Subject: sent while ProcessMessage waited");
        try (ImapSession imap = ImapSession.login(ports.imap, BOB, PASSWORD)) {
            assertThat(imap.inbox())
                    .as("the message whose ProcessMessage waited, once")
                    .filteredOn(message -> message.contains("Subject: sent while ProcessMessage waited\r\n"))
                    .hasSize(1);
        }
    }

    /** Waits, in the callback the client's address names, on a DNS lookup of the server %DNS% until it answers. */
    private static final String WAITING_SCRIPT = String.join(
            "\n",
            "local waitsIn = { %WAITS% }",
            "local function wait(callback)",
            "  if waitsIn[IPAddress] == callback then",
            "    print(\"waiting in \" .. callback)",
            // asked again when it timed out (-1, after dns.timeout.ms), until the server answers (3, NXDOMAIN)
            "    repeat local code = VPOP3Net.GetDNSRecords(\"held.test\", 1, \"%DNS%\") until code ~= -1",
            "    print(\"waited in \" .. callback)",
            "  end",
            "end",
            "function Start()",
            // loopback clients may relay, which the RBL checks spare (CheckRBL false): this one is looked up, so that
            // RBLResults() runs
            "  if waitsIn[IPAddress] == \"RBLResults\" then",
            "    CheckRBL = true",
            "    RBLServers = { \"listed.test\" }",
            "  end",
            "  wait(\"Start\") return \"\"",
            "end",
            "function GetMaxMessageSize(host, current) wait(\"GetMaxMessageSize\") return current end",
            "function RBLResults() wait(\"RBLResults\") return \"\" end",
            "function GetEHLOCapabilities(host, current) wait(\"GetEHLOCapabilities\") return nil end",
            "function DoHELO(host, refuse, ehlo) wait(\"DoHELO\") return refuse, \"\" end",
            "function DoMAILFROM(data, from, params) wait(\"DoMAILFROM\") return \"\" end",
            "function DoRCPTTO(data, rcpt, params, soFar) wait(\"DoRCPTTO\") return \"\" end",
            "function DoDATAStart(recipients) wait(\"DoDATAStart\") return \"\" end",
            "function ProcessMessage(from, subject, recipients, actions) wait(\"ProcessMessage\") return actions, \"\" end",
            "function DoRSET() wait(\"DoRSET\") return \"\" end",
            "function DoNOOP() wait(\"DoNOOP\") return \"\" end",
            "function DoHELP(text) wait(\"DoHELP\") return \"\" end",
            "function DoUnrecognised(line) wait(\"DoUnrecognised\") return \"\" end",
            "function DoQUIT() wait(\"DoQUIT\") return \"\" end",
            "function End() wait(\"End\") end",
            "");

    /**
     * A callback of the manual's SMTPSVR.LUA, and a session that waits in it: its client's address, which the test's
     * script maps to the callback (Start, GetMaxMessageSize and RBLResults run before any command), the lines the
     * client sends, each after the reply to the one before, and the reply it gets to the last, once the callback ends.
     */
    private enum WaitingCallback {
        Start("220"),
        GetMaxMessageSize("220"),
        RBLResults("220"),
        GetEHLOCapabilities("250", "EHLO client.example"),
        DoHELO("250", "EHLO client.example"),
        DoMAILFROM("250", "EHLO client.example", "MAIL FROM:<alice@client.example>"),
        DoRCPTTO("250", "EHLO client.example", "MAIL FROM:<alice@client.example>", "RCPT TO:<" + BOB + ">"),
        DoDATAStart("354", "EHLO client.example", "MAIL FROM:<alice@client.example>", "RCPT TO:<" + BOB + ">", "DATA"),
        ProcessMessage(
                "250",
                "EHLO client.example",
                "MAIL FROM:<alice@client.example>",
                "RCPT TO:<" + BOB + ">",
                "DATA",
                "Subject: sent while ProcessMessage waited\r\n\r\nhello\r\n."),
        DoRSET("250", "EHLO client.example", "RSET"),
        DoNOOP("250", "EHLO client.example", "NOOP"),
        DoHELP("502", "EHLO client.example", "HELP"),
        DoUnrecognised("500", "EHLO client.example", "XYZZY"),
        DoQUIT("221", "EHLO client.example", "QUIT"),
        // End() runs once the client, QUIT's 221 read, has hung up: no reply waits for it
        End("221", "EHLO client.example", "QUIT");

        private final String reply;
        private final List<String> lines;

        WaitingCallback(String reply, String... lines) {
            this.reply = reply;
            this.lines = List.of(lines);
        }

        String client() {
            return "127.0.0." + (2 + ordinal());
        }

        /** The last reply the client got; the connection then closed. */
        List<String> waitIn(int port) throws IOException {
            try (SmtpDialogue smtp = SmtpDialogue.openedFrom(client(), port)) {
                List<String> reply = smtp.reply();
                for (String line : lines) {
                    if (!reply.get(0).startsWith("2") && !reply.get(0).startsWith("3")) {
                        throw new IOException(this + ": " + reply + " before " + line);
                    }
                    reply = smtp.command(line);
                }
                return reply;
            }
        }
    }

    /** Whether LUA.OUT, past its first {@code length} characters, has the line "{@code what} callback" of each. */
    private static boolean everyCallbackPrinted(String what, int length) throws IOException {
        String printed = luaOut().substring(length);
        return Arrays.stream(WaitingCallback.values())
                .allMatch(callback -> printed.contains(what + " " + callback + "\n"));
    }

    /**
     * SMTPSVR.LUA keeping every file it opens, in three sessions at once: each session's script gets C's "Too many open
     * files" at 256, and James, whose descriptors one such session took before (a loop of io.open to the process's
     * limit), accepts and delivers mail meanwhile.
     */
    @Test
    void scriptsHoardingOpenFilesLeaveJamesItsDescriptors() throws Exception {
        Path script = james.resolve("conf/lua/SMTPSVR.LUA");
        String sample = Files.readString(script);
        String hoard = String.join(
                "\n",
                "",
                "kept = {}",
                "function DoHELP(text)",
                "  for i = 1, 1000000 do",
                "    local f, e = io.open('SMTPSVR.LUA')",
                "    if not f then return '214 ' .. #kept .. ' ' .. e end",
                "    kept[#kept + 1] = f",
                "  end",
                "  return '214 all ' .. #kept",
                "end",
                "");
        List<SmtpDialogue> hoarding = new ArrayList<>();
        try {
            Files.writeString(script, sample + hoard);
            for (int i = 0; i < 3; i++) {
                SmtpDialogue smtp = SmtpDialogue.greeted(ports.smtp);
                hoarding.add(smtp);
                assertThat(smtp.command("HELP")).containsExactly("214 256 SMTPSVR.LUA: Too many open files");
            }
            try (SmtpDialogue smtp = SmtpDialogue.greeted(ports.smtp)) {
                assertThat(smtp.send("alice@client.example", BOB, "Subject: beside hoarded files\n\nhello\n"))
                        .first()
                        .asString()
                        .startsWith("250");
            }
        } finally {
            Files.writeString(script, sample);
            for (SmtpDialogue smtp : hoarding) {
                smtp.close();
            }
        }
        assertThat(awaitMessage(BOB, "Subject: beside hoarded files")).contains("hello");
    }

    /**
     * A user's own USER_REDIRECT.LUA on the real distribution, in safety mode: every door out of it (Java, files,
     * processes, modules, the debug library, bytecode) stays closed on the Java James runs on, and when it then
     * spins to its time bound the user's mail is still delivered, once, as if it had no script, while other mail
     * goes on being delivered.
     */
    @Test
    void aUsersOwnScriptOpensNoDoorAndItsRunawayLosesNoMail() throws Exception {
        Path folder = james.resolve("conf/lua/" + CAROL);
        Files.createDirectories(folder);
        Files.writeString(
                folder.resolve("USER_REDIRECT.LUA"),
                String.join(
                        "\n",
                        "local doors = {",
                        "  luajava = function() return luajava.bindClass(\"java.lang.System\") end,",
                        "  file = function() return io.open(\"/etc/hostname\") end,",
                        "  lines = function() return io.lines(\"/etc/hostname\")() end,",
                        "  process = function() return os.execute(\"id\") end,",
                        "  popen = function() return io.popen(\"id\") end,",
                        "  module = function() return require(\"../SMTPSVR\") end,",
                        "  debug = function() return debug.getregistry() end,",
                        "  bytecode = function() return load(string.dump(function() end)) end,",
                        "  settings = function() return dofile(\"../SMTPSVR.LUA\") end,",
                        "}",
                        "local open = {}",
                        "for name, door in pairs(doors) do",
                        "  local ok, got = pcall(door)",
                        "  if ok and got then open[#open + 1] = name end",
                        "end",
                        "table.sort(open)",
                        "print(\"carol's script, doors open: \" .. (#open == 0 and \"none\" or table.concat(open, \" \")))",
                        "while true do string.find((\"a\"):rep(40), (\"a*\"):rep(40) .. \"b\") end",
                        ""));
        try {
            try (SmtpDialogue smtp = SmtpDialogue.greeted(ports.smtp)) {
                assertThat(smtp.send("alice@client.example", CAROL, "Subject: to a runaway script\n\nhello\n"))
                        .first()
                        .asString()
                        .startsWith("250");
                await("carol's script ran")
                        .atMost(DELIVERY)
                        .until(() -> luaOut().contains("carol's script, doors open: "));
                assertThat(smtp.send("alice@client.example", BOB, "Subject: beside a runaway script\n\nhello\n"))
                        .first()
                        .asString()
                        .startsWith("250");
            }
            assertThat(luaOut()).contains("carol's script, doors open: none");
            assertThat(awaitMessage(BOB, "Subject: beside a runaway script")).contains("hello");
            assertThat(awaitMessage(CAROL, "Subject: to a runaway script")).contains("hello");
        } finally {
            Files.delete(folder.resolve("USER_REDIRECT.LUA"));
        }
        assertThat(Files.readAllLines(james.resolve("conf/lua/LUAERRORS.LOG")))
                .anyMatch(line -> line.contains(CAROL + "/USER_REDIRECT.LUA") && line.contains("[TIMEOUT]"));
        try (ImapSession imap = ImapSession.login(ports.imap, CAROL, PASSWORD)) {
            assertThat(imap.inbox())
                    .as("carol's mail, once")
                    .filteredOn(message -> message.contains("Subject: to a runaway script\r\n"))
                    .hasSize(1);
        }
    }

    /** The line of {@code text} that {@code part} first appears on, counted from 1. */
    private static long lineOf(String text, String part) {
        return text.substring(0, text.indexOf(part))
                        .chars()
                        .filter(c -> c == '\n')
                        .count()
                + 1;
    }

    private static List<String> greet(int port, String host) throws IOException {
        try (SmtpDialogue smtp = SmtpDialogue.connected(port)) {
            return smtp.command("EHLO " + host);
        }
    }

    /** Connected and greeted by James here, so that James has taken the connection; its EHLO sent and read aside. */
    private static Future<List<String>> greetAside(ExecutorService clients, String host) throws IOException {
        SmtpDialogue smtp = SmtpDialogue.connected(ports.smtp);
        return clients.submit(() -> {
            try (smtp) {
                return smtp.command("EHLO " + host);
            }
        });
    }

    private static List<String> luaErrors() throws IOException {
        Path errors = james.resolve("conf/lua/LUAERRORS.LOG");
        return Files.exists(errors) ? Files.readAllLines(errors) : List.of();
    }

    private static List<String> luaErrorsSince(int lines) throws IOException {
        List<String> errors = luaErrors();
        return errors.subList(lines, errors.size());
    }

    private static String luaOut() throws IOException {
        Path out = james.resolve("conf/lua/LUA.OUT");
        return Files.exists(out) ? Files.readString(out) : "";
    }

    private static long queueSize(String queue) throws IOException, InterruptedException {
        HttpResponse<String> answer = webadmin("GET", "/mailQueues/" + queue, null);
        assertAnswered(answer, 200);
        Matcher size = Pattern.compile("\"size\"\\s*:\\s*(\\d+)").matcher(answer.body());
        assertThat(size.find()).as(answer.body()).isTrue();
        return Long.parseLong(size.group(1));
    }

    private static String awaitMessage(String user, String subjectLine) {
        String[] found = new String[1];
        // a mailbox read while James is still delivering into it may come back incomplete: read it again
        await().atMost(DELIVERY).ignoreExceptionsInstanceOf(IOException.class).until(() -> {
            try (ImapSession imap = ImapSession.login(ports.imap, user, PASSWORD)) {
                List<String> matching = imap.inbox().stream()
                        .filter(message -> message.contains(subjectLine + "\r\n"))
                        .collect(Collectors.toList());
                found[0] = matching.isEmpty() ? null : matching.get(0);
            }
            return found[0] != null;
        });
        return found[0];
    }

    private static HttpResponse<String> webadmin(String method, String path, String json)
            throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create("http://" + LoopbackConf.HOST + ":" + ports.webadmin + path))
                .method(
                        method,
                        json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json))
                .header("Content-Type", "application/json")
                .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static void assertAnswered(HttpResponse<String> response, int status) {
        assertThat(response.statusCode())
                .as("%s: %s", response.request().uri(), response.body())
                .isEqualTo(status);
    }

    private static String property(String name) {
        return Objects.requireNonNull(System.getProperty(name), name + ": set by the module's pom (mvn verify)");
    }
}
