package org.jameslua.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/james-lua-run}, shipped to script writers, run as they run it on the Java the distribution's James runs
 * on ({@link JamesProcess#javaHome()}; Java 11 in CI): a sample script's function, and the check of the samples'
 * folder. The Java it ran on is the one its JVM reports.
 */
class CommandLineRunnerTest {
    private static final Path REPOSITORY = Path.of(System.getProperty("jameslua.repository"));

    @TempDir
    Path folder;

    @BeforeEach
    void copySamples() throws IOException {
        try (Stream<Path> samples = Files.list(REPOSITORY.resolve("conf-samples/scripts"))) {
            for (Path sample : (Iterable<Path>) samples::iterator) {
                Files.copy(sample, folder.resolve(sample.getFileName()));
            }
        }
    }

    @Test
    void theSamplePasswordCheckAnswersOnTheJamesJava() throws Exception {
        Run strong = Run.of(
                "--folder", folder.toString(), "PASSWORDCHECK.LUA", "Check", "\"bob@x\"", "\"Rain-42-Paris\"", "8");
        Run weak =
                Run.of("--folder", folder.toString(), "PASSWORDCHECK.LUA", "Check", "\"bob@x\"", "\"rainrain\"", "8");

        assertThat(strong.exitCode).as(strong.toString()).isZero();
        assertThat(strong.output).startsWith("true\n");
        assertThat(weak.output).startsWith("false\n");
        JamesProcess.requiredRelease()
                .ifPresent(release ->
                        assertThat(strong.javaSettings).contains("java.specification.version = " + release + "\n"));
    }

    @Test
    void theSamplesCheckCleanOnTheJamesJava() throws Exception {
        Run check = Run.of("--check", folder.toString());

        assertThat(check.exitCode).as(check.toString()).isZero();
        assertThat(check.output).contains(" 0 errors, 0 warnings");
    }

    /** One run of the launcher: exit code, what it printed, and the settings its JVM printed to stderr. */
    private static final class Run {
        final int exitCode;
        final String output;
        final String javaSettings;

        private Run(int exitCode, String output, String javaSettings) {
            this.exitCode = exitCode;
            this.output = output;
            this.javaSettings = javaSettings;
        }

        static Run of(String... args) throws IOException, InterruptedException {
            List<String> command = new ArrayList<>(
                    List.of("sh", REPOSITORY.resolve("bin/james-lua-run").toString()));
            command.addAll(List.of(args));
            Path settings = Files.createTempFile("james-lua-run-", ".err");
            try {
                ProcessBuilder builder = new ProcessBuilder(command).redirectError(settings.toFile());
                Optional<Path> javaHome = JamesProcess.javaHome();
                if (javaHome.isPresent()) {
                    builder.environment().put("JAVA_HOME", javaHome.get().toString());
                } else {
                    builder.environment().remove("JAVA_HOME");
                }
                builder.environment().remove("JAMES_LUA_JAR");
                builder.environment().put("JAVA_OPTS", "-XshowSettings:properties");
                Process process = builder.start();
                String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                return new Run(process.waitFor(), output, Files.readString(settings));
            } finally {
                Files.delete(settings);
            }
        }

        @Override
        public String toString() {
            return "exit " + exitCode + ":\n" + output + javaSettings;
        }
    }
}
