package org.jameslua.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/james-lua-run} picks what runs a command line: the engine's jar, or the tools module for
 * {@code --smtp} and {@code --mail} among the options before SCRIPT. The launcher runs from a copy laid out as
 * the source tree is, with a {@code java} on {@code JAVA_HOME} that prints the command it was given.
 */
class LauncherModeTest {
    private static final Path LAUNCHER = Path.of("../bin/james-lua-run");
    private static final String TOOLS_MAIN = "org.jameslua.tools.ToolsMain";

    @TempDir
    Path tree;

    @BeforeEach
    void layOut() throws IOException {
        Path bin = Files.createDirectories(tree.resolve("bin"));
        Files.copy(LAUNCHER, bin.resolve("james-lua-run"));
        Files.createDirectories(tree.resolve("lua-engine/target"));
        Files.writeString(tree.resolve("lua-engine/target/lua-engine-0-cli.jar"), "");
        Files.createDirectories(tree.resolve("tools/target"));
        Files.writeString(tree.resolve("tools/target/runtime-classpath"), "james.jar");
        fakeJava("17");
    }

    // a java that answers -XshowSettings as a Java of that release does, and prints any other command it is given
    private void fakeJava(String release) throws IOException {
        Path java = Files.createDirectories(tree.resolve("jdk/bin")).resolve("java");
        Files.writeString(
                java,
                "#!/bin/sh\n"
                        + "if [ \"$1\" = -XshowSettings:properties ]; then\n"
                        + "    echo '    java.specification.version = " + release + "' >&2\n"
                        + "    exit 0\n"
                        + "fi\n"
                        + "printf '%s\\n' \"$@\"\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @Test
    void anArgumentAfterTheScriptIsTheScripts() throws Exception {
        assertThat(run("S.LUA", "Go", "--smtp")).containsExactly("-jar", jar(), "S.LUA", "Go", "--smtp");
        assertThat(run("--folder", "scripts", "S.LUA", "Go", "--mail", "x.eml"))
                .containsExactly("-jar", jar(), "--folder", "scripts", "S.LUA", "Go", "--mail", "x.eml");
        assertThat(run("--string", "S.LUA", "--smtp")).containsExactly("-jar", jar(), "--string", "S.LUA", "--smtp");
    }

    @Test
    void anOptionBeforeTheScriptSelectsTheTools() throws Exception {
        assertThat(run("--smtp", "SMTPSVR.LUA")).contains(TOOLS_MAIN).endsWith("--smtp", "SMTPSVR.LUA");
        assertThat(run("--folder", "scripts", "--smtp", "--from", "192.0.2.1", "SMTPSVR.LUA"))
                .contains(TOOLS_MAIN);
        assertThat(run("--folder", "scripts", "--mail", "m.eml", "--script", "SIGNATURE.LUA"))
                .contains(TOOLS_MAIN)
                .endsWith("--folder", "scripts", "--mail", "m.eml", "--script", "SIGNATURE.LUA");
    }

    @Test
    void anOptionsValueIsNotTheScript() throws Exception {
        // "dir" and "ann" are values of options, not SCRIPT: the options go on to S.LUA, and --mail is its argument
        assertThat(run("--folder", "dir", "--safety", "--user", "ann", "S.LUA", "--mail"))
                .containsExactly("-jar", jar(), "--folder", "dir", "--safety", "--user", "ann", "S.LUA", "--mail");
    }

    @Test
    void theToolsOnAJavaBefore17SayWhatTheyNeedWhileTheEngineRuns() throws Exception {
        fakeJava("11");

        Process tools = launch("--folder", "scripts", "--smtp", "SMTPSVR.LUA");

        assertThat(tools.waitFor()).isEqualTo(2);
        assertThat(new String(tools.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
                .contains("--smtp needs Java 17 or later")
                .contains("is Java 11");
        assertThat(run("S.LUA", "Go")).containsExactly("-jar", jar(), "S.LUA", "Go");
    }

    private String jar() {
        return tree.resolve("bin/../lua-engine/target/lua-engine-0-cli.jar").toString();
    }

    private List<String> run(String... args) throws Exception {
        Process process = launch(args);
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(output).isZero();
        return output.lines().collect(Collectors.toList());
    }

    private Process launch(String... args) throws IOException {
        List<String> command =
                new ArrayList<>(List.of("sh", tree.resolve("bin/james-lua-run").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("JAVA_HOME", tree.resolve("jdk").toString());
        builder.environment().remove("JAMES_LUA_JAR");
        builder.environment().remove("JAVA_OPTS");
        return builder.start();
    }
}
