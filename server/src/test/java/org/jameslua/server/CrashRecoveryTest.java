package org.jameslua.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.jameslua.server.testing.ConfTemplate;
import org.jameslua.server.testing.ImapMailboxReader;
import org.jameslua.server.testing.LuaScripts;
import org.jameslua.server.testing.RawSmtpClient;
import org.jameslua.server.testing.WebAdminClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The main job never loses accepted mail: the server, run as its own process exactly as {@code run-james.sh} runs
 * it, accepts mail that ROUTING.LUA then holds in the spool, is killed with {@code kill -9}, and restarted on the
 * same working directory; every accepted mail reaches the mailbox once and none is refused as "no such user"
 * (the server creates its user before the queue hands the mail out again).
 */
class CrashRecoveryTest {
    private static final String HOST = "127.0.0.1";
    private static final String USER = JamesLuaServer.DEFAULT_USER_LOCAL_PART + "@" + JamesLuaServer.DEFAULT_DOMAIN;
    private static final int MAILS = 10;
    private static final Pattern LISTENER = Pattern.compile("^\\s+(SMTP|IMAP|webadmin)\\s+\\S*?:(\\d+)/?$");
    private static final String ROUTING = "ROUTING.LUA";
    // the spool's matcher asks IsBulk of every mail; this one keeps it until the server dies
    private static final String HOLD = """
        function IsBulk(mail)
          print("held " .. mail.Subject)
          while true do os.sleep(1000) end
        end
        """;

    @TempDir
    Path conf;

    @TempDir
    Path workingDirectory;

    private final List<Process> processes = new ArrayList<>();

    @AfterEach
    void killLeftovers() throws InterruptedException {
        // before @TempDir deletes the working directory the process writes to
        for (Process process : processes) {
            process.destroyForcibly().waitFor();
        }
    }

    @Test
    void mailQueuedWhenTheServerIsKilledIsDeliveredOnceAfterTheRestart() throws Exception {
        // the hold must outlast the kill, not end at the default time bound
        Path template = ConfTemplate.bundledWithReplaced(
                conf, "james-lua.properties", Map.of("limit.time.ms=10000", "limit.time.ms=600000"));

        RunningServer first = start(template);
        LuaScripts scripts = new LuaScripts(workingDirectory.resolve(JamesLuaServer.SCRIPTS_FOLDER));
        String sample = scripts.read(ROUTING);
        scripts.install(ROUTING, HOLD);
        for (int i = 1; i <= MAILS; i++) {
            send(first.smtpPort(), "crash " + i);
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> scripts.luaOut().contains("held crash"));
        first.process().destroyForcibly().waitFor();
        assertThat(queuedMails())
                .as("accepted mail left in var/queue by the killed server")
                .isEqualTo(MAILS);

        scripts.install(ROUTING, sample);
        RunningServer second = start(template);
        try (ImapMailboxReader imap =
                ImapMailboxReader.login(HOST, second.imapPort(), USER, JamesLuaServer.DEFAULT_PASSWORD)) {
            // the spool deletes a delivered mail's file while the walk may be reading the folder
            await().atMost(Duration.ofSeconds(30))
                    .ignoreExceptionsInstanceOf(UncheckedIOException.class)
                    .until(() -> queuedMails() == 0);
            await().atMost(Duration.ofSeconds(30)).until(() -> imap.messageCount("INBOX") >= MAILS);
            // STATUS may count a message that a FETCH right after cannot see yet (James's spool delivers the mails
            // at once): a read that misses one is tried again
            await().atMost(Duration.ofSeconds(30))
                    .ignoreExceptionsInstanceOf(IOException.class)
                    .untilAsserted(() -> assertThat(subjects(imap))
                            .containsExactlyInAnyOrderElementsOf(IntStream.rangeClosed(1, MAILS)
                                    .mapToObj(i -> "crash " + i)
                                    .toList()));
        }
        HttpResponse<String> addressErrors =
                new WebAdminClient(second.webAdminPort()).get("/mailRepositories/var%2Fmail%2Faddress-error");
        assertThat(addressErrors.statusCode()).isEqualTo(200);
        assertThat(addressErrors.body()).contains("\"size\":0");
        assertThat(scripts.errors()).isEmpty();
    }

    private RunningServer start(Path template) throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(
                        java.toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        JamesLuaServerMain.class.getName(),
                        "--conf",
                        template.toString(),
                        "--workdir",
                        workingDirectory.toString(),
                        "--smtp-port",
                        "0",
                        "--imap-port",
                        "0",
                        "--webadmin-port",
                        "0")
                .redirectErrorStream(true)
                .start();
        processes.add(process);
        Map<String, Integer> ports = new HashMap<>();
        BufferedReader output =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = output.readLine()) != null && !line.startsWith("Press Ctrl-C")) {
            Matcher listener = LISTENER.matcher(line);
            if (listener.matches()) {
                ports.put(listener.group(1), Integer.parseInt(listener.group(2)));
            }
        }
        assertThat(line).as("the server's start-up output").isNotNull();
        // the server goes on logging; a full pipe would stall it
        Thread drain = new Thread(() -> output.lines().forEach(ignored -> {}), "crash-test-drain");
        drain.setDaemon(true);
        drain.start();
        return new RunningServer(process, ports.get("SMTP"), ports.get("IMAP"), ports.get("webadmin"));
    }

    private static void send(int port, String subject) throws IOException {
        try (RawSmtpClient smtp = RawSmtpClient.connect(HOST, port)) {
            smtp.readReply();
            assertThat(smtp.command("EHLO client.example").code()).isEqualTo(250);
            assertThat(smtp.command("MAIL FROM:<sender@client.example>").code()).isEqualTo(250);
            assertThat(smtp.command("RCPT TO:<" + USER + ">").code()).isEqualTo(250);
            assertThat(smtp.command("DATA").code()).isEqualTo(354);
            assertThat(smtp.sendMessage("Subject: " + subject + "\n\nAccepted before the crash.\n")
                            .code())
                    .isEqualTo(250);
        }
    }

    private long queuedMails() {
        try (Stream<Path> files = Files.walk(workingDirectory.resolve("var/queue"))) {
            return files.filter(file -> file.getFileName().toString().endsWith(".mail"))
                    .count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> subjects(ImapMailboxReader imap) throws IOException {
        List<String> subjects = new ArrayList<>();
        for (int i = 1; i <= imap.messageCount("INBOX"); i++) {
            imap.readMessage("INBOX", i)
                    .lines()
                    .filter(header -> header.startsWith("Subject: "))
                    .findFirst()
                    .ifPresent(header -> subjects.add(header.substring("Subject: ".length())));
        }
        return subjects;
    }

    private record RunningServer(Process process, int smtpPort, int imapPort, int webAdminPort) {}
}
