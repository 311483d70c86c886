package org.jameslua.distribution;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/** A plain SMTP client that shows each reply whole, as a user at a terminal sees it. */
final class SmtpDialogue implements AutoCloseable {
    private final Socket socket;
    private final BufferedReader in;
    private final OutputStream out;

    private SmtpDialogue(Socket socket) throws IOException {
        this.socket = socket;
        this.socket.setSoTimeout(30_000);
        this.in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
        this.out = socket.getOutputStream();
    }

    /** Connected, the greeting read. */
    static SmtpDialogue connected(int port) throws IOException {
        SmtpDialogue smtp = new SmtpDialogue(new Socket(LoopbackConf.HOST, port));
        smtp.reply();
        return smtp;
    }

    /**
     * Connected from {@code clientAddress}, a loopback address of its own (127.0.0.2, say) that a script can tell
     * apart by {@code IPAddress}; nothing read yet, the greeting included.
     */
    static SmtpDialogue openedFrom(String clientAddress, int port) throws IOException {
        return new SmtpDialogue(
                new Socket(InetAddress.getByName(LoopbackConf.HOST), port, InetAddress.getByName(clientAddress), 0));
    }

    /** Connected, the greeting read, greeted with EHLO as {@code client.example}. */
    static SmtpDialogue greeted(int port) throws IOException {
        SmtpDialogue smtp = connected(port);
        smtp.command("EHLO client.example");
        return smtp;
    }

    /**
     * This connection after the server's 220 to STARTTLS: the TLS handshake started at once, as clients do, and
     * greeted again with EHLO inside TLS.
     */
    SmtpDialogue overTls(SSLSocketFactory tls) throws IOException {
        SSLSocket secure = (SSLSocket) tls.createSocket(socket, LoopbackConf.HOST, socket.getPort(), true);
        secure.startHandshake();
        SmtpDialogue smtp = new SmtpDialogue(secure);
        smtp.command("EHLO client.example");
        return smtp;
    }

    /** The reply's lines. */
    List<String> command(String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return reply();
    }

    /** The lines sent in one write, as a pipelining client sends them; the reply to each, in the order they came. */
    List<List<String>> pipelined(String... lines) throws IOException {
        out.write((String.join("\r\n", lines) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        List<List<String>> replies = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            replies.add(reply());
        }
        return replies;
    }

    /** MAIL, RCPT, DATA and the message; the reply to the message's final dot. */
    List<String> send(String from, String to, String message) throws IOException {
        command("MAIL FROM:<" + from + ">");
        command("RCPT TO:<" + to + ">");
        command("DATA");
        StringBuilder data = new StringBuilder();
        for (String line : message.split("\n", -1)) {
            data.append(line.startsWith(".") ? "." : "").append(line).append("\r\n");
        }
        return command(data + ".");
    }

    /** The next reply's lines, read without sending anything. */
    List<String> reply() throws IOException {
        List<String> lines = new ArrayList<>();
        String line;
        do {
            line = in.readLine();
            if (line == null) {
                throw new IOException("connection closed after " + lines);
            }
            lines.add(line);
        } while (line.length() > 3 && line.charAt(3) == '-');
        return lines;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
