package org.jameslua.server.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import javax.mail.MessagingException;
import javax.mail.Session;
import javax.mail.internet.MimeMessage;
import org.jameslua.server.JamesLuaServer;
import org.jameslua.server.testing.ImapMailboxReader;
import org.jameslua.server.testing.LoopbackFetchmail;
import org.jameslua.server.testing.LoopbackPop3Server;
import org.jameslua.server.testing.RawSmtpClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pack as a James operator deploys it: the built james-lua-extension jar in {@code extensions-jars/}, the
 * configuration and scripts of conf-samples, and James's ExtendedClassLoader finding every class of the pack in
 * that jar. Runs in the surefire execution {@code deployment} (see the module's pom), whose class path holds James
 * but no class of the pack and no LuaJ.
 */
class ExtensionJarDeploymentTest {
    private static final Path JAR = Path.of(Objects.requireNonNull(
            System.getProperty("jameslua.extension.jar"),
            "jameslua.extension.jar: the built extension jar, set by the module's pom (mvn verify)"));
    private static final String HOST = "127.0.0.1";
    private static final String USER = "user@example.local";
    private static final String SENDER = "sender@example.local";
    private static final Duration DELIVERY = Duration.ofSeconds(10);

    private static final String REMOTE = "remote-user";
    private static final String REMOTE_PASSWORD = "remote-secret";

    @TempDir
    static Path template;

    private static LoopbackPop3Server pop3;
    private static JamesLuaServer server;

    @BeforeAll
    static void deployTheJar() throws Exception {
        // only then does a working server prove that James loaded the pack from the jar
        for (String packClass : List.of(
                "org.jameslua.engine.LuaEngine",
                "org.jameslua.james.LuaPackModule",
                "org.jameslua.smtp.LuaSmtpHandlers",
                "org.jameslua.mailets.LuaMailet",
                "org.jameslua.matchers.LuaMatcher",
                "org.luaj.vm2.Globals",
                "org.jameslua.james.fetchmail.FetchMailStartable",
                "org.apache.james.fetchmail.FetchMail")) {
            assertThatThrownBy(() -> Class.forName(packClass, false, ExtensionJarDeploymentTest.class.getClassLoader()))
                    .isInstanceOf(ClassNotFoundException.class);
        }
        assertThat(JAR).isRegularFile();

        // the jar brings FetchMail, which a stock Guice James lacks: conf-samples' fetchmail.xml, switched on
        pop3 = LoopbackPop3Server.start().account(REMOTE, REMOTE_PASSWORD);
        // loopback is an outside client here, so SMTPSVR.LUA's HELO check applies to it
        server = JamesLuaServer.builder()
                .confTemplate(LoopbackFetchmail.template(template, pop3, REMOTE, REMOTE_PASSWORD))
                .stockCoreBindings()
                .extensionJar(JAR)
                .authorizedAddresses("192.0.2.0/24")
                .user(SENDER, "sender-secret")
                .start();
    }

    @AfterAll
    static void stop() throws IOException {
        if (server != null) {
            server.close();
        }
        if (pop3 != null) {
            pop3.close();
        }
    }

    @Test
    void theJarIsInExtensionsJars() {
        assertThat(server.workingDirectory().resolve("extensions-jars").resolve(JAR.getFileName()))
                .isRegularFile();
    }

    @Test
    void theSampleSmtpScriptAnswersHelpAndChecksTheGreeting() throws IOException {
        try (RawSmtpClient smtp = RawSmtpClient.connect(HOST, server.smtpPort())) {
            smtp.readReply();
            assertThat(smtp.command("EHLO localhost").lines())
                    .containsExactly("501 5.5.2 Please greet with your full host name");
            assertThat(smtp.command("EHLO client.example").code()).isEqualTo(250);
            assertThat(smtp.command("HELP").lines())
                    .containsExactly(
                            "214-This server runs james-lua, VPOP3-style Lua scripts for Apache James",
                            "214 Write to the postmaster for help");
        }
    }

    @Test
    void theSampleSmtpScriptRefusesProgramsAndSaysSoInLuaOut() throws Exception {
        try (RawSmtpClient smtp = greeted()) {
            smtp.command("MAIL FROM:<alice@client.example>");
            assertThat(smtp.command("RCPT TO:<" + USER + ">").code()).isEqualTo(250);
            assertThat(smtp.command("DATA").code()).isEqualTo(354);
            assertThat(smtp.sendMessage("""
                    Subject: the installer
                    MIME-Version: 1.0
                    Content-Type: multipart/mixed; boundary="b1"

                    --b1
                    Content-Type: text/plain

                    here it is
                    --b1
                    Content-Type: application/octet-stream; name="setup.exe"
                    Content-Disposition: attachment; filename="setup.exe"
                    Content-Transfer-Encoding: base64

                    TVqQAAMAAAAEAAAA
                    --b1--
                    """).lines())
                    .containsExactly("550 5.7.1 Programs are not accepted by mail (setup.exe)");
        }

        assertThat(Files.readString(server.scriptsFolder().resolve("LUA.OUT")))
                .contains("refused a message from 127.0.0.1 <alice@client.example>: setup.exe");
    }

    @Test
    void theSampleRoutingScriptTagsBulkMail() throws Exception {
        try (RawSmtpClient smtp = greeted()) {
            smtp.command("MAIL FROM:<news@client.example>");
            smtp.command("RCPT TO:<" + USER + ">");
            smtp.command("DATA");
            assertThat(smtp.sendMessage("Subject: weekly news\nPrecedence: bulk\n\nnews\n")
                            .code())
                    .isEqualTo(250);
        }

        MimeMessage delivered = parse(awaitMessage("weekly news"));
        assertThat(delivered.getHeader("X-Bulk", null)).isEqualTo("yes");
    }

    @Test
    void theSignatureMailetSignsMailOfAuthenticatedUsers() throws Exception {
        String credentials = Base64.getEncoder()
                .encodeToString(("\0" + SENDER + "\0sender-secret").getBytes(StandardCharsets.UTF_8));
        try (RawSmtpClient smtp = greeted()) {
            assertThat(smtp.command("AUTH PLAIN " + credentials).code()).isEqualTo(235);
            smtp.command("MAIL FROM:<" + SENDER + ">");
            smtp.command("RCPT TO:<" + USER + ">");
            smtp.command("DATA");
            assertThat(smtp.sendMessage("Subject: signed\n\nHello\n").code()).isEqualTo(250);
        }

        MimeMessage delivered = parse(awaitMessage("signed"));
        assertThat(new String(delivered.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
                .startsWith("Hello")
                .endsWith("--\r\nExample Ltd\r\n");
        assertThat(server.scriptsFolder().resolve("LUAERRORS.LOG")).doesNotExist();
    }

    @Test
    void fetchMailCollectsFromAPop3ServerAndTheSampleClientScriptMarksListMail() throws Exception {
        pop3.deliver(REMOTE, """
            From: list@lists.example.org
            Subject: fetched list mail
            List-Id: <news.lists.example.org>

            Today on the list.
            """);

        MimeMessage delivered = parse(awaitMessage("fetched list mail"));
        assertThat(delivered.getHeader("X-Mailing-List", null)).isEqualTo("yes");
        assertThat(pop3.messageCount(REMOTE)).isZero();
    }

    private static RawSmtpClient greeted() throws IOException {
        RawSmtpClient smtp = RawSmtpClient.connect(HOST, server.smtpPort());
        smtp.readReply();
        smtp.command("EHLO client.example");
        return smtp;
    }

    private static String awaitMessage(String subject) {
        List<String> found = new ArrayList<>();
        // a mailbox read while James is still delivering into it may come back incomplete: read it again
        await().atMost(DELIVERY).ignoreExceptionsInstanceOf(IOException.class).untilAsserted(() -> {
            found.clear();
            try (ImapMailboxReader imap =
                    ImapMailboxReader.login(HOST, server.imapPort(), USER, JamesLuaServer.DEFAULT_PASSWORD)) {
                int count = imap.messageCount("INBOX");
                for (int i = 1; i <= count; i++) {
                    String message = imap.readMessage("INBOX", i);
                    if (subject.equals(parse(message).getSubject())) {
                        found.add(message);
                    }
                }
            }
            assertThat(found).isNotEmpty();
        });
        return found.get(0);
    }

    private static MimeMessage parse(String message) throws MessagingException {
        return new MimeMessage(
                Session.getDefaultInstance(new Properties()),
                new ByteArrayInputStream(message.getBytes(StandardCharsets.UTF_8)));
    }
}
