package org.jameslua.benchmarks.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The load benchmark on the real James 3.8.1 memory distribution (benchmarks/load.sh, BENCHMARKS.md): every
 * configuration deployed into its own copy and started as its own process, all at once (an idle James costs
 * next to nothing, and the report says how little), each warmed up, then rounds in which every load (messages
 * per session × connections) runs on each configuration in turn, in an order that rotates from load to load. The
 * load client is a process of its own; James's CPU time is read from /proc before and after each load.
 *
 * <p>Every load starts from the same state: after each (warm-ups too), its mail is counted in the INBOXes, then
 * the INBOXes are emptied and the heap collected ({@link #settle}). A James that kept all the mail it was sent
 * spent more CPU on each message the longer the run went on (docs/benchmarks/2026-12-06-noise.md).
 *
 * <p>With {@code --jfr DIR}: each James records a JFR profile of the measured loads (after its warm-up) into
 * DIR/KEY.jfr; the recording's own cost is in the CPU figures of that run, so profile and measure in separate runs.
 *
 * <p>With {@code --idle}: each configuration started alone, and measured at start and idle ({@link IdleCost}).
 *
 * <p>With {@code --soak}: the configurations side by side, cycle after cycle of mail for {@code --minutes}, and
 * what each holds after each cycle ({@link Soak}).
 *
 * <p>With {@code --slow}: one James with the slow-HELO script and a DNS server that answers after 500 ms;
 * in each round, each load runs with 7 ordinary sessions alone, then with an 8th whose DoHELO waits for DNS.
 */
public final class LoadBenchmark {
    // Jameses started at once may lose a port chosen for one of them to another
    private static final int START_ATTEMPTS = 3;
    // --warmup-jit-percent's extra warm-ups, at most: a JIT that never settles must not hold the run forever
    private static final int MAX_EXTRA_WARMUPS = 10;
    private static final Set<String> OPTIONS = Set.of(
            "configurations",
            "rounds",
            "messages",
            "warmup",
            "warmup-jit-percent",
            "connections",
            "per-session",
            "mailboxes",
            "heap",
            "james-options",
            "work",
            "slow",
            "slow-delay-ms",
            "idle",
            "idle-seconds",
            "soak",
            "minutes",
            "jfr",
            "james-java");
    private static final String ALONE = "7 sessions alone";
    private static final String WITH_SLOW = "7 sessions + 1 slow";

    private final Path repository = Path.of("").toAbsolutePath();
    private final Options options;
    private final int mailboxes;
    private final List<Double> loadAverages = new ArrayList<>();
    private final Map<DeployedJames, Long> deliveries = new ConcurrentHashMap<>();
    // loads whose accepted messages were not all found once in the INBOXes, in the order they came
    private final List<String> miscounts = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final List<DeployedJames> running = new ArrayList<>();
    private final List<Double> idleCores = new ArrayList<>();
    private final List<Double> compilerShares = new ArrayList<>();
    private final List<Long> endedThreads = new ArrayList<>();
    private final List<Double> clientShares = new ArrayList<>();
    private final long started = System.nanoTime();
    private long roundsStarted;

    private LoadBenchmark(Options options) {
        this.options = options;
        this.mailboxes = options.integer("mailboxes", 100);
    }

    public static void main(String[] args) throws Exception {
        Options options = new Options(args, Set.of("slow", "idle", "soak"));
        options.allow(OPTIONS);
        LoadBenchmark benchmark = new LoadBenchmark(options);
        if (options.flag("slow")) {
            benchmark.slowSession();
        } else if (options.flag("idle")) {
            benchmark.idle();
        } else if (options.flag("soak")) {
            benchmark.soak();
        } else {
            benchmark.configurations();
        }
    }

    private void configurations() throws Exception {
        List<Configuration> configurations = Configuration.measured(options.words("configurations", "stock,b,b',c"));
        if (!configurations.contains(Configuration.STOCK)) {
            throw new IllegalArgumentException("the ratios need stock among --configurations");
        }
        int rounds = options.integer("rounds", 3);
        int messages = options.integer("messages", 1500);
        int warmup = options.integer("warmup", 600);
        List<Integer> connections = options.integers("connections", "1,8,64");
        List<Integer> perSession = options.integers("per-session", "1,10");
        header(String.format(
                "configurations %s; %d rounds of %d messages per load after %d warm-up messages per "
                        + "session size, %d mailboxes",
                options.text("configurations", "stock,b,b',c"), rounds, messages, warmup, mailboxes));
        LoadReport report = new LoadReport(Configuration.STOCK.key);
        List<DeployedJames> servers = new ArrayList<>();
        try {
            servers.addAll(startAll(configurations));
            warmUp(servers, perSession, warmup);
            int seed = 1;
            for (int round = 1; round <= rounds && roundFits(round); round++) {
                for (int size : perSession) {
                    for (int conns : connections) {
                        String load = describe(size, conns);
                        List<DeployedJames> order = new ArrayList<>(servers);
                        Collections.rotate(order, seed);
                        for (DeployedJames james : order) {
                            measure(
                                    report,
                                    round,
                                    load,
                                    james.configuration.key,
                                    james,
                                    conns,
                                    size,
                                    messages,
                                    seed,
                                    0);
                        }
                        seed++;
                    }
                }
            }
        } finally {
            servers.forEach(DeployedJames::close);
        }
        footer(report);
        System.out.println(report.table());
        System.out.println(report.costTable());
        System.out.println(report.stepTable());
        System.out.println(report.threadTable());
        for (Configuration configuration : configurations) {
            if (configuration != Configuration.STOCK) {
                System.out.printf(
                        Locale.ROOT,
                        "%s: lowest median msg/s ratio to stock over the loads %.2f%n",
                        configuration.label,
                        report.worstThroughputRatio(configuration.key));
                System.out.printf(
                        Locale.ROOT,
                        "%s: median added CPU %.2f ms/msg, without the JIT %.2f ms/msg; median added allocation "
                                + "%.1f KB/msg%n",
                        configuration.label,
                        report.medianAddedCpu(configuration.key),
                        report.medianAddedCpuWithoutJit(configuration.key),
                        report.medianAddedKilobytes(configuration.key));
            }
        }
    }

    private void slowSession() throws Exception {
        int rounds = options.integer("rounds", 3);
        int messages = options.integer("messages", 1000);
        int warmup = options.integer("warmup", 600);
        int delay = options.integer("slow-delay-ms", 500);
        List<Integer> perSession = options.integers("per-session", "1,10");
        header(String.format(
                "slow session: %d rounds of %d messages per load after %d warm-up messages, "
                        + "DNS answers after %d ms, %d mailboxes",
                rounds, messages, warmup, delay, mailboxes));
        LoadReport report = new LoadReport(ALONE);
        try (DelayedDnsServer dns = new DelayedDnsServer(delay);
                DeployedJames james = start(Configuration.SLOW_HELO, dns.address())) {
            for (int size : perSession) {
                settle(james, load(james, 8, size, warmup, 0, 0));
            }
            int seed = 1;
            for (int round = 1; round <= rounds && roundFits(round); round++) {
                for (int size : perSession) {
                    String load = size + (size == 1 ? " msg per connection" : " msgs per session");
                    boolean slowFirst = seed % 2 == 0;
                    for (boolean slow : slowFirst ? new boolean[] {true, false} : new boolean[] {false, true}) {
                        measure(
                                report,
                                round,
                                load,
                                slow ? WITH_SLOW : ALONE,
                                james,
                                slow ? 8 : 7,
                                size,
                                messages,
                                seed,
                                slow ? 8 : 0);
                    }
                    seed++;
                }
            }
        }
        footer(report);
        System.out.println(report.table());
        System.out.println(report.costTable());
        System.out.println(report.stepTable());
        System.out.println(report.threadTable());
        System.out.printf(
                Locale.ROOT,
                "the 7 ordinary sessions keep %.2f of their msg/s (lowest median over the loads)%n",
                report.worstThroughputRatio(WITH_SLOW));
    }

    private void idle() throws Exception {
        List<Configuration> configurations = Configuration.measured(options.words("configurations", "stock,b,c"));
        int rounds = options.integer("rounds", 3);
        int seconds = options.integer("idle-seconds", 60);
        header(String.format(
                "start and idle: configurations %s, %d rounds, one James at a time, %d s idle after 15 s settling",
                options.text("configurations", "stock,b,c"), rounds, seconds));
        new IdleCost(configuration -> start(configuration, null)).run(configurations, rounds, seconds);
        System.out.println("start: from James's JVM launched to its webadmin health check answering 200; start CPU: "
                + "the JVM's CPU by then (JIT and GC threads included), with the classes it had loaded and the methods "
                + "HotSpot had compiled; threads, idle CPU and wake-ups (voluntary and "
                + "forced context switches of all its threads) over the idle window; heap: used after jcmd GC.run; "
                + "final load average "
                + Files.readString(Path.of("/proc/loadavg")).trim());
    }

    private void soak() throws Exception {
        List<Configuration> configurations = Configuration.measured(options.words("configurations", "stock,c,h"));
        int minutes = options.integer("minutes", 30);
        int messages = options.integer("messages", 1000);
        header(String.format(
                "soak: configurations %s, cycles of %d messages on 8 connections (one message per connection and "
                        + "sessions of 10 in turn) for %d minutes, %d mailboxes",
                options.text("configurations", "stock,c,h"), messages, minutes, mailboxes));
        List<DeployedJames> servers = new ArrayList<>();
        try {
            servers.addAll(startAll(configurations));
            new Soak(new Soak.Loads() {
                        @Override
                        public LoadResult load(
                                DeployedJames james, int connections, int perSession, int count, int seed)
                                throws IOException, InterruptedException {
                            return LoadBenchmark.this.load(james, connections, perSession, count, seed, 0);
                        }

                        @Override
                        public void settle(DeployedJames james, LoadResult result)
                                throws IOException, InterruptedException {
                            LoadBenchmark.this.settle(james, result);
                        }
                    })
                    .run(servers, messages, started + minutes * 60_000_000_000L);
        } finally {
            servers.forEach(DeployedJames::close);
        }
        printMailCounts();
        System.out.println("final load average "
                + Files.readString(Path.of("/proc/loadavg")).trim());
    }

    /**
     * With {@code --warmup-jit-percent P}: more warm-up loads of a fifth of {@code --warmup} each, until the JIT
     * compiler threads took under P % of James's CPU in one. A James still compiling when measured spends on the JIT
     * what is not the load's, and the pack's James has more code to compile than stock's: its ratios then depend on
     * how far its JIT got.
     */
    private void warmUntilJitQuiet(DeployedJames james, List<Integer> perSession, int warmup) throws Exception {
        int percent = options.integer("warmup-jit-percent", 0);
        for (int extra = 1; percent > 0 && extra <= MAX_EXTRA_WARMUPS; extra++) {
            long jitShare = 0;
            long compiledBefore = james.compilations();
            for (int size : perSession) {
                LoadResult result;
                ThreadCpu.Ticks ticks;
                try (ThreadCpu cpu = ThreadCpu.start(james.pid())) {
                    result = load(james, 8, size, Math.max(1, warmup / 5), 0, 0);
                    ticks = cpu.stop();
                }
                jitShare = Math.max(jitShare, 100 * ticks.jit() / Math.max(1, ticks.total()));
                settle(james, result);
            }
            log(String.format(
                    "%s: extra warm-up %d, JIT compiler threads %d %% of its CPU, %d methods compiled",
                    james.configuration.label, extra, jitShare, james.compilations() - compiledBefore));
            if (jitShare < percent) {
                return;
            }
        }
    }

    /**
     * Started side by side: on a busy machine each start takes a minute or more. If one fails, the benchmark
     * ends, and the others' shutdown hooks stop them.
     */
    private List<DeployedJames> startAll(List<Configuration> configurations) throws Exception {
        return eachAtOnce(configurations, configuration -> start(configuration, null));
    }

    /** Warmed up side by side, too: nothing is measured yet. */
    private void warmUp(List<DeployedJames> servers, List<Integer> perSession, int warmup) throws Exception {
        eachAtOnce(servers, james -> {
            for (int size : perSession) {
                settle(james, load(james, 8, size, warmup, 0, 0));
            }
            warmUntilJitQuiet(james, perSession, warmup);
            log("warmed up: " + james.configuration.label);
            if (options.flag("jfr")) {
                Path folder = Files.createDirectories(Path.of(options.text("jfr", null)));
                james.startRecording(folder.resolve(james.configuration.key.replace("'", "-prime") + ".jfr"));
            }
            return james;
        });
    }

    private interface Task<T, R> {
        R run(T item) throws Exception;
    }

    /** The task run on each item at the same time; its results, or the first failure once all have ended. */
    private static <T, R> List<R> eachAtOnce(List<T> items, Task<T, R> task) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(items.size());
        List<Future<R>> futures = new ArrayList<>();
        for (T item : items) {
            futures.add(threads.submit(() -> task.run(item)));
        }
        threads.shutdown();
        List<R> results = new ArrayList<>();
        Exception failure = null;
        for (Future<R> future : futures) {
            try {
                results.add(future.get());
            } catch (ExecutionException e) {
                failure = failure == null ? (Exception) e.getCause() : failure;
            }
        }
        if (failure != null) {
            throw failure;
        }
        return results;
    }

    /**
     * Whether another round ends within {@code --minutes} of the start, if the last round took as long as the
     * rounds before it on average: a busy machine runs fewer rounds rather than overrun.
     */
    private boolean roundFits(int round) {
        if (round == 1) {
            roundsStarted = System.nanoTime();
        }
        if (round == 1 || !options.flag("minutes")) {
            return true;
        }
        long now = System.nanoTime();
        double perRound = (now - roundsStarted) / (double) (round - 1);
        boolean fits = now + perRound - started <= options.integer("minutes") * 60e9;
        if (!fits) {
            log("stopping after " + (round - 1) + " round(s): another would end after --minutes "
                    + options.integer("minutes"));
        }
        return fits;
    }

    private DeployedJames start(Configuration configuration, String dns) throws IOException, InterruptedException {
        Path work = Path.of(options.text("work", "benchmarks/target/load"));
        Path distribution = repository.resolve("distribution/target/james-server-memory-app");
        Path jar;
        try (var jars = Files.list(repository.resolve("extension/target"))) {
            List<Path> found = jars.filter(
                            p -> p.getFileName().toString().matches("james-lua-extension-[0-9.]+(-SNAPSHOT)?\\.jar"))
                    .collect(Collectors.toList());
            // a jar left by an earlier version's build would be measured in place of this one
            if (found.size() != 1) {
                throw new IOException("expected one extension/target/james-lua-extension-*.jar, found " + found
                        + ": mvn clean package -pl distribution,extension,benchmarks -am -DskipTests");
            }
            jar = found.get(0);
        }
        String folder = configuration.key.replace("'", "-prime");
        log("starting " + configuration.label);
        DeployedJames james = null;
        for (int attempt = 1; james == null; attempt++) {
            try {
                james = DeployedJames.start(
                        configuration,
                        repository,
                        distribution,
                        jar,
                        work.resolve(folder).toAbsolutePath(),
                        dns,
                        mailboxes,
                        jamesJava(),
                        options.text("heap", "2g"),
                        options.spaced("james-options"));
            } catch (DeployedJames.PortTakenException e) {
                if (attempt == START_ATTEMPTS) {
                    throw e;
                }
                log(e.getMessage() + "; starting it again on other ports");
            }
        }
        log("started " + configuration.label + ": SMTP on " + james.smtp + ", webadmin on " + james.webadmin);
        synchronized (running) {
            running.add(james);
        }
        return james;
    }

    private void measure(
            LoadReport report,
            int round,
            String load,
            String variant,
            DeployedJames james,
            int connections,
            int perSession,
            int messages,
            int seed,
            int slowEvery)
            throws IOException, InterruptedException {
        List<DeployedJames> idle = new ArrayList<>(running);
        idle.remove(james);
        long idleBefore = cpuTicks(idle);
        long loadStarted = System.nanoTime();
        // the JMX reads run in James: outside the CPU measured, which starts and ends between them
        HeapAllocation.Snapshot allocatedBefore = james.allocation();
        long compiledBefore = james.compilations();
        LoadResult result;
        ThreadCpu.Ticks ticks;
        try (ThreadCpu cpu = ThreadCpu.start(james.pid())) {
            result = load(james, connections, perSession, messages, seed, slowEvery);
            ticks = cpu.stop();
        }
        long compiled = james.compilations() - compiledBefore;
        HeapAllocation.Snapshot allocatedAfter = james.allocation();
        endedThreads.add(allocatedAfter.ended(allocatedBefore));
        JamesCosts costs = new JamesCosts(
                ticks.millis(ticks.total()),
                ticks.millis(ticks.jit()),
                ticks.millis(ticks.gc()),
                allocatedAfter.since(allocatedBefore),
                compiled,
                ticks.groupCosts());
        int sent = result.messages() + result.slowMessages();
        // the share of a core each other James took meanwhile: what keeping them all up costs the measured one
        String idleShare = "";
        if (!idle.isEmpty()) {
            double idleCore = (cpuTicks(idle) - idleBefore)
                    * 1e9
                    / ClockTicks.PER_SECOND
                    / (System.nanoTime() - loadStarted)
                    / idle.size();
            idleCores.add(idleCore);
            idleShare = String.format(Locale.ROOT, ", each idle James meanwhile %.1f %% of a core", idleCore * 100);
        }
        double loadAverage = loadAverage();
        loadAverages.add(loadAverage);
        report.add(new LoadReport.Measurement(round, load, variant, result, costs));
        compilerShares.add(costs.jitMillis() / costs.cpuMillis());
        clientShares.add(result.clientCpuMillis() / costs.cpuMillis());
        log(String.format(
                Locale.ROOT,
                "round %d, %s, %s: %.1f msg/s, p50 %.1f ms, p99 %.1f ms, CPU %.2f ms/msg (JIT compiler threads "
                        + "%.2f, GC threads %.2f, without the JIT %.2f), %.1f KB allocated/msg, %d methods "
                        + "compiled, the client %.2f ms/msg%s, load average %.1f%s",
                round,
                load,
                variant,
                result.throughput(),
                result.p50Millis(),
                result.p99Millis(),
                costs.cpuMillis() / sent,
                costs.jitMillis() / sent,
                costs.gcMillis() / sent,
                costs.cpuWithoutJitMillis() / sent,
                costs.allocatedBytes() / 1024.0 / sent,
                costs.compilations(),
                result.clientCpuMillis() / sent,
                idleShare,
                loadAverage,
                result.slowMessages() == 0
                        ? ""
                        : String.format(
                                Locale.ROOT,
                                "; the slow client sent %d messages, %.0f ms a session",
                                result.slowMessages(),
                                result.slowSessionMillis())));
        settle(james, result);
    }

    private static long cpuTicks(List<DeployedJames> servers) throws IOException {
        long ticks = 0;
        for (DeployedJames james : servers) {
            ticks += james.cpuTicks();
        }
        return ticks;
    }

    private LoadResult load(DeployedJames james, int connections, int perSession, int messages, int seed, int slowEvery)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                DeployedJames.java().toString(),
                "-Xmx768m",
                "-XX:+UseSerialGC",
                // C1 only: a client JVM lives for one load, and C2 compiling it took CPU from James's 2 cores
                // (client 4.0 - 6.3 ms/msg with C2, 2.8 - 3.5 without: docs/benchmarks/2026-12-06-jit.md)
                "-XX:TieredStopAtLevel=1",
                "-cp",
                System.getProperty("java.class.path"),
                LoadClient.class.getName(),
                "--port",
                Integer.toString(james.smtp),
                "--webadmin",
                Integer.toString(james.webadmin),
                "--connections",
                Integer.toString(connections),
                "--per-session",
                Integer.toString(perSession),
                "--messages",
                Integer.toString(messages),
                "--mailboxes",
                Integer.toString(mailboxes),
                "--seed",
                Integer.toString(seed)));
        if (slowEvery > 0) {
            command.addAll(List.of("--slow-every", Integer.toString(slowEvery)));
        }
        Process client = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(client.getInputStream().readAllBytes());
        if (!client.waitFor(1, TimeUnit.MINUTES) || client.exitValue() != 0) {
            throw new IOException(james.configuration.label + ": the load client failed:\n" + output);
        }
        return LoadResult.parse(output);
    }

    /**
     * After a load, outside its measurement: every message it had accepted counted in its recipients' INBOXes,
     * once, and a load where that fails reported, with the mail in James's error repository, in the report's footer
     * (stock James itself once had 895 of 896 and 899 of 900: a run of half an hour stopped on that was lost, and a
     * miscount on any configuration is a finding to read beside the figures, not a reason to stop measuring the
     * others); then James put back in the state the first load found: the
     * INBOXes emptied (the memory mailbox's per-message cost grows with the mail it holds) and the heap
     * collected (the next load does not pay for this one's garbage).
     */
    private void settle(DeployedJames james, LoadResult result) throws IOException, InterruptedException {
        long delivered = james.deliveredMessages(mailboxes);
        // the spool can be empty while its last mails are still being delivered
        for (int wait = 0; delivered < result.deliveries() && wait < 60; wait++) {
            Thread.sleep(500);
            delivered = james.deliveredMessages(mailboxes);
        }
        if (delivered != result.deliveries()) {
            String miscount = james.configuration.label + ": " + delivered + " messages in the INBOXes, "
                    + result.deliveries() + " deliveries accepted, " + james.errorRepositorySize()
                    + " in the error repository";
            System.out.println("MAIL MISCOUNTED: " + miscount);
            miscounts.add(miscount);
        }
        deliveries.merge(james, delivered, Long::sum);
        james.clearInboxes(mailboxes);
        james.collectGarbage();
    }

    private static String describe(int perSession, int connections) {
        return (perSession == 1 ? "1 msg per connection" : perSession + " msgs per session") + ", " + connections
                + (connections == 1 ? " connection" : " connections");
    }

    private void header(String what) throws IOException {
        System.out.println("# Load on the James 3.8.1 memory distribution, " + Instant.now());
        System.out.println(what);
        System.out.println("machine: " + Runtime.getRuntime().availableProcessors() + " cores, load average at start "
                + Files.readString(Path.of("/proc/loadavg")).trim());
        System.out.println("James runs on: " + javaVersion(jamesJava()));
    }

    /** The {@code java} every James is started with: {@code --james-java}, or this JVM's. */
    private Path jamesJava() {
        return Path.of(options.text("james-java", DeployedJames.java().toString()));
    }

    private static String javaVersion(Path java) throws IOException {
        Process process = new ProcessBuilder(java.toString(), "-version")
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes()).trim();
        String[] lines = output.split("\\R");
        // the second line names the runtime and its build ("OpenJDK Runtime Environment (build 11.0.24+8-...)")
        return lines.length > 1 ? lines[1].trim() : output;
    }

    private void footer(LoadReport report) throws IOException {
        System.out.println();
        System.out.println("rounds run: " + report.rounds());
        System.out.printf(
                Locale.ROOT,
                "load average (1 min) after each load: median %.1f, range %.1f – %.1f; at end %s%n",
                LoadReport.median(loadAverages),
                loadAverages.stream().mapToDouble(d -> d).min().orElse(0),
                loadAverages.stream().mapToDouble(d -> d).max().orElse(0),
                Files.readString(Path.of("/proc/loadavg")).trim());
        printMailCounts();
        if (!idleCores.isEmpty()) {
            System.out.printf(
                    Locale.ROOT,
                    "CPU of each idle James during another's load: median %.1f %% of a core, highest %.1f %%%n",
                    LoadReport.median(idleCores) * 100,
                    idleCores.stream().mapToDouble(d -> d).max().orElse(0) * 100);
        }
        System.out.printf(
                Locale.ROOT,
                "JIT compiler threads' share of the measured James's CPU in a load: median %.0f %%, highest %.0f %% "
                        + "(a James still compiling after its warm-up spends on the JIT what is not the load's)%n",
                LoadReport.median(compilerShares) * 100,
                compilerShares.stream().mapToDouble(d -> d).max().orElse(0) * 100);
        System.out.printf(
                Locale.ROOT,
                "the load client's own CPU (its JVM's start and JIT included) against the measured James's: median %.0f %%,"
                        + " highest %.0f %% (it shares the cores: it moves msg/s and latency, not James's CPU)%n",
                LoadReport.median(clientShares) * 100,
                clientShares.stream().mapToDouble(d -> d).max().orElse(0) * 100);
        System.out.printf(
                Locale.ROOT,
                "JIT: compiler and sweeper threads, read every 200 ms during a load (HotSpot ends idle compiler threads); "
                        + "GC: G1's threads; allocation: bytes allocated by James's Java threads "
                        + "(ThreadMXBean over JMX), less those of threads that ended during a load: at most %d in one%n",
                endedThreads.stream().mapToLong(n -> n).max().orElse(0));
        System.out.println("each load started on emptied mailboxes and a collected heap: after each load its mail "
                + "was counted, the INBOXes emptied (webadmin's clear-mailbox-content task; the deleted messages vault off) "
                + "and a full GC run (jcmd GC.run)");
        System.out.println("latency: per message, from its session's connect (first message of a session) or its MAIL "
                + "FROM (the others) to the 250 after its data; msg/s counts until James's spool queue was empty");
        System.out.println();
    }

    private void printMailCounts() {
        System.out.println((miscounts.isEmpty() ? "every accepted message found" : "messages found")
                + " in its recipients' INBOXes (webadmin messageCount, after each load): "
                + running.stream()
                        .sorted(Comparator.comparing(james -> james.configuration))
                        .map(james -> james.configuration.label + ": " + deliveries.getOrDefault(james, 0L))
                        .collect(Collectors.joining("; ")));
        if (!miscounts.isEmpty()) {
            System.out.println(
                    "MAIL MISCOUNTED after " + miscounts.size() + " load(s): " + String.join("; ", miscounts));
        }
    }

    private static double loadAverage() throws IOException {
        return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
    }

    private static void log(String line) {
        System.err.println(Instant.now() + " " + line);
    }
}
