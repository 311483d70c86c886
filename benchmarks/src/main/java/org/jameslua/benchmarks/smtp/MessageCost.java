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
 * The CPU time, the memory allocated, the hand-offs to the pack's SMTP workers and the threads' context switches per
 * message of the whole server (every thread but the client's), one new
 * connection per message (EHLO, MAIL, RCPT, DATA, QUIT), one message at a time, until each is in its INBOX:
 * what the pack adds to a message, without the noise of a load's concurrency. Configurations, measured in turn,
 * {@code --rounds} times: (a) stock James; (e) the pack with an SMTPSVR.LUA defining no callback (the pack's fixed
 * cost: the session's instance, the handler chain, the hand-offs to the workers); (b) the sample SMTPSVR.LUA; (b')
 * the throughput benchmark's SMTPSVR.LUA, defining every callback and adding a header in DoDATAStart and one through
 * HeaderModifiers. The pack's mailets are left out of those four (their figures are the SMTP server's); (c) is the
 * whole shipped configuration: the sample SMTPSVR.LUA and the shipped mailetcontainer.xml with the pack's mailets
 * and matcher (USER_REDIRECT.LUA, ROUTING.LUA's IsBulk and ListAttachments, ...), on James's own core bindings.
 *
 * <p>Options: {@code --messages N} (default 2000), {@code --warmup N} (default 2000), {@code --rounds N} (default 3),
 * {@code --only a,e,b,b',c}, {@code --jfr FOLDER} (a JFR profile of each measure, warm-up left out, written there as
 * CONFIGURATION-ROUND.jfr), {@code --mail mixed|small} (default mixed: one message in five carries a 24 KiB base64
 * attachment). Allocation is counted twice: the heap's growth plus what each collection freed ({@link HeapAllocation}),
 * less the client thread's own, which includes threads that ended; and the threads' own counters by thread group
 * ({@link ThreadCounters}, with the context switches), which does not. Allocation, hand-offs and context switches are
 * what the machine's load does not change; the CPU time is.
 */
public final class MessageCost {
    private static final String SENDER = "sender@example.org";
    private static final int RECIPIENTS = 100;
    // SessionWorkers' count; the metrics of servers started one after another in this JVM are shared
    private static final String HAND_OFFS = "luapack.smtp.handoffs";
    private static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(120);
    private static final com.sun.management.OperatingSystemMXBean PROCESS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private record Configuration(String name, Supplier<JamesLuaServer.Builder> builder, Optional<String> script) {}

    /**
     * Per message: the server's CPU, its allocation counted from the heap and from its threads' counters, the hand-offs
     * to the pack's workers, and by thread group the allocation and the context switches.
     */
    record Figures(
            double cpuMicros,
            double allocatedKiB,
            double handOffs,
            int messages,
            Map<ThreadCounters.Group, ThreadCounters.Counts> threads) {
        double threadAllocatedKiB() {
            return threads.values().stream()
                            .mapToLong(ThreadCounters.Counts::allocated)
                            .sum()
                    / 1024.0
                    / messages;
        }

        double groupAllocatedKiB(ThreadCounters.Group group) {
            return threads.get(group).allocated() / 1024.0 / messages;
        }

        // clock ticks are 10 ms
        double groupCpuMicros(ThreadCounters.Group group) {
            return threads.get(group).cpuTicks() * 10_000.0 / messages;
        }

        double groupSwitches(ThreadCounters.Group group) {
            return threads.get(group).switches() / (double) messages;
        }

        double switches() {
            return threads.values().stream()
                            .mapToLong(ThreadCounters.Counts::switches)
                            .sum()
                    / (double) messages;
        }
    }

    private MessageCost() {}

    public static void main(String[] args) throws Exception {
        System.out.print(run(args).markdown());
        System.exit(0);
    }

    /** Measures the configurations {@code args} asks for, printing each measure as it ends. */
    static Report run(String... args) throws Exception {
        int messages = 2000;
        int warmup = 2000;
        int rounds = 3;
        List<String> only = List.of("a", "e", "b", "b'");
        Optional<Path> jfr = Optional.empty();
        boolean attachments = true;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--messages" -> messages = Integer.parseInt(args[i + 1]);
                case "--warmup" -> warmup = Integer.parseInt(args[i + 1]);
                case "--rounds" -> rounds = Integer.parseInt(args[i + 1]);
                case "--only" -> only = List.of(args[i + 1].split(","));
                case "--jfr" -> jfr = Optional.of(Path.of(args[i + 1]));
                case "--mail" ->
                    attachments = switch (args[i + 1]) {
                        case "mixed" -> true;
                        case "small" -> false;
                        default -> throw new IllegalArgumentException("--mail mixed or small, not " + args[i + 1]);
                    };
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        List<Configuration> configurations = new ArrayList<>();
        for (Configuration configuration : List.of(
                new Configuration("a", () -> JamesLuaServer.builder().withoutPack(), Optional.empty()),
                new Configuration("e", MessageCost::packWithoutMailets, Optional.of("-- no callback\n")),
                new Configuration("b", MessageCost::packWithoutMailets, Optional.empty()),
                new Configuration("b'", MessageCost::packWithoutMailets, Optional.of(everyCallbackScript())),
                new Configuration("c", () -> JamesLuaServer.builder().stockCoreBindings(), Optional.empty()))) {
            if (only.contains(configuration.name())) {
                configurations.add(configuration);
            }
        }
        List<byte[]> mail = mail(attachments);
        Map<String, List<Figures>> figures = new LinkedHashMap<>();
        for (int round = 1; round <= rounds; round++) {
            for (Configuration configuration : configurations) {
                String file = configuration.name() + "-" + round + ".jfr";
                Optional<Path> profile = jfr.map(folder -> folder.resolve(file));
                Figures measured = measure(configuration, mail, warmup, messages, profile);
                figures.computeIfAbsent(configuration.name(), name -> new ArrayList<>())
                        .add(measured);
                System.out.printf(
                        Locale.ROOT,
                        "round %d (%s): %.0f µs CPU, %.1f KiB allocated (threads: %.1f), %.2f hand-offs, "
                                + "%.1f context switches per message%n",
                        round,
                        configuration.name(),
                        measured.cpuMicros(),
                        measured.allocatedKiB(),
                        measured.threadAllocatedKiB(),
                        measured.handOffs(),
                        measured.switches());
            }
        }
        return new Report(messages, warmup, rounds, attachments, figures);
    }

    /** The medians of each configuration's rounds. */
    record Report(int messages, int warmup, int rounds, boolean attachments, Map<String, List<Figures>> figures) {
        String markdown() {
            StringBuilder out = new StringBuilder(String.format(
                    Locale.ROOT,
                    "%n%d messages per measure (%s) after %d warm-up, %d rounds; medians per message:%n%n",
                    messages,
                    attachments ? "one in five with a 24 KiB base64 attachment" : "all small",
                    warmup,
                    rounds));
            List<ThreadCounters.Group> allocating =
                    List.of(ThreadCounters.Group.SMTP, ThreadCounters.Group.WORKERS, ThreadCounters.Group.MAIL);
            out.append("| configuration | CPU µs (noisy) | allocated KiB (heap) | allocated KiB (threads) |");
            allocating.forEach(
                    group -> out.append(" of it ").append(group.label).append(" |"));
            out.append("\n|---|").append("---:|".repeat(3 + allocating.size())).append('\n');
            figures.forEach((name, list) -> {
                out.append(String.format(
                        Locale.ROOT,
                        "| (%s) | %.0f | %.1f | %.1f |",
                        name,
                        median(list, Figures::cpuMicros),
                        median(list, Figures::allocatedKiB),
                        median(list, Figures::threadAllocatedKiB)));
                allocating.forEach(group -> out.append(
                        String.format(Locale.ROOT, " %.1f |", median(list, f -> f.groupAllocatedKiB(group)))));
                out.append('\n');
            });
            out.append("\n| configuration |");
            for (ThreadCounters.Group group : ThreadCounters.Group.values()) {
                out.append(" CPU µs: ").append(group.label).append(" |");
            }
            out.append("\n|---|")
                    .append("---:|".repeat(ThreadCounters.Group.values().length))
                    .append('\n');
            figures.forEach((name, list) -> {
                out.append("| (").append(name).append(") |");
                for (ThreadCounters.Group group : ThreadCounters.Group.values()) {
                    out.append(String.format(Locale.ROOT, " %.0f |", median(list, f -> f.groupCpuMicros(group))));
                }
                out.append('\n');
            });
            out.append("\n| configuration | hand-offs to workers | context switches, all threads |");
            for (ThreadCounters.Group group : ThreadCounters.Group.values()) {
                out.append(" of it ").append(group.label).append(" |");
            }
            out.append("\n|---|")
                    .append("---:|".repeat(2 + ThreadCounters.Group.values().length))
                    .append('\n');
            figures.forEach((name, list) -> {
                out.append(String.format(
                        Locale.ROOT,
                        "| (%s) | %.2f | %.1f |",
                        name,
                        median(list, Figures::handOffs),
                        median(list, Figures::switches)));
                for (ThreadCounters.Group group : ThreadCounters.Group.values()) {
                    out.append(String.format(Locale.ROOT, " %.1f |", median(list, f -> f.groupSwitches(group))));
                }
                out.append('\n');
            });
            return out.toString();
        }
    }

    private static JamesLuaServer.Builder packWithoutMailets() {
        return JamesLuaServer.builder().withoutPackMailets().stockCoreBindings();
    }

    private static String everyCallbackScript() throws IOException {
        try (InputStream in = MessageCost.class.getResourceAsStream(SmtpThroughput.SCRIPT)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static Figures measure(
            Configuration configuration, List<byte[]> mail, int warmup, int messages, Optional<Path> profile)
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
            send(server.smtpPort(), recipients, mail, 0, warmup);
            awaitDelivery(inbox, recipients, warmup);
            Optional<Recording> recording = profile.map(file -> {
                Recording profiling = new Recording(profileSettings());
                // the profile settings' 300 allocation samples a second leave a few per message: too few to tell the
                // pack's few KiB from the rest
                profiling.enable("jdk.ObjectAllocationSample").with("throttle", "20000/s");
                return profiling;
            });
            recording.ifPresent(Recording::start);
            long clientCpu = THREADS.getCurrentThreadCpuTime();
            long clientAllocated = THREADS.getCurrentThreadAllocatedBytes();
            long cpu = PROCESS.getProcessCpuTime();
            long handOffs = SmtpThroughput.meter(HAND_OFFS);
            ThreadCounters threads = ThreadCounters.now();
            HeapAllocation heap = HeapAllocation.start();
            send(server.smtpPort(), recipients, mail, warmup, messages);
            awaitDelivery(inbox, recipients, warmup + messages);
            long serverCpu = PROCESS.getProcessCpuTime() - cpu - (THREADS.getCurrentThreadCpuTime() - clientCpu);
            long serverAllocated = heap.stop() - (THREADS.getCurrentThreadAllocatedBytes() - clientAllocated);
            Map<ThreadCounters.Group, ThreadCounters.Counts> byThread =
                    ThreadCounters.now().since(threads);
            handOffs = SmtpThroughput.meter(HAND_OFFS) - handOffs;
            if (recording.isPresent()) {
                recording.get().stop();
                recording.get().dump(profile.get());
                recording.get().close();
            }
            return new Figures(
                    serverCpu / 1e3 / messages,
                    serverAllocated / 1024.0 / messages,
                    handOffs / (double) messages,
                    messages,
                    byThread);
        }
    }

    private static jdk.jfr.Configuration profileSettings() {
        try {
            return jdk.jfr.Configuration.getConfiguration("profile");
        } catch (IOException | java.text.ParseException e) {
            throw new IllegalStateException("the JDK's JFR settings \"profile\": " + e.getMessage(), e);
        }
    }

    private static void send(int port, List<String> recipients, List<byte[]> mail, int first, int count)
            throws IOException {
        for (int n = first; n < first + count; n++) {
            byte[] data = mail.get(n % mail.size());
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

    // the throughput benchmark's small message, and with attachments one in five carrying a 24 KiB base64 file (as
    // the load benchmark's mail), so that attachment scanning weighs as it does in real mail
    private static List<byte[]> mail(boolean attachments) {
        byte[] small = wire(SmtpThroughput.MESSAGE);
        if (!attachments) {
            return List.of(small);
        }
        byte[] file = new byte[24 * 1024];
        new java.util.Random(13).nextBytes(file);
        String attached = SmtpThroughput.MESSAGE.replace(
                "--b1--\n",
                "--b1\nContent-Type: application/pdf; name=\"report.pdf\"\n"
                        + "Content-Disposition: attachment; filename=\"report.pdf\"\n"
                        + "Content-Transfer-Encoding: base64\n\n"
                        + java.util.Base64.getMimeEncoder().encodeToString(file) + "\n--b1--\n");
        return List.of(small, small, small, small, wire(attached));
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

    private static double median(List<Figures> list, java.util.function.ToDoubleFunction<Figures> figure) {
        double[] sorted = list.stream().mapToDouble(figure).toArray();
        Arrays.sort(sorted);
        return sorted.length % 2 == 1
                ? sorted[sorted.length / 2]
                : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
    }
}
