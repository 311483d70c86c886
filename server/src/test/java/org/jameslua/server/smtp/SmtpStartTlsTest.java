package org.jameslua.server.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.mail.smtp.SMTPTransport;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.mail.Message;
import javax.mail.Session;
import javax.mail.Transport;
import javax.mail.internet.InternetAddress;
import javax.mail.internet.MimeMessage;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
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

    /**
     * James writes STARTTLS's 220 and then puts TLS into the pipeline. Taken apart on the pack's worker, the client's
     * handshake could be read in between and handed to James as a command line (DoUnrecognised got it, the
     * handshake failed): on a busy machine a third of the sessions failed so. Many sessions, four at a time so that
     * the workers are not alone on the cores: each handshake must succeed.
     */
    @Test
    void everyStartTlsHandshakeSucceeds(JamesLuaServer server) throws Exception {
        everyHandshakeSucceeds(server, "STARTTLS");
    }

    /**
     * James trims a command line before reading its verb: a STARTTLS with a blank or a control byte before or after
     * it is James's STARTTLS all the same, and must be held for as the plain one is (the pack took its verb for
     * another word, and such sessions met the race above).
     */
    @Test
    void everyStartTlsHandshakeSucceedsWithBytesJamesTrimsAroundTheVerb(JamesLuaServer server) throws Exception {
        everyHandshakeSucceeds(server, " STARTTLS\u0000");
    }

    private static void everyHandshakeSucceeds(JamesLuaServer server, String startTlsLine) throws Exception {
        // the tests share the server: another's failure must not fail this one
        Files.deleteIfExists(server.scriptsFolder().resolve("LUA.OUT"));
        new LuaScripts(server.scriptsFolder()).install("""
            function DoHELO(host, refuse, ehlo) return refuse, "" end
            function DoUnrecognised(line) print("unrecognised: " .. line) return "" end
            """);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, new TrustManager[] {new TrustingEveryone()}, null);
        ExecutorService clients = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> sessions = new ArrayList<>();
            for (int session = 0; session < 80; session++) {
                int number = session;
                sessions.add(clients.submit(() -> {
                    startTls(server, tls, number, startTlsLine);
                    return null;
                }));
            }
            for (Future<?> session : sessions) {
                session.get(60, TimeUnit.SECONDS);
            }
        } finally {
            clients.shutdownNow();
        }
        assertThat(server.scriptsFolder().resolve("LUA.OUT")).doesNotExist();
    }

    private static void startTls(JamesLuaServer server, SSLContext tls, int session, String startTlsLine)
            throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.smtpPort())) {
            socket.setSoTimeout(30_000);
            SmtpLines plain = new SmtpLines(socket);
            assertThat(plain.reply()).startsWith("220");
            plain.send("EHLO tls.client.example");
            assertThat(plain.reply()).startsWith("250");
            plain.send(startTlsLine);
            assertThat(plain.reply()).startsWith("220");
            try (SSLSocket secure =
                    (SSLSocket) tls.getSocketFactory().createSocket(socket, "127.0.0.1", server.smtpPort(), true)) {
                secure.startHandshake();
                SmtpLines encrypted = new SmtpLines(secure);
                encrypted.send("EHLO tls.client.example");
                assertThat(encrypted.reply())
                        .as("EHLO inside TLS, session %d", session)
                        .startsWith("250");
                encrypted.send("QUIT");
                assertThat(encrypted.reply()).startsWith("221");
            }
        }
    }

    /** An SMTP client's lines on a socket: one command out, one whole reply (its last line) in. */
    private static final class SmtpLines {
        private final BufferedReader in;
        private final Writer out;

        SmtpLines(Socket socket) throws IOException {
            // unbuffered beyond the reply: the bytes after STARTTLS's 220 are the TLS handshake's
            this.in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII), 1);
            this.out = new OutputStreamWriter(socket.getOutputStream(), StandardCharsets.US_ASCII);
        }

        void send(String line) throws IOException {
            out.write(line + "\r\n");
            out.flush();
        }

        String reply() throws IOException {
            String line = in.readLine();
            while (line != null && line.length() > 3 && line.charAt(3) == '-') {
                line = in.readLine();
            }
            return String.valueOf(line);
        }
    }

    /** The test's keystore is self-signed. */
    private static final class TrustingEveryone implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
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
