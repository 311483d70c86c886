package org.jameslua.benchmarks.load;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One James 3.8.1 memory distribution, copied from the distribution module's build, set up as
 * distribution-test's DeployedDistributionTest sets it up (every listener on a free loopback port, JMAP off, the
 * log in the copy, a keystore for the TLS listeners), with the pack deployed by {@code deploy-to-james.sh} for
 * the configurations that have it, then started as operators start it, in a process of its own.
 */
final class DeployedJames implements AutoCloseable {
    static final String HOST = "127.0.0.1";
    static final String PASSWORD = "Rain-Over-Paris-42";
    private static final String LIBRARIES = "james-server-memory-app.lib";
    private static final Duration START = Duration.ofMinutes(5);
    // the first heap of GC.heap_info's answer: "garbage-first heap   total 524288K, used 61440K [..."
    private static final Pattern HEAP_USED = Pattern.compile("heap\\s+total \\d+K, used (\\d+)K");
    private static final Pattern TASK_ID = Pattern.compile("\"taskId\"\\s*:\\s*\"([^\"]+)\"");
    // "   1:        123456       12345678  [B (java.base@17.0.13)"
    private static final Pattern HISTOGRAM_ROW = Pattern.compile("^\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S+)");

    final Configuration configuration;
    final int smtp;
    final int webadmin;
    private final Path folder;
    private final Process process;
    private final HttpClient http = HttpClient.newHttpClient();
    private final Thread stopOnExit;
    private Path recording;
    private HeapAllocation allocation;
    private long startNanos;
    private long startTicks;
    private long startClasses;
    private long startCompilations;

    private DeployedJames(Configuration configuration, Path folder, int smtp, int webadmin, Process process) {
        this.configuration = configuration;
        this.folder = folder;
        this.smtp = smtp;
        this.webadmin = webadmin;
        this.process = process;
        // a benchmark interrupted (Ctrl-C) must not leave its Jameses running
        this.stopOnExit = new Thread(this::stop);
        Runtime.getRuntime().addShutdownHook(stopOnExit);
    }

    /** Deployed into {@code folder} (emptied first), started, and given the domain and mailboxes of the load. */
    static DeployedJames start(
            Configuration configuration,
            Path repository,
            Path distribution,
            Path jar,
            Path folder,
            String dnsServers,
            int mailboxes,
            Path javaCommand,
            String heap,
            List<String> jvmOptions)
            throws IOException, InterruptedException {
        copy(distribution, folder);
        int smtp = freePort();
        int webadmin = freePort();
        Path conf = folder.resolve("conf");
        edit(conf.resolve("smtpserver.xml"), "<bind>0.0.0.0:25</bind>", "<bind>" + HOST + ":" + smtp + "</bind>");
        edit(
                conf.resolve("smtpserver.xml"),
                "<bind>0.0.0.0:465</bind>",
                "<bind>" + HOST + ":" + freePort() + "</bind>");
        edit(
                conf.resolve("smtpserver.xml"),
                "<bind>0.0.0.0:587</bind>",
                "<bind>" + HOST + ":" + freePort() + "</bind>");
        edit(
                conf.resolve("imapserver.xml"),
                "<bind>0.0.0.0:143</bind>",
                "<bind>" + HOST + ":" + freePort() + "</bind>");
        edit(
                conf.resolve("imapserver.xml"),
                "<bind>0.0.0.0:993</bind>",
                "<bind>" + HOST + ":" + freePort() + "</bind>");
        edit(conf.resolve("webadmin.properties"), "port=8000", "port=" + webadmin);
        edit(conf.resolve("webadmin.properties"), "host=localhost", "host=" + HOST);
        edit(conf.resolve("jmx.properties"), "jmx.port=9999", "jmx.port=" + freePort());
        edit(conf.resolve("jmap.properties"), "\nenabled=true", "\nenabled=false");
        // the distribution's listeners.xml keeps every deleted message in the memory vault for a year: the messages
        // expunged after each load would stay on the heap (about 44 KB a message of this mail), and every later load
        // would pay for a heap that only grows
        edit(
                conf.resolve("listeners.xml"),
                "<preDeletionHook>\n    <class>org.apache.james.vault.DeletedMessageVaultHook</class>\n  "
                        + "</preDeletionHook>",
                "");
        edit(conf.resolve("logback.xml"), "/logs/james.", folder.resolve("logs").toAbsolutePath() + "/james.");
        run(
                folder,
                List.of(
                        java().resolveSibling("keytool").toString(),
                        "-genkeypair",
                        "-alias",
                        "james",
                        "-keyalg",
                        "RSA",
                        "-storetype",
                        "PKCS12",
                        "-keystore",
                        conf.resolve("keystore").toString(),
                        "-storepass",
                        "james72laBalle",
                        "-keypass",
                        "james72laBalle",
                        "-dname",
                        "CN=localhost",
                        "-validity",
                        "2"));
        if (configuration.hasPack()) {
            run(
                    folder,
                    List.of(repository.resolve("deploy-to-james.sh").toString(), folder.toString(), jar.toString()));
            configuration.cutBack(folder);
            if (dnsServers != null) {
                Files.writeString(
                        conf.resolve("james-lua.properties"),
                        "\ndns.servers=" + dnsServers + "\n",
                        StandardOpenOption.APPEND);
            }
        }
        List<String> command = new ArrayList<>(List.of(javaCommand.toString(), "-Xmx" + heap));
        command.addAll(jvmOptions);
        command.addAll(List.of(
                "-Dworking.directory=.",
                "-Dlogback.configurationFile=conf/logback.xml",
                "-Djdk.tls.ephemeralDHKeySize=2048",
                "-jar",
                "james-server-memory-app.jar"));
        long launched = System.nanoTime();
        Process process = new ProcessBuilder(command)
                .directory(folder.toFile())
                .redirectErrorStream(true)
                .redirectOutput(folder.resolve("james.out").toFile())
                .start();
        DeployedJames james = new DeployedJames(configuration, folder, smtp, webadmin, process);
        try {
            james.awaitHealthy();
            james.startNanos = System.nanoTime() - launched;
            james.startTicks = james.cpuTicks();
            james.startClasses = james.loadedClasses();
            james.startCompilations = james.compilations();
            james.allocation = HeapAllocation.attach(process.pid());
            james.provision(mailboxes);
        } catch (IOException | RuntimeException e) {
            james.close();
            throw e;
        }
        return james;
    }

    long pid() {
        return process.pid();
    }

    /** From the launch of James's JVM until its webadmin health check first answered 200. */
    long startNanos() {
        return startNanos;
    }

    /** The CPU James's JVM had used when its health check first answered 200, in clock ticks. */
    long startTicks() {
        return startTicks;
    }

    /** The process's user + system CPU time so far, in clock ticks. */
    long cpuTicks() throws IOException {
        return ThreadCpu.processTicks(process.pid());
    }

    /** The classes James's JVM had loaded when its health check first answered 200. */
    long startClasses() {
        return startClasses;
    }

    /** The methods HotSpot had compiled when James's health check first answered 200. */
    long startCompilations() {
        return startCompilations;
    }

    /** The classes loaded so far, unloaded ones included ({@code java.cls.loadedClasses}, jstat's "Loaded"). */
    long loadedClasses() throws IOException {
        Path counters = PerfCounters.file(process.pid());
        return PerfCounters.read(counters, "java.cls.loadedClasses")
                + PerfCounters.read(counters, "java.cls.sharedLoadedClasses");
    }

    /** The methods HotSpot has compiled so far ({@code sun.ci.totalCompiles}, jstat's "Compiled"). */
    long compilations() throws IOException {
        return PerfCounters.read(PerfCounters.file(process.pid()), "sun.ci.totalCompiles");
    }

    /** The bytes each Java thread has allocated so far. */
    HeapAllocation.Snapshot allocation() {
        return allocation.snapshot();
    }

    /**
     * A JFR recording (the JDK's {@code profile} settings: stack samples every 10 ms, allocation samples) from now
     * until James stops, written to {@code file}: started after the warm-up, so it shows the measured loads.
     */
    void startRecording(Path file) throws IOException, InterruptedException {
        run(
                folder,
                List.of(
                        java().resolveSibling("jcmd").toString(),
                        Long.toString(process.pid()),
                        "JFR.start",
                        "name=load",
                        "settings=profile",
                        "filename=" + file.toAbsolutePath()));
        recording = file;
    }

    /** The messages in all the load's INBOXes, counted over webadmin. */
    long deliveredMessages(int mailboxes) throws IOException, InterruptedException {
        long count = 0;
        for (int i = 0; i < mailboxes; i++) {
            HttpResponse<String> answer =
                    webadmin("GET", "/users/" + MailGenerator.mailbox(i) + "/mailboxes/INBOX/messageCount", null);
            if (answer.statusCode() == 200) {
                count += Long.parseLong(answer.body().trim());
            } else if (answer.statusCode() != 404) {
                throw new IOException("messageCount of " + MailGenerator.mailbox(i) + ": " + answer.statusCode() + " "
                        + answer.body());
            }
        }
        return count;
    }

    /** The mails in James's error repository ({@code var/mail/error/}), as webadmin says, or what it answered. */
    String errorRepositorySize() throws IOException, InterruptedException {
        HttpResponse<String> answer = webadmin("GET", "/mailRepositories/var%2Fmail%2Ferror%2F", null);
        Matcher size = Pattern.compile("\"size\"\\s*:\\s*(\\d+)").matcher(answer.body());
        return answer.statusCode() == 200 && size.find() ? size.group(1) : "(webadmin: " + answer.statusCode() + ")";
    }

    /**
     * Every message of the load's INBOXes expunged (webadmin's clear-mailbox-content task, awaited): the memory
     * mailbox keeps every message on the heap and searches the target user's messages on each append
     * ({@code SearchThreadIdGuessingAlgorithm}), so a James that kept the mail of earlier loads would spend more on
     * each message than on the first load's. Deleting the mailboxes instead, as this did before, freed nothing: James
     * 3.8.1's memory message mapper keeps the messages of a deleted mailbox (about 27 KB a message of this mail).
     */
    void clearInboxes(int mailboxes) throws IOException, InterruptedException {
        // all the tasks first, then their ends: awaiting each before starting the next cost half a second a mailbox
        // (webadmin's await looks at a task every 500 ms), 50 s a load with 100 mailboxes
        Map<String, String> tasks = new LinkedHashMap<>();
        for (int i = 0; i < mailboxes; i++) {
            String user = MailGenerator.mailbox(i);
            HttpResponse<String> started = webadmin("DELETE", "/users/" + user + "/mailboxes/INBOX/messages", null);
            if (started.statusCode() == 404) {
                // James makes a user's INBOX with its first mail: a short load leaves some users without one
                continue;
            }
            expect(started, "DELETE INBOX messages");
            Matcher task = TASK_ID.matcher(started.body());
            if (!task.find()) {
                throw new IOException("no taskId in the answer to DELETE INBOX messages: " + started.body());
            }
            tasks.put(task.group(1), user);
        }
        for (Map.Entry<String, String> task : tasks.entrySet()) {
            HttpResponse<String> ended = webadmin("GET", "/tasks/" + task.getKey() + "/await", null);
            expect(ended, "await the INBOX's clearing");
            if (!ended.body().contains("\"status\":\"completed\"")) {
                throw new IOException("clearing the INBOX of " + task.getValue() + ": " + ended.body());
            }
        }
    }

    /** A full collection ({@code jcmd GC.run}): the next load starts on a heap without the last one's garbage. */
    void collectGarbage() throws IOException, InterruptedException {
        run(folder, List.of(java().resolveSibling("jcmd").toString(), Long.toString(process.pid()), "GC.run"));
    }

    /** The heap James holds after a full collection, in bytes ({@code jcmd GC.run}, then {@code GC.heap_info}). */
    long liveHeapBytes() throws IOException, InterruptedException {
        collectGarbage();
        String info = output(
                folder,
                List.of(java().resolveSibling("jcmd").toString(), Long.toString(process.pid()), "GC.heap_info"));
        Matcher used = HEAP_USED.matcher(info);
        if (!used.find()) {
            throw new IOException("no heap use in jcmd GC.heap_info:\n" + info);
        }
        return Long.parseLong(used.group(1)) * 1024;
    }

    /** The threads of James's process now, the JVM's own included ({@code Threads:} of /proc/PID/status). */
    int threads() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
            if (line.startsWith("Threads:")) {
                return Integer.parseInt(line.substring("Threads:".length()).trim());
            }
        }
        throw new IOException("no Threads: line in /proc/" + process.pid() + "/status");
    }

    /** The file descriptors James's process holds open now (sockets, files, pipes). */
    long openFiles() throws IOException {
        try (Stream<Path> descriptors = Files.list(Path.of("/proc", Long.toString(process.pid()), "fd"))) {
            return descriptors.count();
        }
    }

    /** Live objects of the classes whose names start with one of {@code prefixes}, after a full collection. */
    LiveObjects liveObjects(List<String> prefixes) throws IOException, InterruptedException {
        // GC.class_histogram collects first, unless told -all
        String histogram = output(
                folder,
                List.of(java().resolveSibling("jcmd").toString(), Long.toString(process.pid()), "GC.class_histogram"));
        long instances = 0;
        long bytes = 0;
        for (String line : histogram.split("\n")) {
            Matcher row = HISTOGRAM_ROW.matcher(line);
            if (row.find() && prefixes.stream().anyMatch(row.group(3)::startsWith)) {
                instances += Long.parseLong(row.group(1));
                bytes += Long.parseLong(row.group(2));
            }
        }
        return new LiveObjects(instances, bytes);
    }

    record LiveObjects(long instances, long bytes) {}

    /** The scripts folder of the pack's configurations: the scripts, LUA.OUT and LUAERRORS.LOG. */
    Path scriptsFolder() {
        return folder.resolve("conf").resolve("lua");
    }

    private void awaitHealthy() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + START.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException(configuration.label + ": James exited; see " + folder.resolve("james.out"));
            }
            if (lostAPort()) {
                throw new PortTakenException(configuration.label + ": a port was taken before James bound it; see "
                        + folder.resolve("james.out"));
            }
            try {
                if (webadmin("GET", "/healthcheck", null).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        throw new IOException(
                configuration.label + ": not healthy within " + START + "; see " + folder.resolve("james.out"));
    }

    // the ports are chosen free before James starts, and another process (a James starting beside it) may take one
    // in between: James then logs the bind failure but never becomes healthy
    private boolean lostAPort() throws IOException {
        Path out = folder.resolve("james.out");
        return Files.exists(out) && Files.readString(out).contains("Address already in use");
    }

    /** James could not bind a port chosen for it: starting it again with new ports may succeed. */
    static final class PortTakenException extends IOException {
        PortTakenException(String message) {
            super(message);
        }
    }

    private void provision(int mailboxes) throws IOException, InterruptedException {
        expect(webadmin("PUT", "/domains/" + MailGenerator.DOMAIN, null), "PUT domain");
        for (int i = 0; i < mailboxes; i++) {
            expect(
                    webadmin("PUT", "/users/" + MailGenerator.mailbox(i), "{\"password\":\"" + PASSWORD + "\"}"),
                    "PUT user");
        }
    }

    private static void expect(HttpResponse<String> answer, String what) throws IOException {
        if (answer.statusCode() / 100 != 2) {
            throw new IOException(what + ": " + answer.statusCode() + " " + answer.body());
        }
    }

    private HttpResponse<String> webadmin(String method, String path, String json)
            throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + HOST + ":" + webadmin + path))
                .method(
                        method,
                        json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json))
                .header("Content-Type", "application/json")
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() {
        stop();
        Runtime.getRuntime().removeShutdownHook(stopOnExit);
    }

    private void stop() {
        if (allocation != null) {
            try {
                allocation.close();
            } catch (IOException e) {
                // James is stopped next: nothing is left to read
            }
        }
        if (recording != null && process.isAlive()) {
            try {
                run(
                        folder,
                        List.of(
                                java().resolveSibling("jcmd").toString(),
                                Long.toString(process.pid()),
                                "JFR.stop",
                                "name=load"));
            } catch (IOException e) {
                System.err.println(configuration.label + ": the JFR recording was not written: " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /**
     * This JVM's {@code java}: the client's, and the James's unless {@code --james-java} names another; jcmd and keytool
     * always come from this JDK (a Java 11 runtime may have neither, and jcmd attaches across versions).
     */
    static Path java() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }

    /** The distribution's files, with its 120 MB of libraries linked rather than copied. */
    private static void copy(Path distribution, Path target) throws IOException {
        if (Files.exists(target)) {
            try (Stream<Path> old = Files.walk(target)) {
                for (Path path : old.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
        try (Stream<Path> files = Files.walk(distribution, 1)) {
            Files.createDirectories(target);
            for (Path source : files.skip(1).toList()) {
                Path copy = target.resolve(source.getFileName().toString());
                if (source.getFileName().toString().equals(LIBRARIES)) {
                    Files.createSymbolicLink(copy, source.toAbsolutePath());
                } else {
                    copyTree(source, copy);
                }
            }
        }
    }

    private static void copyTree(Path source, Path target) throws IOException {
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : files.toList()) {
                Path copy = target.resolve(source.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(file, copy);
                }
            }
        }
    }

    private static void edit(Path file, String stock, String replacement) throws IOException {
        String content = Files.readString(file);
        if (!content.contains(stock)) {
            throw new IllegalStateException(file + " is not James 3.8.1's own: it lacks " + stock);
        }
        Files.writeString(file, content.replace(stock, replacement));
    }

    private static void run(Path folder, List<String> command) throws IOException, InterruptedException {
        output(folder, command);
    }

    private static String output(Path folder, List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command)
                .directory(folder.toFile())
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            throw new IOException(String.join(" ", command) + " failed:\n" + output);
        }
        return output;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
