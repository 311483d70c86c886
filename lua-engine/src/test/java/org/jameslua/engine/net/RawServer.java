package org.jameslua.engine.net;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A one-connection TCP server on loopback for tests: it reads the client's first line, writes a canned
 * reply and closes its side, or holds the connection open after it.
 */
final class RawServer implements AutoCloseable {
    private final ServerSocket server;
    private final CompletableFuture<String> firstLine = new CompletableFuture<>();

    private RawServer(byte[] reply, boolean close) {
        try {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread thread = new Thread(() -> serve(reply, close), "raw test server");
        thread.setDaemon(true);
        thread.start();
    }

    static RawServer replying(String reply) {
        return replying(reply.getBytes(StandardCharsets.ISO_8859_1));
    }

    static RawServer replying(byte[] reply) {
        return new RawServer(reply, true);
    }

    /** Reads the request and writes the start of a reply, then neither goes on nor closes. */
    static RawServer holding(String start) {
        return new RawServer(start.getBytes(StandardCharsets.ISO_8859_1), false);
    }

    int port() {
        return server.getLocalPort();
    }

    /** The first line the client sent, with its line ending. */
    String firstLine() throws Exception {
        return firstLine.get(5, TimeUnit.SECONDS);
    }

    private void serve(byte[] reply, boolean close) {
        try (Socket socket = server.accept()) {
            firstLine.complete(readLine(socket.getInputStream()));
            socket.getOutputStream().write(reply);
            socket.getOutputStream().flush();
            if (close) {
                // ends the reply with a clean close; closing the socket with the rest of the request unread would
                // reset the connection, which Java 11's sockets report instead of the end of the reply
                socket.shutdownOutput();
            }
            while (socket.getInputStream().read() >= 0) {
                // reads the rest of the request until the client closes, or gives up on a held reply
            }
        } catch (IOException e) {
            firstLine.completeExceptionally(e);
        }
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            line.write(b);
            if (b == '\n') {
                break;
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
