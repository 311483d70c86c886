package org.jameslua.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code james-lua-run} in a process of its own, on the class path its jar holds: a script asking DNS (dnsjava logs
 * through slf4j) leaves standard error to the script's own errors. Without a logging provider slf4j wrote three
 * "SLF4J: No SLF4J providers were found" lines there at the first lookup, alarming an operator for nothing.
 */
class QuietStandardErrorTest {
    @TempDir
    Path folder;

    @Test
    void aScriptAskingDnsWritesNothingToStandardError() throws Exception {
        Files.writeString(
                folder.resolve("ADMIN.LUA"),
                "local records, ok = VPOP3Net.GetDNSRecords(\"example.com\", 15, \"127.0.0.1:1\")\n"
                        + "print(\"answered\", ok)\n");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(List.of(
                        java.toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        RunScript.class.getName(),
                        "--folder",
                        folder.toString(),
                        "ADMIN.LUA"))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        String standardError = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(process.waitFor()).isZero();
        assertThat(standardError).isEmpty();
        assertThat(folder.resolve("LUA.OUT")).content().isEqualTo("answered\tfalse\n");
    }
}
