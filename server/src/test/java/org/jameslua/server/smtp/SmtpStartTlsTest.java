package org.jameslua.server.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.mail.smtp.SMTPTransport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import javax.mail.Message;
import javax.mail.Session;
import javax.mail.Transport;
import javax.mail.internet.InternetAddress;
import javax.mail.internet.MimeMessage;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.jameslua.server.JamesLuaServer;
import org.jameslua.server.testing.JamesLuaServerExtension;
import org.jameslua.server.testing.LuaScripts;
import org.jameslua.server.testing.MailFlow;
import org.jameslua.server.testing.RawSmtpClient;
import org.jameslua.server.testing.SmtpReply;
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
    private static final int HANDSHAKES = 60;
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

    /**
     * A client that starts its TLS handshake the moment the 220 to STARTTLS arrives: James answers STARTTLS from the
     * pack's worker, and the handshake must still reach TLS rather than James's command reader. It reached the
     * reader on some attempts (James then took it for a command injected after STARTTLS and closed the
     * connection): about one in ten on Java 17, one in three on Java 11, against none in stock James.
     */
    @Test
    void aClientStartingItsHandshakeAtOnceGetsTlsEveryTime(JamesLuaServer server) throws Exception {
        new LuaScripts(server.scriptsFolder()).install("""
            function DoHELO(host, refuse, ehlo) return refuse, "" end
            """);
        SSLSocketFactory trustingAll = trustingAll();
        List<String> failed = new ArrayList<>();
        for (int attempt = 1; attempt <= HANDSHAKES; attempt++) {
            try (RawSmtpClient plain = RawSmtpClient.connect("127.0.0.1", server.smtpPort())) {
                plain.readReply();
                plain.command("EHLO fast.client.example");
                SmtpReply ready = plain.command("STARTTLS");
                if (ready.code() != 220) {
                    failed.add(attempt + ": " + ready);
                    continue;
                }
                try (RawSmtpClient secure = plain.overTls(trustingAll)) {
                    SmtpReply greeted = secure.command("EHLO fast.client.example");
                    if (greeted.code() != 250) {
                        failed.add(attempt + ": " + greeted);
                    }
                    secure.command("QUIT");
                }
            } catch (IOException e) {
                failed.add(attempt + ": " + e);
            }
        }
        assertThat(failed).as("STARTTLS attempts that did not reach TLS").isEmpty();
    }

    // the test's own self-signed certificate
    private static SSLSocketFactory trustingAll() throws Exception {
        X509TrustManager anyServer = new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {}

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {}

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {anyServer}, null);
        return context.getSocketFactory();
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
