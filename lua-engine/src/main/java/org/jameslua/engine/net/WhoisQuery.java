package org.jameslua.engine.net;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.time.Duration;

/**
 * One WHOIS query (RFC 3912): connect to port 43, send the query and CRLF, read until the server closes.
 * An answer is complete only when the server closes the connection, so one cut short by the time or size
 * bound is a failure, not a shorter answer.
 */
public final class WhoisQuery {
    public static final int PORT = 43;

    private final Duration timeout;
    private final int maxResponseBytes;

    public WhoisQuery(Duration timeout, int maxResponseBytes) {
        this.timeout = timeout;
        this.maxResponseBytes = maxResponseBytes;
    }

    /**
     * @param server {@code host} or {@code host:port}
     * @return the server's whole answer, as sent
     * @throws IOException when there is no complete answer within the time and size bounds
     */
    public byte[] ask(HostPort server, byte[] query) throws IOException {
        Deadline deadline = Deadline.in(timeout);
        try (Socket socket = TcpConnection.open(server, deadline)) {
            OutputStream out = socket.getOutputStream();
            out.write(query);
            out.write(new byte[] {'\r', '\n'});
            out.flush();
            return readAll(socket.getInputStream());
        } catch (IOException e) {
            throw TcpConnection.explain(e, deadline);
        }
    }

    private byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        int read;
        while ((read = in.read(buffer)) >= 0) {
            if (answer.size() + read > maxResponseBytes) {
                throw new IOException("the answer is longer than " + maxResponseBytes + " bytes");
            }
            answer.write(buffer, 0, read);
        }
        return answer.toByteArray();
    }
}
