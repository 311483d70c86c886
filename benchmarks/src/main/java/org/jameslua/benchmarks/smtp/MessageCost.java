package org.jameslua.benchmarks.smtp;

import com.google.inject.multibindings.Multibinder;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import jdk.jfr.Recording;
import org.apache.james.utils.GuiceProbe;
import org.jameslua.server.JamesLuaServer;

/**
 * The CPU time and the memory allocated per message by the whole server (every thread but the client's), one new
 * connection per message (EHLO, MAIL, RCPT, DATA, QUIT), one message at a time, until each is in its INBOX:
 * what the pack adds to a message, without the noise of a load's concurrency. Configurations, measured in turn,
 * {@code --rounds} times: (a) stock James; (e) the pack with an SMTPSVR.LUA defining no callback (the pack's fixed
 * cost: the session's instance, the handler chain, the hand-offs to the workers); (b) the sample SMTPSVR.LUA; (b')
 * the throughput benchmark's SMTPSVR.LUA, defining every callback and adding a header in DoDATAStart and one through
 * HeaderModifiers. The pack's mailets are left out of all (the figures are the SMTP server's).
 *
 * <p>Options: {@code --messages N} (default 2000), {@code --warmup N} (default 2000), {@code --rounds N} (default 3),
 * {@code --only a,e,b,b'}, {@code --jfr FOLDER} (a JFR profile of each measure, warm-up left out, written there as
 * CONFIGURATION-ROUND.jfr). The allocation figure is the heap's growth plus what each collection freed
 * ({@link HeapAllocation}), less the client thread's own.
 */
public final class MessageCost {
    private static final String SENDER = "sender@example.org";
    private static final int RECIPIENTS = 100;
    private static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(120);
    private static final com.sun.management.OperatingSystemMXBean PROCESS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private record Configuration(String name, Supplier<JamesLuaServer.Builder> builder, Optional<String> script) {}

    private record Figures(double cpuMicros, double allocatedKiB) {}

    private MessageCost() {}

    public static void main(String[] args) throws Exception {
        int messages = 2000;
        int warmup = 2000;
        int rounds = 3;
        List<String> only = List.of("a", "e", "b", "b'");
        Optional<Path> jfr = Optional.empty();
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--messages" -> messages = Integer.parseInt(args[i + 1]);
                case "--warmup" -> warmup = Integer.parseInt(args[i + 1]);
                case "--rounds" -> rounds = Integer.parseInt(args[i + 1]);
                case "--only" -> only = List.of(args[i + 1].split(","));
                case "--jfr" -> jfr = Optional.of(Path.of(args[i + 1]));
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        List<Configuration> configurations = new ArrayList<>();
        for (Configuration configuration : List.of(
                new Configuration("a", () -> JamesLuaServer.builder().withoutPack(), Optional.empty()),
                new Configuration("e", MessageCost::packWithoutMailets, Optional.of("-- no callback\n")),
                new Configuration("b", MessageCost::packWithoutMailets, Optional.empty()),
                new Configuration("b'", MessageCost::packWithoutMailets, Optional.of(everyCallbackScript())))) {
            if (only.contains(configuration.name())) {
                configurations.add(configuration);
            }
        }
        Map<String, List<Figures>> figures = new LinkedHashMap<>();
        for (int round = 1; round <= rounds; round++) {
            for (Configuration configuration : configurations) {
                String file = configuration.name() + "-" + round + ".jfr";
                Optional<Path> profile = jfr.map(folder -> folder.resolve(file));
                Figures measured = measure(configuration, warmup, messages, profile);
                figures.computeIfAbsent(configuration.name(), name -> new ArrayList<>())
                        .add(measured);
                System.out.printf(
                        Locale.ROOT,
                        "round %d (%s): %.0f µs CPU, %.0f KiB allocated per message%n",
                        round,
                        configuration.name(),
                        measured.cpuMicros(),
                        measured.allocatedKiB());
            }
        }
        System.out.printf(
                Locale.ROOT,
                "%n%d messages per measure after %d warm-up, %d rounds; medians:%n%n",
                messages,
                warmup,
                rounds);
        System.out.println("| configuration | server CPU µs/msg | allocated KiB/msg |");
        System.out.println("|---|---:|---:|");
        figures.forEach((name, list) -> System.out.printf(
                Locale.ROOT,
                "| (%s) | %.0f | %.0f |%n",
                name,
                median(list.stream().mapToDouble(Figures::cpuMicros).toArray()),
                median(list.stream().mapToDouble(Figures::allocatedKiB).toArray())));
        System.exit(0);
    }

    private static JamesLuaServer.Builder packWithoutMailets() {
        return JamesLuaServer.builder().withoutPackMailets().stockCoreBindings();
    }

    private static String everyCallbackScript() throws IOException {
        try (InputStream in = MessageCost.class.getResourceAsStream(SmtpThroughput.SCRIPT)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static Figures measure(Configuration configuration, int warmup, int messages, Optional<Path> profile)
            throws Exception {
        JamesLuaServer.Builder builder = configuration.builder().get();
        builder.overrideWith(binder ->
                Multibinder.newSetBinder(binder, GuiceProbe.class).addBinding().to(InboxProbe.class));
        List<String> recipients = new ArrayList<>();
        for (int i = 1; i <= RECIPIENTS; i++) {
            recipients.add("user" + i + "@" + JamesLuaServer.DEFAULT_DOMAIN);
            builder.user(recipients.get(i - 1), JamesLuaServer.DEFAULT_PASSWORD);
        }
        try (JamesLuaServer server = builder.start()) {
            if (configuration.script().isPresent()) {
                Files.writeString(
                        server.scriptsFolder().resolve("SMTPSVR.LUA.new"),
                        configuration.script().get());
                Files.move(
                        server.scriptsFolder().resolve("SMTPSVR.LUA.new"),
                        server.scriptsFolder().resolve("SMTPSVR.LUA"),
                        StandardCopyOption.REPLACE_EXISTING,
                        StandardCopyOption.ATOMIC_MOVE);
            }
            InboxProbe inbox = server.probe(InboxProbe.class);
            byte[] data = wire(SmtpThroughput.MESSAGE);
            send(server.smtpPort(), recipients, data, 0, warmup);
            awaitDelivery(inbox, recipients, warmup);
            Optional<Recording> recording = profile.map(file -> new Recording(profileSettings()));
            recording.ifPresent(Recording::start);
            long clientCpu = THREADS.getCurrentThreadCpuTime();
            long clientAllocated = THREADS.getCurrentThreadAllocatedBytes();
            long cpu = PROCESS.getProcessCpuTime();
            HeapAllocation heap = HeapAllocation.start();
            send(server.smtpPort(), recipients, data, warmup, messages);
            awaitDelivery(inbox, recipients, warmup + messages);
            long serverCpu = PROCESS.getProcessCpuTime() - cpu - (THREADS.getCurrentThreadCpuTime() - clientCpu);
            long serverAllocated = heap.stop() - (THREADS.getCurrentThreadAllocatedBytes() - clientAllocated);
            if (recording.isPresent()) {
                recording.get().stop();
                recording.get().dump(profile.get());
                recording.get().close();
            }
            return new Figures(serverCpu / 1e3 / messages, serverAllocated / 1024.0 / messages);
        }
    }

    private static jdk.jfr.Configuration profileSettings() {
        try {
            return jdk.jfr.Configuration.getConfiguration("profile");
        } catch (IOException | java.text.ParseException e) {
            throw new IllegalStateException("the JDK's JFR settings \"profile\": " + e.getMessage(), e);
        }
    }

    private static void send(int port, List<String> recipients, byte[] data, int first, int count) throws IOException {
        for (int n = first; n < first + count; n++) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
                socket.setSoTimeout(30_000);
                BufferedReader in =
                        new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
                OutputStream out = socket.getOutputStream();
                expect(in, "220");
                expect(in, out, "EHLO load.example", "250");
                expect(in, out, "MAIL FROM:<" + SENDER + ">", "250");
                expect(in, out, "RCPT TO:<" + recipients.get(n % recipients.size()) + ">", "250");
                expect(in, out, "DATA", "354");
                out.write(data);
                out.flush();
                expect(in, "250");
                expect(in, out, "QUIT", "221");
            }
        }
    }

    private static byte[] wire(String message) {
        StringBuilder wire = new StringBuilder();
        for (String line : message.replace("\r\n", "\n").split("\n")) {
            wire.append(line.startsWith(".") ? "." : "").append(line).append("\r\n");
        }
        return wire.append(".\r\n").toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void expect(BufferedReader in, OutputStream out, String command, String code) throws IOException {
        out.write((command + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        expect(in, code);
    }

    private static void expect(BufferedReader in, String code) throws IOException {
        String line;
        do {
            line = in.readLine();
            if (line == null) {
                throw new IOException("the server closed the connection");
            }
        } while (line.length() > 3 && line.charAt(3) == '-');
        if (!line.startsWith(code)) {
            throw new IOException("expected " + code + " but the server said " + line);
        }
    }

    private static void awaitDelivery(InboxProbe inbox, List<String> recipients, long expected) throws Exception {
        long deadline = System.nanoTime() + DELIVERY_TIMEOUT.toNanos();
        while (inbox.messageCount(recipients) < expected) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(
                        "only " + inbox.messageCount(recipients) + " of " + expected + " messages delivered");
            }
            Thread.sleep(100);
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted.length % 2 == 1
                ? sorted[sorted.length / 2]
                : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
    }
}
