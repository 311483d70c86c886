package org.jameslua.server.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.mail.smtp.SMTPTransport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import javax.mail.Message;
import javax.mail.Session;
import javax.mail.Transport;
import javax.mail.internet.InternetAddress;
import javax.mail.internet.MimeMessage;
import org.jameslua.server.JamesLuaServer;
import org.jameslua.server.testing.JamesLuaServerExtension;
import org.jameslua.server.testing.LuaScripts;
import org.jameslua.server.testing.MailFlow;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * STARTTLS with the session's work on the pack's workers: the reply goes out in clear, then TLS starts, and the
 * script sees the greeting given inside TLS. A real client (JavaMail, STARTTLS required) against the operator's
 * listener configuration with a keystore made for the test.
 */
class SmtpStartTlsTest {
    private static final String RECIPIENT = "tls@example.local";
    private static final Path WORKING_DIRECTORY = workingDirectoryWithKeystore();

    @RegisterExtension
    static JamesLuaServerExtension james = new JamesLuaServerExtension(builder ->
            builder.workingDirectory(WORKING_DIRECTORY).startTls().user(RECIPIENT, JamesLuaServer.DEFAULT_PASSWORD));

    @AfterAll
    static void deleteWorkingDirectory() throws IOException {
        try (Stream<Path> paths = Files.walk(WORKING_DIRECTORY)) {
            paths.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        }
    }

    @Test
    void mailComesInOverStartTlsAndTheScriptSeesTheGreetingInsideTls(JamesLuaServer server) throws Exception {
        new LuaScripts(server.scriptsFolder()).install("""
            local greetings = {}
            function DoHELO(host, refuse, ehlo)
              greetings[#greetings + 1] = host
              return false, ""
            end
            function DoDATAStart(recipients) return "", "X-Greetings: " .. table.concat(greetings, " ") end
            """);
        Properties properties = new Properties();
        properties.put("mail.smtp.host", "127.0.0.1");
        properties.put("mail.smtp.port", String.valueOf(server.smtpPort()));
        properties.put("mail.smtp.localhost", "tls.client.example");
        properties.put("mail.smtp.starttls.enable", "true");
        properties.put("mail.smtp.starttls.required", "true");
        properties.put("mail.smtp.ssl.trust", "*");
        properties.put("mail.smtp.timeout", "30000");
        Session session = Session.getInstance(properties);
        MimeMessage message = new MimeMessage(session);
        message.setFrom(new InternetAddress("sender@client.example"));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(RECIPIENT));
        message.setSubject("over tls");
        message.setText("body");

        try (Transport transport = session.getTransport("smtp")) {
            transport.connect();
            // a server offers STARTTLS only before TLS has started (James's StartTlsCmdHandler)
            assertThat(((SMTPTransport) transport).supportsExtension("STARTTLS"))
                    .isFalse();
            transport.sendMessage(message, message.getAllRecipients());
        }

        MimeMessage delivered = new MailFlow(server).awaitSingle(RECIPIENT, "over tls", Map.of(RECIPIENT, 1));
        // EHLO before STARTTLS and again inside TLS, as RFC 3207 asks
        assertThat(delivered.getHeader("X-Greetings", null)).isEqualTo("tls.client.example tls.client.example");
    }

    private static Path workingDirectoryWithKeystore() {
        try {
            Path root = Files.createTempDirectory("james-lua-tls-");
            Path conf = Files.createDirectories(root.resolve("conf"));
            // the keystore and password conf-samples' smtpserver.xml names
            Process keytool = new ProcessBuilder(
                            Path.of(System.getProperty("java.home"), "bin", "keytool")
                                    .toString(),
                            "-genkeypair",
                            "-alias",
                            "james",
                            "-keyalg",
                            "RSA",
                            "-keysize",
                            "2048",
                            "-storetype",
                            "PKCS12",
                            "-keystore",
                            conf.resolve("keystore").toString(),
                            "-storepass",
                            "james72laBalle",
                            "-keypass",
                            "james72laBalle",
                            "-dname",
                            "CN=mail.example.local",
                            "-validity",
                            "2")
                    .redirectErrorStream(true)
                    .start();
            String output = new String(keytool.getInputStream().readAllBytes());
            if (keytool.waitFor() != 0) {
                throw new IllegalStateException("keytool failed: " + output);
            }
            return root;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
