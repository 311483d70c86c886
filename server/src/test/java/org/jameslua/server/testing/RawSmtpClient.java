package org.jameslua.server.testing;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * A deliberately dumb SMTP client: it sends exactly the lines it is given and returns exactly what the server
 * answered, so tests can assert replies on the wire (javax.mail and commons-net both rewrite or hide them).
 */
public final class RawSmtpClient implements AutoCloseable {

    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    private RawSmtpClient(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new BufferedInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    public static RawSmtpClient connect(String host, int port) throws IOException {
        return connect(host, port, DEFAULT_TIMEOUT, DEFAULT_TIMEOUT);
    }

    /** The greeting is not consumed: read it with {@link #readReply()}. */
    public static RawSmtpClient connect(String host, int port, Duration connectTimeout, Duration readTimeout)
            throws IOException {
        return connect(new Socket(), host, port, connectTimeout, readTimeout);
    }

    /**
     * From another loopback address than 127.0.0.1 (127.0.0.2, ...), as a second client host would; the greeting
     * is not consumed.
     */
    public static RawSmtpClient connectFrom(String localAddress, String host, int port) throws IOException {
        Socket socket = new Socket();
        try {
            socket.bind(new InetSocketAddress(localAddress, 0));
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
        return connect(socket, host, port, DEFAULT_TIMEOUT, DEFAULT_TIMEOUT);
    }

    private static RawSmtpClient connect(
            Socket socket, String host, int port, Duration connectTimeout, Duration readTimeout) throws IOException {
        try {
            socket.connect(new InetSocketAddress(host, port), Math.toIntExact(connectTimeout.toMillis()));
            socket.setSoTimeout(Math.toIntExact(readTimeout.toMillis()));
            return new RawSmtpClient(socket);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /** Sends each later write in a packet of its own, as a client trickling its input does. */
    public RawSmtpClient sendingEachWriteAtOnce() throws IOException {
        socket.setTcpNoDelay(true);
        return this;
    }

    /** Sends one command line (CRLF appended) and reads the reply. */
    public SmtpReply command(String line) throws IOException {
        sendLine(line);
        return readReply();
    }

    /** Sends one line without reading anything, e.g. to pipeline commands. */
    public void sendLine(String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** Sends bytes exactly as given (binary, several pipelined commands, half a line), reading nothing. */
    public void sendBytes(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /**
     * Sends a message body after a 354 reply: line endings normalised to CRLF, lines starting with "." doubled
     * (RFC 5321 4.5.2), then the terminating ".". Returns the server's verdict on the message.
     */
    public SmtpReply sendMessage(String message) throws IOException {
        StringBuilder wire = new StringBuilder();
        for (String line : message.split("\r?\n", -1)) {
            wire.append(line.startsWith(".") ? "." : "").append(line).append("\r\n");
        }
        if (message.endsWith("\n")) {
            // split(-1) produced an empty last element for the final line break; it is not an extra blank line
            wire.setLength(wire.length() - 2);
        }
        wire.append(".\r\n");
        out.write(wire.toString().getBytes(StandardCharsets.UTF_8));
        out.flush();
        return readReply();
    }

    /** Reads one reply, following "NNN-" continuation lines up to the final "NNN " line. */
    public SmtpReply readReply() throws IOException {
        List<String> lines = new ArrayList<>();
        String line;
        do {
            line = readLine();
            lines.add(line);
        } while (line.length() > 3 && line.charAt(3) == '-');
        return new SmtpReply(lines);
    }

    /**
     * This connection after the server's 220 to STARTTLS: the TLS handshake started at once, as a client does as soon
     * as the 220 arrives; the client returned speaks through TLS, and closing it closes this connection.
     */
    public RawSmtpClient overTls(SSLSocketFactory tls) throws IOException {
        SSLSocket secure =
                (SSLSocket) tls.createSocket(socket, socket.getInetAddress().getHostAddress(), socket.getPort(), true);
        secure.startHandshake();
        return new RawSmtpClient(secure);
    }

    /** True when the server has closed the connection; false if it is still open after the read timeout. */
    public boolean isClosedByServer() throws IOException {
        try {
            return in.read() == -1;
        } catch (SocketTimeoutException stillOpen) {
            return false;
        }
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != '\n') {
            if (b == -1) {
                throw new EOFException("Connection closed by server after: " + line.toString(StandardCharsets.UTF_8));
            }
            line.write(b);
        }
        String text = line.toString(StandardCharsets.UTF_8);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }

    /** Resets the connection (SO_LINGER 0), as a client that crashes or gives up does, instead of closing it. */
    public void reset() throws IOException {
        socket.setSoLinger(true, 0);
        socket.close();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
