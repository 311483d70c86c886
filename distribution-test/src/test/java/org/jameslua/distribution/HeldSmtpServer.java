package org.jameslua.distribution;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A slow mail server on loopback for James's RemoteDelivery: it takes each message whole, notes its
 * {@code Subject} as arrived, and holds the reply to it until {@link #release()}, so that every delivery James
 * starts stays busy until the test lets it finish. Then it accepts them all. It knows no {@link #REFUSED} recipient.
 */
final class HeldSmtpServer implements AutoCloseable {
    /** The local part of the recipients refused at once, 550 to RCPT, as a server that has no such user. */
    static final String REFUSED = "nobody";

    private final ServerSocket socket;
    private final ExecutorService connections = Executors.newCachedThreadPool();
    private final CountDownLatch released = new CountDownLatch(1);
    private final List<String> arrived = new ArrayList<>();
    private final List<String> accepted = new ArrayList<>();

    private HeldSmtpServer(ServerSocket socket) {
        this.socket = socket;
    }

    static HeldSmtpServer start() throws IOException {
        HeldSmtpServer server = new HeldSmtpServer(new ServerSocket(0, 512, InetAddress.getByName(LoopbackConf.HOST)));
        server.connections.execute(server::acceptConnections);
        return server;
    }

    int port() {
        return socket.getLocalPort();
    }

    /** The subjects of the messages taken so far, in the order they came in, answered or not. */
    synchronized List<String> arrived() {
        return List.copyOf(arrived);
    }

    /** The subjects of the messages answered with 250. */
    synchronized List<String> accepted() {
        return List.copyOf(accepted);
    }

    /** Answers every message held, and every one to come, at once. */
    void release() {
        released.countDown();
    }

    private void acceptConnections() {
        while (!socket.isClosed()) {
            try {
                Socket connection = socket.accept();
                connections.execute(() -> serve(connection));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket connection) {
        try (connection) {
            BufferedReader in =
                    new BufferedReader(new InputStreamReader(connection.getInputStream(), StandardCharsets.US_ASCII));
            OutputStream out = connection.getOutputStream();
            reply(out, "220 held.example slow ESMTP");
            String line;
            while ((line = in.readLine()) != null) {
                String verb = line.length() < 4
                        ? line.toUpperCase()
                        : line.substring(0, 4).toUpperCase();
                if (verb.equals("QUIT")) {
                    reply(out, "221 bye");
                    return;
                }
                if (verb.equals("DATA")) {
                    reply(out, "354 go ahead");
                    String subject = readMessage(in);
                    synchronized (this) {
                        arrived.add(subject);
                    }
                    released.await();
                    synchronized (this) {
                        accepted.add(subject);
                    }
                    reply(out, "250 taken");
                } else if (verb.equals("RCPT") && line.toLowerCase().contains("<" + REFUSED + "@")) {
                    reply(out, "550 5.1.1 no such user here");
                } else {
                    reply(out, "250 ok");
                }
            }
        } catch (IOException | InterruptedException e) {
            // James gave up on this connection, or the test is over: nothing was accepted on it
        }
    }

    private static String readMessage(BufferedReader in) throws IOException {
        String subject = "";
        String line;
        while ((line = in.readLine()) != null && !line.equals(".")) {
            if (subject.isEmpty() && line.regionMatches(true, 0, "Subject: ", 0, 9)) {
                subject = line.substring(9);
            }
        }
        return subject;
    }

    private static void reply(OutputStream out, String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        release();
        socket.close();
        connections.shutdownNow();
    }
}
