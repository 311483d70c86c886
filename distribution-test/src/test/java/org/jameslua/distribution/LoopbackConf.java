package org.jameslua.distribution;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What this test changes in James's own configuration before the pack is deployed, as an operator sets up their
 * server: every listener moved to a free port on 127.0.0.1 (the deploy script must keep them), JMAP off (its
 * default port is 80), plain IMAP LOGIN allowed without STARTTLS (stock James refuses it), the log file in the
 * James folder rather than James's {@code /logs}, and the keystore the TLS listeners read.
 */
final class LoopbackConf {
    static final String HOST = "127.0.0.1";
    /** The {@code <secret>} of James's sample smtpserver.xml and imapserver.xml. */
    private static final String KEYSTORE_SECRET = "james72laBalle";

    final int smtp;
    /** The submission port (587 in James's smtpserver.xml), with STARTTLS. */
    final int submission;

    final int imap;
    final int webadmin;
    final int jmx;

    private final Path conf;

    private LoopbackConf(Path conf) throws IOException {
        this.conf = conf;
        this.smtp = freePort();
        this.submission = freePort();
        this.imap = freePort();
        this.webadmin = freePort();
        this.jmx = freePort();
    }

    static LoopbackConf apply(Path james, Path java) throws IOException, InterruptedException {
        LoopbackConf ports = new LoopbackConf(james.resolve("conf"));
        ports.edit("smtpserver.xml", "<bind>0.0.0.0:25</bind>", "<bind>" + HOST + ":" + ports.smtp + "</bind>");
        ports.edit("smtpserver.xml", "<bind>0.0.0.0:465</bind>", "<bind>" + HOST + ":" + freePort() + "</bind>");
        ports.edit("smtpserver.xml", "<bind>0.0.0.0:587</bind>", "<bind>" + HOST + ":" + ports.submission + "</bind>");
        ports.edit("imapserver.xml", "<bind>0.0.0.0:143</bind>", "<bind>" + HOST + ":" + ports.imap + "</bind>");
        ports.edit("imapserver.xml", "<bind>0.0.0.0:993</bind>", "<bind>" + HOST + ":" + freePort() + "</bind>");
        ports.edit(
                "imapserver.xml",
                "<plainAuthDisallowed>true</plainAuthDisallowed>",
                "<plainAuthDisallowed>false</plainAuthDisallowed>");
        ports.edit("webadmin.properties", "port=8000", "port=" + ports.webadmin);
        ports.edit("webadmin.properties", "host=localhost", "host=" + HOST);
        ports.edit("jmx.properties", "jmx.port=9999", "jmx.port=" + ports.jmx);
        ports.edit("jmap.properties", "\nenabled=true", "\nenabled=false");
        ports.edit("logback.xml", "/logs/james.", james.resolve("logs").toAbsolutePath() + "/james.");
        ports.createKeystore(java.resolveSibling("keytool"));
        return ports;
    }

    private void edit(String file, String stock, String replacement) throws IOException {
        Path path = conf.resolve(file);
        String content = Files.readString(path);
        if (!content.contains(stock)) {
            throw new IllegalStateException(path + " is not James 3.8.1's own: it lacks " + stock);
        }
        Files.writeString(path, content.replace(stock, replacement));
    }

    private void createKeystore(Path keytool) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(List.of(
                        keytool.toString(),
                        "-genkeypair",
                        "-alias",
                        "james",
                        "-keyalg",
                        "RSA",
                        "-storetype",
                        "PKCS12",
                        "-keystore",
                        conf.resolve("keystore").toString(),
                        "-storepass",
                        KEYSTORE_SECRET,
                        "-keypass",
                        KEYSTORE_SECRET,
                        "-dname",
                        "CN=localhost",
                        "-validity",
                        "2"))
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            throw new IllegalStateException("keytool failed: " + output);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
