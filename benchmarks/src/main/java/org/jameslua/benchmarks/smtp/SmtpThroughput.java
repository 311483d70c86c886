package org.jameslua.benchmarks.smtp;

import com.google.inject.multibindings.Multibinder;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import javax.management.InstanceNotFoundException;
import javax.management.JMException;
import javax.management.ObjectName;
import org.apache.james.utils.GuiceProbe;
import org.jameslua.benchmarks.smtp.SmtpLoad.LoadResult;
import org.jameslua.server.JamesLuaServer;

/**
 * SMTP throughput of the in-memory James 3.8.1, in one JVM, one server after another: (a) a stock James
 * ({@code withoutPack()}); (b) the pack's SMTP handler chain with a {@code SMTPSVR.LUA} that defines every
 * callback, but none of the pack's mailets or matchers ({@code withoutPackMailets()}); (c) the whole shipped
 * configuration with the same SMTPSVR.LUA. (b) and (c) run on James's own core bindings ({@code
 * stockCoreBindings()}: the same memory mail queue as (a)). Each server is warmed up, then loaded with each number
 * of connections for a fixed time; between loads the benchmark waits until every accepted message is in the
 * recipient's INBOX, so one load's deliveries do not slow the next. Prints markdown tables.
 *
 * <p>Options: {@code --warmup SECONDS} (default 5), {@code --duration SECONDS} (default 10),
 * {@code --connections 1,8,64}, {@code --rounds N} (default 2): the three servers are measured N times in turn and
 * the last round is reported, so that no server pays for the JVM's own warm-up (its JIT compiling James) alone.
 */
public final class SmtpThroughput {

    static final String SENDER = "sender@example.org";
    static final String SCRIPT = "/smtp-throughput/SMTPSVR.LUA";
    static final int RECIPIENTS = 200;
    // the in-memory mailbox delivers more slowly the more a mailbox holds: the mail is spread over many users, and
    // a load whose mail is not all delivered by then is reported as such rather than waited for
    private static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(60);
    private static final com.sun.management.OperatingSystemMXBean PROCESS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private static final String PROCESS_MESSAGE_CALLS = "luapack.SMTPSVR.ProcessMessage.calls";
    private static final String[] CALLBACKS = {
        "GetMaxMessageSize",
        "Start",
        "GetEHLOCapabilities",
        "DoHELO",
        "DoMAILFROM",
        "DoRCPTTO",
        "DoDATAStart",
        "ProcessMessage",
        "DoQUIT",
        "End"
    };

    /** A typical small message: a text part and a short attachment, about 600 bytes. */
    static final String MESSAGE = """
            From: Sender <sender@example.org>
            To: User <user@example.local>
            Subject: Quarterly figures
            Message-ID: <benchmark@example.org>
            MIME-Version: 1.0
            Content-Type: multipart/mixed; boundary="b1"

            --b1
            Content-Type: text/plain; charset=utf-8

            Hello,

            here are the figures we talked about on the phone. The totals are in the attached file; the
            details follow by post. Tell me if anything is missing.

            Regards,
            Sender
            --b1
            Content-Type: text/csv; name="figures.csv"
            Content-Disposition: attachment; filename="figures.csv"

            quarter,income,costs
            Q1,1200,800
            Q2,1350,820
            Q3,1100,790
            Q4,1500,900
            --b1--
            """;

    record Settings(Duration warmup, Duration duration, List<Integer> connections, int rounds) {

        static Settings parse(String... args) {
            Duration warmup = Duration.ofSeconds(5);
            Duration duration = Duration.ofSeconds(10);
            List<Integer> connections = List.of(1, 8, 64);
            int rounds = 2;
            for (int i = 0; i < args.length; i += 2) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("no value for " + args[i]);
                }
                String value = args[i + 1];
                switch (args[i]) {
                    case "--warmup" -> warmup = seconds(value);
                    case "--duration" -> duration = seconds(value);
                    case "--connections" ->
                        connections = Arrays.stream(value.split(","))
                                .map(String::trim)
                                .map(Integer::valueOf)
                                .toList();
                    case "--rounds" -> rounds = Math.max(1, Integer.parseInt(value.strip()));
                    default ->
                        throw new IllegalArgumentException("unknown option " + args[i]
                                + " (--warmup SECONDS, --duration SECONDS, --connections 1,8,64, --rounds N)");
                }
            }
            return new Settings(warmup, duration, connections, rounds);
        }

        private static Duration seconds(String value) {
            return Duration.ofMillis(Math.round(Double.parseDouble(value) * 1000));
        }
    }

    /**
     * One server's figures: a result per number of connections, the JVM's CPU time per accepted message of each
     * load (from its start until its mail is delivered), what reached the INBOX, and SMTPSVR.LUA's ProcessMessage
     * calls and callback errors during this run alone.
     */
    record Run(
            List<LoadResult> results,
            List<Double> cpuMillisPerMessage,
            long accepted,
            long delivered,
            long scriptCalls,
            long scriptErrors) {}

    record Report(Settings settings, Run stock, Run smtpScript, Run shipped) {

        String markdown() {
            StringBuilder out = new StringBuilder();
            out.append(String.format(
                    Locale.ROOT,
                    "round %d of %d (the earlier ones warm the JVM up), warm-up %.1f s, " + "%.1f s per load, %s%n%n",
                    settings.rounds(),
                    settings.rounds(),
                    settings.warmup().toMillis() / 1000.0,
                    settings.duration().toMillis() / 1000.0,
                    message()));
            out.append("(a) without the pack, (b) SMTPSVR.LUA without the pack's mailets and matchers, "
                    + "(c) the whole shipped configuration with SMTPSVR.LUA\n\n");
            out.append("| connections | (a) msg/s | (b) msg/s | (c) msg/s | b/a | c/a |\n");
            out.append("|---:|---:|---:|---:|---:|---:|\n");
            for (int i = 0; i < stock.results().size(); i++) {
                double a = stock.results().get(i).messagesPerSecond();
                double b = smtpScript.results().get(i).messagesPerSecond();
                double c = shipped.results().get(i).messagesPerSecond();
                out.append(String.format(
                        Locale.ROOT,
                        "| %d | %.0f | %.0f | %.0f | %.2f | %.2f |%n",
                        stock.results().get(i).connections(),
                        a,
                        b,
                        c,
                        b / a,
                        c / a));
            }
            out.append('\n');
            out.append("Latency per message, MAIL FROM to the reply to the data, ms:\n\n");
            out.append("| connections | (a) p50 | (a) p99 | (b) p50 | (b) p99 | (c) p50 | (c) p99 |\n");
            out.append("|---:|---:|---:|---:|---:|---:|---:|\n");
            for (int i = 0; i < stock.results().size(); i++) {
                out.append(String.format(
                        Locale.ROOT, "| %d", stock.results().get(i).connections()));
                for (Run run : runs()) {
                    LoadResult result = run.results().get(i);
                    out.append(String.format(
                            Locale.ROOT, " | %.1f | %.1f", result.p50Micros() / 1000.0, result.p99Micros() / 1000.0));
                }
                out.append(" |\n");
            }
            out.append('\n');
            out.append("CPU time of the whole JVM (James, and the load client in it) per accepted message, from the "
                    + "start of a load until its mail is delivered: less sensitive than msg/s to other work on the "
                    + "machine.\n\n");
            out.append("| connections | (a) CPU ms/msg | (b) CPU ms/msg | (c) CPU ms/msg | b/a | c/a |\n");
            out.append("|---:|---:|---:|---:|---:|---:|\n");
            for (int i = 0; i < stock.results().size(); i++) {
                double a = stock.cpuMillisPerMessage().get(i);
                double b = smtpScript.cpuMillisPerMessage().get(i);
                double c = shipped.cpuMillisPerMessage().get(i);
                out.append(String.format(
                        Locale.ROOT,
                        "| %d | %.2f | %.2f | %.2f | %.2f | %.2f |%n",
                        stock.results().get(i).connections(),
                        a,
                        b,
                        c,
                        b / a,
                        c / a));
            }
            out.append('\n');
            out.append(runSummary("(a) without the pack", stock));
            out.append(runSummary("(b) SMTPSVR.LUA without the pack's mailets", smtpScript));
            out.append(runSummary("(c) the shipped configuration", shipped));
            return out.toString();
        }

        private List<Run> runs() {
            return List.of(stock, smtpScript, shipped);
        }

        private static String message() {
            return MESSAGE.length() + "-character message from " + SENDER + ", each to one of " + RECIPIENTS
                    + " local users in turn";
        }

        private static String runSummary(String name, Run run) {
            long failures =
                    run.results().stream().mapToLong(LoadResult::failures).sum();
            String firstFailure = run.results().stream()
                    .map(LoadResult::firstFailure)
                    .filter(reply -> !reply.isEmpty())
                    .findFirst()
                    .orElse("");
            return String.format(
                    Locale.ROOT,
                    "%s: %d messages accepted (warm-up included), %d in the INBOXes, "
                            + "%d refused%s; SMTPSVR.LUA: %d ProcessMessage calls, %d callback errors%n",
                    name,
                    run.accepted(),
                    run.delivered(),
                    failures,
                    firstFailure.isEmpty() ? "" : " (first: " + firstFailure + ")",
                    run.scriptCalls(),
                    run.scriptErrors());
        }
    }

    private SmtpThroughput() {}

    public static void main(String[] args) throws Exception {
        Report report = run(Settings.parse(args));
        System.out.println();
        System.out.print(report.markdown());
        // James leaves non-daemon threads behind after stop
        System.exit(0);
    }

    static Report run(Settings settings) throws Exception {
        Report report = null;
        for (int round = 1; round <= settings.rounds(); round++) {
            Run stock = measure(settings, JamesLuaServer.builder().withoutPack());
            // the pack as it runs in a stock James: the same memory mail queue as (a), not the pack server's own
            Run smtpScript = measure(
                    settings, JamesLuaServer.builder().withoutPackMailets().stockCoreBindings());
            Run shipped = measure(settings, JamesLuaServer.builder().stockCoreBindings());
            report = new Report(settings, stock, smtpScript, shipped);
        }
        return report;
    }

    private static Run measure(Settings settings, JamesLuaServer.Builder builder) throws Exception {
        builder.overrideWith(binder ->
                Multibinder.newSetBinder(binder, GuiceProbe.class).addBinding().to(InboxProbe.class));
        List<String> recipients = new ArrayList<>();
        for (int i = 1; i <= RECIPIENTS; i++) {
            recipients.add("user" + i + "@" + JamesLuaServer.DEFAULT_DOMAIN);
            builder.user(recipients.get(i - 1), JamesLuaServer.DEFAULT_PASSWORD);
        }
        try (JamesLuaServer server = builder.start()) {
            try (InputStream script = SmtpThroughput.class.getResourceAsStream(SCRIPT)) {
                Files.copy(script, server.scriptsFolder().resolve("SMTPSVR.LUA"), StandardCopyOption.REPLACE_EXISTING);
            }
            SmtpLoad load = new SmtpLoad("127.0.0.1", server.smtpPort(), SENDER, recipients, MESSAGE);
            InboxProbe inbox = server.probe(InboxProbe.class);
            // the meters are in the platform MBean server, which the servers of one run share
            long callsBefore = meter(PROCESS_MESSAGE_CALLS);
            long errorsBefore = callbackErrors();
            long accepted = load.run(
                            Math.max(
                                    1,
                                    settings.connections().stream()
                                                    .mapToInt(Integer::intValue)
                                                    .max()
                                                    .orElse(1)
                                            / 2),
                            settings.warmup())
                    .messages();
            awaitDelivery(inbox, recipients, accepted);
            List<LoadResult> results = new ArrayList<>();
            List<Double> cpuMillisPerMessage = new ArrayList<>();
            for (int connections : settings.connections()) {
                long cpuBefore = PROCESS.getProcessCpuTime();
                LoadResult result = load.run(connections, settings.duration());
                results.add(result);
                accepted += result.messages();
                awaitDelivery(inbox, recipients, accepted);
                long cpuNanos = PROCESS.getProcessCpuTime() - cpuBefore;
                cpuMillisPerMessage.add(cpuNanos / 1e6 / Math.max(1, result.messages()));
            }
            return new Run(
                    results,
                    cpuMillisPerMessage,
                    accepted,
                    inbox.messageCount(recipients),
                    meter(PROCESS_MESSAGE_CALLS) - callsBefore,
                    callbackErrors() - errorsBefore);
        }
    }

    private static long callbackErrors() throws IOException {
        long errors = 0;
        for (String callback : CALLBACKS) {
            errors += meter("luapack.SMTPSVR." + callback + ".errors");
        }
        return errors;
    }

    private static void awaitDelivery(InboxProbe inbox, List<String> recipients, long expected) throws Exception {
        long deadline = System.nanoTime() + DELIVERY_TIMEOUT.toNanos();
        while (inbox.messageCount(recipients) < expected && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
    }

    /** A count of James's metrics over JMX (the platform MBean server); 0 when never touched. */
    /** A James meter's count, 0 when no such meter was made yet. */
    static long meter(String name) throws IOException {
        try {
            Object count = ManagementFactory.getPlatformMBeanServer()
                    .getAttribute(new ObjectName("metrics:name=" + name + ",type=meters"), "Count");
            return ((Number) count).longValue();
        } catch (InstanceNotFoundException never) {
            return 0;
        } catch (JMException e) {
            throw new IOException("metric " + name + ": " + e.getMessage(), e);
        }
    }
}
