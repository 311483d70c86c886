package org.jameslua.server.testing;

import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The remote SMTP server mail goes out to, on a loopback port: it records each message it accepts, with its
 * envelope, in the order the messages arrive. It can refuse given recipients (any 4xx or 5xx reply at RCPT), and
 * be paused: while paused it holds every reply, so that a sender's connection waits and its backlog builds.
 */
public final class LoopbackSmtpServer implements AutoCloseable {
    private static final Pattern ADDRESS = Pattern.compile("<([^>]*)>");
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Duration SETTLED = Duration.ofMillis(1500);

    /** A message as it arrived: the envelope sender ("" for a bounce), the accepted recipients, the data. */
    public record Delivery(String sender, List<String> recipients, String message) {
        /** The Subject header's value, or "". */
        public String subject() {
            Matcher subject = Pattern.compile("(?im)^Subject: ?(.*)$").matcher(message.split("\r\n\r\n", 2)[0]);
            return subject.find() ? subject.group(1).strip() : "";
        }
    }

    private final ServerSocket socket;
    private final ExecutorService sessions = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "loopback-smtp");
        thread.setDaemon(true);
        return thread;
    });
    private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
    private final Map<String, String> refusals = new ConcurrentHashMap<>();
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private final Object pause = new Object();
    private boolean paused;

    public LoopbackSmtpServer() {
        try {
            socket = new ServerSocket();
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        sessions.execute(this::accept);
    }

    public String host() {
        return "127.0.0.1";
    }

    public int port() {
        return socket.getLocalPort();
    }

    /** Answers RCPT for this recipient with {@code reply}, e.g. {@code "550 5.1.1 No such user"}. */
    public LoopbackSmtpServer refuse(String recipient, String reply) {
        refusals.put(recipient.toLowerCase(Locale.ROOT), reply);
        return this;
    }

    /** Holds every reply from now on, until {@link #resume()}. */
    public void pause() {
        synchronized (pause) {
            paused = true;
        }
    }

    public void resume() {
        synchronized (pause) {
            paused = false;
            pause.notifyAll();
        }
    }

    /** The messages accepted so far, in arrival order. */
    public List<Delivery> deliveries() {
        return List.copyOf(deliveries);
    }

    /** Waits until at least {@code count} messages arrived; returns them all. */
    public List<Delivery> awaitDeliveries(int count) {
        await().atMost(WAIT).until(() -> deliveries.size() >= count);
        return deliveries();
    }

    /**
     * Waits until a message with this subject arrived, then asserts that it stays the only one for a moment (a
     * copy sent twice would show); returns it.
     */
    public Delivery awaitSingle(String subject) {
        await().atMost(WAIT).until(() -> count(subject) >= 1);
        await().during(SETTLED).atMost(SETTLED.multipliedBy(2)).until(() -> count(subject) == 1);
        return deliveries.stream()
                .filter(delivery -> delivery.subject().equals(subject))
                .findFirst()
                .orElseThrow();
    }

    private long count(String subject) {
        return deliveries.stream()
                .filter(delivery -> delivery.subject().equals(subject))
                .count();
    }

    /** Waits until one session is connected (and, when paused, waiting for its greeting). */
    public void awaitConnection() {
        await().atMost(WAIT).until(() -> !open.isEmpty());
    }

    /** Forgets the messages and refusals, and stops holding replies. */
    public void reset() {
        deliveries.clear();
        refusals.clear();
        resume();
    }

    @Override
    public void close() throws IOException {
        resume();
        socket.close();
        for (Socket session : open) {
            session.close();
        }
        sessions.shutdownNow();
    }

    private void accept() {
        while (!socket.isClosed()) {
            try {
                Socket session = socket.accept();
                open.add(session);
                sessions.execute(() -> serve(session));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket session) {
        try (session;
                BufferedReader in = new BufferedReader(
                        new InputStreamReader(session.getInputStream(), StandardCharsets.ISO_8859_1));
                OutputStream out = session.getOutputStream()) {
            reply(out, "220 loopback.test ESMTP");
            String sender = null;
            List<String> recipients = new ArrayList<>();
            String line;
            while ((line = in.readLine()) != null) {
                String verb = line.split(" ", 2)[0].toUpperCase(Locale.ROOT);
                switch (verb) {
                    case "EHLO", "HELO" -> reply(out, "250 loopback.test");
                    case "MAIL" -> {
                        sender = address(line);
                        recipients.clear();
                        reply(out, "250 2.1.0 OK");
                    }
                    case "RCPT" -> {
                        String recipient = address(line);
                        String refusal = refusals.get(recipient.toLowerCase(Locale.ROOT));
                        if (refusal != null) {
                            reply(out, refusal);
                        } else {
                            recipients.add(recipient);
                            reply(out, "250 2.1.5 OK");
                        }
                    }
                    case "DATA" -> {
                        reply(out, "354 End data with <CR><LF>.<CR><LF>");
                        deliveries.add(new Delivery(sender, List.copyOf(recipients), data(in)));
                        reply(out, "250 2.0.0 Accepted");
                    }
                    case "RSET" -> {
                        sender = null;
                        recipients.clear();
                        reply(out, "250 2.0.0 OK");
                    }
                    case "NOOP" -> reply(out, "250 2.0.0 OK");
                    case "QUIT" -> {
                        reply(out, "221 2.0.0 Bye");
                        return;
                    }
                    default -> reply(out, "502 5.5.1 Not implemented");
                }
            }
        } catch (IOException | InterruptedException ended) {
            // the client went away or the server is closing
        } finally {
            open.remove(session);
        }
    }

    private static String data(BufferedReader in) throws IOException {
        StringBuilder message = new StringBuilder();
        String line;
        while ((line = in.readLine()) != null && !line.equals(".")) {
            message.append(line.startsWith(".") ? line.substring(1) : line).append("\r\n");
        }
        return message.toString();
    }

    private static String address(String command) {
        Matcher address = ADDRESS.matcher(command);
        return address.find() ? address.group(1) : "";
    }

    private void reply(OutputStream out, String reply) throws IOException, InterruptedException {
        synchronized (pause) {
            while (paused) {
                pause.wait();
            }
        }
        out.write((reply + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }
}
