package org.jameslua.benchmarks.load;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The load, as a process of its own so that its CPU is not James's: {@code connections} clients at once, each
 * sending sessions of {@code per-session} messages (a new connection, EHLO, the messages, QUIT) until
 * {@code messages} are accepted, then waiting until James's spool queue is empty (the mail delivered to the
 * mailboxes). Prints one {@link LoadResult} line.
 *
 * <p>A message's latency runs from its session's connect (the first message of a session) or its MAIL FROM (the
 * others) to the 250 after its data. With {@code --slow-every K}, one client in K greets with {@code slow-N} (the
 * slow-HELO script's DNS lookup) and sends outside the count; the result is the others' alone.
 *
 * <pre>java -cp ... org.jameslua.benchmarks.load.LoadClient --port P --webadmin W --connections C
 *     --per-session S --messages M --mailboxes U --seed N [--slow-every K]</pre>
 */
public final class LoadClient {
    private static final int CONNECT = SmtpSteps.index("connect");
    private static final int EHLO = SmtpSteps.index("EHLO");
    private static final int MAIL = SmtpSteps.index("MAIL");
    private static final int RCPT = SmtpSteps.index("RCPT");
    private static final int DATA = SmtpSteps.index("DATA");
    private static final int END_OF_DATA = SmtpSteps.index("end of data");
    private static final int QUIT = SmtpSteps.index("QUIT");
    private static final Pattern SPOOL_SIZE = Pattern.compile("\"size\"\\s*:\\s*(\\d+)");
    private static final String HOST = "127.0.0.1";

    private final int port;
    private final int perSession;
    private final List<MailGenerator.Mail> mails;
    private final MailGenerator slowMail;
    private final AtomicInteger next = new AtomicInteger();
    private final AtomicBoolean measuredDone = new AtomicBoolean();
    private final AtomicInteger slowSent = new AtomicInteger();
    private final AtomicInteger deliveries = new AtomicInteger();
    private final AtomicInteger slowSessions = new AtomicInteger();
    private final AtomicLong slowSessionNanos = new AtomicLong();

    private LoadClient(int port, int perSession, List<MailGenerator.Mail> mails, MailGenerator slowMail) {
        this.port = port;
        this.perSession = perSession;
        this.mails = mails;
        this.slowMail = slowMail;
    }

    public static void main(String[] args) throws Exception {
        Options options = new Options(args);
        int messages = options.integer("messages");
        int connections = options.integer("connections");
        int slowEvery = options.integer("slow-every", 0);
        MailGenerator generator = new MailGenerator(options.integer("mailboxes"), options.integer("seed"));
        List<MailGenerator.Mail> mails = new ArrayList<>(messages);
        for (int i = 0; i < messages; i++) {
            mails.add(generator.mail(i));
        }
        LoadClient client = new LoadClient(
                options.integer("port"),
                options.integer("per-session"),
                mails,
                new MailGenerator(options.integer("mailboxes"), options.integer("seed") + 7_777_777L));
        LoadResult result = client.run(connections, slowEvery, options.integer("webadmin"));
        System.out.println(result.line());
        if (result.refused() > 0) {
            System.exit(1);
        }
    }

    private LoadResult run(int connections, int slowEvery, int webadmin) throws Exception {
        List<long[]> latencies = new ArrayList<>();
        List<SmtpSteps> steps = new ArrayList<>();
        List<Thread> measured = new ArrayList<>();
        List<Thread> slow = new ArrayList<>();
        AtomicInteger refused = new AtomicInteger();
        StringBuilder firstRefusal = new StringBuilder();
        CountDownLatch go = new CountDownLatch(1);
        for (int i = 0; i < connections; i++) {
            boolean isSlow = slowEvery > 0 && i % slowEvery == 0;
            long[] mine = new long[mails.size()];
            SmtpSteps mySteps = new SmtpSteps();
            int client = i;
            Thread thread = new Thread(
                    () -> {
                        try {
                            go.await();
                            if (isSlow) {
                                slowClient(client);
                            } else {
                                measuredClient(mine, mySteps);
                            }
                        } catch (Exception e) {
                            synchronized (firstRefusal) {
                                refused.incrementAndGet();
                                if (firstRefusal.length() == 0) {
                                    firstRefusal.append(e.getMessage());
                                }
                            }
                        }
                    },
                    "load-" + i);
            (isSlow ? slow : measured).add(thread);
            if (!isSlow) {
                latencies.add(mine);
                steps.add(mySteps);
            }
            thread.start();
        }
        long start = System.nanoTime();
        go.countDown();
        for (Thread thread : measured) {
            thread.join();
        }
        long accepted = System.nanoTime();
        measuredDone.set(true);
        // timed before the slow clients end: their last wait is not the others' time
        awaitEmptySpool(webadmin);
        long delivered = System.nanoTime();
        for (Thread thread : slow) {
            thread.join();
        }
        if (refused.get() > 0) {
            System.err.println("refused or failed: " + refused.get() + ", first: " + firstRefusal);
        }
        long[] all = latencies.stream()
                .flatMapToLong(Arrays::stream)
                .filter(l -> l > 0)
                .sorted()
                .toArray();
        return new LoadResult(
                all.length,
                (accepted - start) / 1e9,
                (delivered - start) / 1e9,
                percentile(all, 0.50),
                percentile(all, 0.99),
                refused.get(),
                SmtpSteps.medians(steps),
                slowSent.get(),
                slowSessions.get() == 0 ? 0 : slowSessionNanos.get() / 1e6 / slowSessions.get(),
                deliveries.get(),
                ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                                .getProcessCpuTime()
                        / 1e6);
    }

    private static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
    }

    private void measuredClient(long[] latencies, SmtpSteps steps) throws IOException {
        int taken = 0;
        while (true) {
            int first = next.getAndAdd(perSession);
            if (first >= mails.size()) {
                return;
            }
            int count = Math.min(perSession, mails.size() - first);
            long[] session = session("client.bench.example", mails.subList(first, first + count), steps);
            System.arraycopy(session, 0, latencies, taken, count);
            taken += count;
        }
    }

    private void slowClient(int client) throws IOException {
        int n = 0;
        while (!measuredDone.get()) {
            List<MailGenerator.Mail> batch = new ArrayList<>();
            for (int i = 0; i < perSession; i++) {
                batch.add(slowMail.mail(client * 1_000_000 + n++));
            }
            long start = System.nanoTime();
            session("slow-" + client + ".bench.example", batch, new SmtpSteps());
            slowSessionNanos.addAndGet(System.nanoTime() - start);
            slowSessions.incrementAndGet();
            slowSent.addAndGet(batch.size());
        }
    }

    /** One session: connect, EHLO, the mails, QUIT; each mail's latency in nanoseconds, each step's in steps. */
    private long[] session(String helo, List<MailGenerator.Mail> batch, SmtpSteps steps) throws IOException {
        long[] latencies = new long[batch.size()];
        long connect = System.nanoTime();
        try (Socket socket = new Socket()) {
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(120_000);
            socket.connect(new InetSocketAddress(HOST, port), 30_000);
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 65536);
            expect(in, 220, "greeting");
            steps.add(CONNECT, System.nanoTime() - connect);
            command(in, out, "EHLO " + helo, 250, steps, EHLO);
            for (int i = 0; i < batch.size(); i++) {
                MailGenerator.Mail mail = batch.get(i);
                long start = i == 0 ? connect : System.nanoTime();
                command(in, out, "MAIL FROM:<" + mail.sender() + ">", 250, steps, MAIL);
                for (String recipient : mail.recipients()) {
                    command(in, out, "RCPT TO:<" + recipient + ">", 250, steps, RCPT);
                }
                command(in, out, "DATA", 354, steps, DATA);
                long body = System.nanoTime();
                out.write(mail.data());
                out.write(".\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                expect(in, 250, "end of data");
                steps.add(END_OF_DATA, System.nanoTime() - body);
                latencies[i] = System.nanoTime() - start;
                deliveries.addAndGet(mail.recipients().size());
            }
            command(in, out, "QUIT", 221, steps, QUIT);
        }
        return latencies;
    }

    private static void command(InputStream in, OutputStream out, String line, int code, SmtpSteps steps, int step)
            throws IOException {
        long start = System.nanoTime();
        out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        expect(in, code, line);
        steps.add(step, System.nanoTime() - start);
    }

    private static void expect(InputStream in, int code, String after) throws IOException {
        String reply = reply(in);
        if (!reply.startsWith(Integer.toString(code))) {
            throw new IOException(after + " got: " + reply);
        }
    }

    /** The last line of a reply (multi-line replies are {@code NNN-} lines ending with {@code NNN }). */
    private static String reply(InputStream in) throws IOException {
        while (true) {
            StringBuilder line = new StringBuilder();
            int c;
            while ((c = in.read()) != '\n') {
                if (c < 0) {
                    throw new IOException("connection closed after: " + line);
                }
                if (c != '\r') {
                    line.append((char) c);
                }
            }
            if (line.length() < 4 || line.charAt(3) != '-') {
                return line.toString();
            }
        }
    }

    /** The memory spool queue's size, polled from webadmin, until it reads 0. */
    private static void awaitEmptySpool(int webadmin) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create("http://" + HOST + ":" + webadmin + "/mailQueues/spool"))
                .build();
        while (true) {
            String body =
                    http.send(request, HttpResponse.BodyHandlers.ofString()).body();
            Matcher size = SPOOL_SIZE.matcher(body);
            if (!size.find()) {
                throw new IOException("unexpected /mailQueues/spool answer: " + body);
            }
            if (Long.parseLong(size.group(1)) == 0) {
                return;
            }
            Thread.sleep(50);
        }
    }
}
