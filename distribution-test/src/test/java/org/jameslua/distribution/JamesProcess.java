package org.jameslua.distribution;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.awaitility.core.ConditionTimeoutException;

/**
 * James started as operators start it, {@code java -Dworking.directory=. -jar james-server-memory-app.jar} in its
 * folder, as a process of its own, with the Java the build names (see {@link #javaHome()}). Stopping it ends the whole
 * process tree, whatever state it is in.
 */
final class JamesProcess implements AutoCloseable {
    /** Set by the module's pom from the Maven property {@code james.java.home}. */
    private static final String JAVA_HOME_PROPERTY = "jameslua.james.java.home";

    private static final Duration START = Duration.ofSeconds(120);
    private static final Duration STOP = Duration.ofSeconds(20);
    /**
     * Reactor's bounded elastic size, and so the number of mails each RemoteDelivery of James 3.8.1 delivers at
     * once (its {@code deliveryThreads} is not used): by default 10 per processor core; set, so that a test's
     * backlog is a backlog on any machine.
     */
    static final int BOUNDED_ELASTIC_SIZE = 20;

    private final Process process;
    private final Path output;
    private final Thread stopOnExit;

    private JamesProcess(Process process, Path output) {
        this.process = process;
        this.output = output;
        // a test JVM ended from outside (Ctrl-C, a surefire timeout) must not leave James running
        this.stopOnExit = new Thread(this::stop);
        Runtime.getRuntime().addShutdownHook(stopOnExit);
    }

    /**
     * The home of the Java James runs on: the one the build names ({@code -Djames.java.home}, which
     * {@code run-tests.sh} sets to a Java 11, James 3.8.x's own, where it finds one), else {@code JAVA_HOME}; none
     * when neither is set, and then James runs on the {@code java} of the PATH.
     */
    static Optional<Path> javaHome() {
        return Stream.of(System.getProperty(JAVA_HOME_PROPERTY), System.getenv("JAVA_HOME"))
                .filter(home -> home != null && !home.isBlank())
                .findFirst()
                .map(Path::of);
    }

    /** The feature release James must run on ({@code -Djames.java.required=11}, as {@code .ci/run} asks), if any. */
    static Optional<String> requiredRelease() {
        return Optional.ofNullable(System.getProperty("jameslua.james.java.required"))
                .filter(release -> !release.isBlank());
    }

    static Path java() {
        return javaHome().map(home -> home.resolve("bin").resolve("java")).orElse(Path.of("java"));
    }

    /** Started, and answering webadmin's health check. */
    static JamesProcess start(Path james, int webadminPort) throws IOException {
        Path output = james.resolve("james.out");
        Process process = new ProcessBuilder(List.of(
                        java().toString(),
                        "-Xmx512m",
                        "-Dreactor.schedulers.defaultBoundedElasticSize=" + BOUNDED_ELASTIC_SIZE,
                        "-Dworking.directory=.",
                        "-Dlogback.configurationFile=conf/logback.xml",
                        "-Djdk.tls.ephemeralDHKeySize=2048",
                        // every buffer tracked: a buffer never given back is logged (LEAK:) once collected
                        "-Dio.netty.leakDetection.level=paranoid",
                        "-jar",
                        DistributionFolder.JAR))
                .directory(james.toFile())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        JamesProcess started = new JamesProcess(process, output);
        try {
            started.awaitHealthy(webadminPort);
        } catch (RuntimeException | Error e) {
            started.close();
            throw e;
        }
        return started;
    }

    private void awaitHealthy(int webadminPort) {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest healthcheck = HttpRequest.newBuilder(
                        URI.create("http://" + LoopbackConf.HOST + ":" + webadminPort + "/healthcheck"))
                .build();
        String[] lastAnswer = {"none"};
        try {
            await("James answering GET /healthcheck")
                    .atMost(START)
                    .pollInterval(Duration.ofMillis(250))
                    .ignoreExceptionsInstanceOf(IOException.class)
                    .until(() -> {
                        if (!process.isAlive()) {
                            throw new IllegalStateException(
                                    "James exited with " + process.exitValue() + ":\n" + output());
                        }
                        HttpResponse<String> answer = http.send(healthcheck, HttpResponse.BodyHandlers.ofString());
                        lastAnswer[0] = answer.statusCode() + " " + answer.body();
                        return answer.statusCode() == 200;
                    });
        } catch (ConditionTimeoutException e) {
            throw new IllegalStateException(
                    "James did not become healthy within " + START + " (last answer: " + lastAnswer[0]
                            + "); its console:\n" + output(),
                    e);
        }
    }

    /** What James wrote to its console. */
    String output() {
        try {
            return Files.readString(output);
        } catch (IOException e) {
            return "(" + output + " unreadable: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        stop();
        Runtime.getRuntime().removeShutdownHook(stopOnExit);
    }

    private void stop() {
        List<ProcessHandle> tree = process.descendants().collect(Collectors.toList());
        process.destroy();
        try {
            if (!process.waitFor(STOP.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        tree.forEach(ProcessHandle::destroyForcibly);
    }
}
