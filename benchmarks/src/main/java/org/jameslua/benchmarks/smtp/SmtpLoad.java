package org.jameslua.benchmarks.smtp;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A load client: many SMTP connections, each sending messages one after another for a fixed time, timing
 * each message from MAIL FROM to the final reply to its data.
 */
public final class SmtpLoad {
    private final String host;
    private final int port;
    private final String sender;
    private final List<String> recipients;
    private final byte[] data;

    /** Each connection sends to the recipients in turn, starting at its own: no mailbox grows much faster than another. */
    public SmtpLoad(String host, int port, String sender, List<String> recipients, String message) {
        this.host = host;
        this.port = port;
        this.sender = sender;
        this.recipients = List.copyOf(recipients);
        this.data = wire(message);
    }

    /** The message as DATA sends it: CRLF line endings, leading dots doubled (RFC 5321 4.5.2), then ".". */
    private static byte[] wire(String message) {
        StringBuilder wire = new StringBuilder();
        for (String line : message.replace("\r\n", "\n").split("\n")) {
            wire.append(line.startsWith(".") ? "." : "").append(line).append("\r\n");
        }
        return wire.append(".\r\n").toString().getBytes(StandardCharsets.UTF_8);
    }

    public LoadResult run(int connections, Duration duration) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(connections);
        long deadline = System.nanoTime() + duration.toNanos();
        long start = System.nanoTime();
        try {
            List<Future<Session>> sessions = new ArrayList<>();
            for (int i = 0; i < connections; i++) {
                int first = i;
                sessions.add(pool.submit(() -> session(first, deadline)));
            }
            List<Long> latencies = new ArrayList<>();
            long failures = 0;
            String firstFailure = "";
            for (Future<Session> future : sessions) {
                Session session = future.get();
                latencies.addAll(session.latencies);
                failures += session.failures;
                firstFailure = firstFailure.isEmpty() ? session.firstFailure : firstFailure;
            }
            return LoadResult.of(
                    connections, Duration.ofNanos(System.nanoTime() - start), latencies, failures, firstFailure);
        } finally {
            pool.shutdownNow();
        }
    }

    private Session session(int first, long deadline) throws IOException {
        Session session = new Session();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 10_000);
            socket.setSoTimeout(30_000);
            BufferedReader in =
                    new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            OutputStream out = socket.getOutputStream();
            expect(in, "220");
            command(out, "EHLO load.example");
            expect(in, "250");
            for (int n = first; System.nanoTime() < deadline; n++) {
                long begin = System.nanoTime();
                String refusal = transaction(in, out, recipients.get(n % recipients.size()));
                if (refusal.isEmpty()) {
                    session.latencies.add((System.nanoTime() - begin) / 1000);
                } else {
                    session.failures++;
                    session.firstFailure = session.firstFailure.isEmpty() ? refusal : session.firstFailure;
                }
            }
            command(out, "QUIT");
            reply(in);
        }
        return session;
    }

    /** One message; the empty string when the server took it, else the reply that refused it. */
    private String transaction(BufferedReader in, OutputStream out, String recipient) throws IOException {
        command(out, "MAIL FROM:<" + sender + ">");
        String reply = reply(in);
        if (reply.startsWith("250")) {
            command(out, "RCPT TO:<" + recipient + ">");
            reply = reply(in);
        }
        if (reply.startsWith("250")) {
            command(out, "DATA");
            reply = reply(in);
            if (reply.startsWith("354")) {
                out.write(data);
                out.flush();
                reply = reply(in);
                return reply.startsWith("250") ? "" : reply;
            }
        }
        command(out, "RSET");
        reply(in);
        return reply;
    }

    private static void command(OutputStream out, String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    private static void expect(BufferedReader in, String code) throws IOException {
        String reply = reply(in);
        if (!reply.startsWith(code)) {
            throw new IOException("expected " + code + " but the server said " + reply);
        }
    }

    /** The last line of a possibly multi-line reply. */
    private static String reply(BufferedReader in) throws IOException {
        String line;
        do {
            line = in.readLine();
            if (line == null) {
                throw new IOException("the server closed the connection");
            }
        } while (line.length() > 3 && line.charAt(3) == '-');
        return line;
    }

    private static final class Session {
        final List<Long> latencies = new ArrayList<>();
        long failures;
        String firstFailure = "";
    }

    /** Messages per second and latency percentiles of one run; firstFailure is a refusing reply, or empty. */
    public record LoadResult(
            int connections,
            long messages,
            long failures,
            double messagesPerSecond,
            long p50Micros,
            long p99Micros,
            String firstFailure) {

        static LoadResult of(
                int connections, Duration elapsed, List<Long> latencies, long failures, String firstFailure) {
            long[] sorted = latencies.stream().mapToLong(Long::longValue).toArray();
            Arrays.sort(sorted);
            double seconds = elapsed.toNanos() / 1e9;
            return new LoadResult(
                    connections,
                    sorted.length,
                    failures,
                    sorted.length / seconds,
                    percentile(sorted, 0.50),
                    percentile(sorted, 0.99),
                    firstFailure);
        }

        private static long percentile(long[] sorted, double fraction) {
            if (sorted.length == 0) {
                return 0;
            }
            return sorted[Math.min(sorted.length - 1, (int) Math.ceil(fraction * sorted.length) - 1)];
        }
    }
}
