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
    private final String recipient;
    private final byte[] data;

    public SmtpLoad(String host, int port, String sender, String recipient, String message) {
        this.host = host;
        this.port = port;
        this.sender = sender;
        this.recipient = recipient;
        this.data = (message.replace("\r\n", "\n").replace("\n", "\r\n") + "\r\n.\r\n").getBytes(StandardCharsets.UTF_8);
    }

    public LoadResult run(int connections, Duration duration) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(connections);
        long deadline = System.nanoTime() + duration.toNanos();
        long start = System.nanoTime();
        try {
            List<Future<Session>> sessions = new ArrayList<>();
            for (int i = 0; i < connections; i++) {
                sessions.add(pool.submit(() -> session(deadline)));
            }
            List<Long> latencies = new ArrayList<>();
            long failures = 0;
            for (Future<Session> session : sessions) {
                latencies.addAll(session.get().latencies);
                failures += session.get().failures;
            }
            return LoadResult.of(connections, Duration.ofNanos(System.nanoTime() - start), latencies, failures);
        } finally {
            pool.shutdownNow();
        }
    }

    private Session session(long deadline) throws IOException {
        Session session = new Session();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 10_000);
            socket.setSoTimeout(30_000);
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            OutputStream out = socket.getOutputStream();
            expect(in, "220");
            command(out, "EHLO load.example");
            expect(in, "250");
            while (System.nanoTime() < deadline) {
                long begin = System.nanoTime();
                command(out, "MAIL FROM:<" + sender + ">");
                boolean ok = reply(in).startsWith("250");
                command(out, "RCPT TO:<" + recipient + ">");
                ok &= reply(in).startsWith("250");
                command(out, "DATA");
                if (reply(in).startsWith("354")) {
                    out.write(data);
                    out.flush();
                    ok &= reply(in).startsWith("250");
                } else {
                    ok = false;
                    command(out, "RSET");
                    reply(in);
                }
                if (ok) {
                    session.latencies.add((System.nanoTime() - begin) / 1000);
                } else {
                    session.failures++;
                }
            }
            command(out, "QUIT");
            reply(in);
        }
        return session;
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
    }

    /** Messages per second and latency percentiles of one run. */
    public record LoadResult(int connections, long messages, long failures, double messagesPerSecond, long p50Micros,
                             long p99Micros) {

        static LoadResult of(int connections, Duration elapsed, List<Long> latencies, long failures) {
            long[] sorted = latencies.stream().mapToLong(Long::longValue).toArray();
            Arrays.sort(sorted);
            double seconds = elapsed.toNanos() / 1e9;
            return new LoadResult(connections, sorted.length, failures, sorted.length / seconds,
                    percentile(sorted, 0.50), percentile(sorted, 0.99));
        }

        private static long percentile(long[] sorted, double fraction) {
            if (sorted.length == 0) {
                return 0;
            }
            return sorted[Math.min(sorted.length - 1, (int) Math.ceil(fraction * sorted.length) - 1)];
        }
    }
}
