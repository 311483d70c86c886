package org.jameslua.distribution;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** {@code deploy-to-james.sh} of the repository, run as an operator runs it, with what it printed. */
final class DeployScript {
    final int exitCode;
    final String output;

    private DeployScript(int exitCode, String output) {
        this.exitCode = exitCode;
        this.output = output;
    }

    static DeployScript run(Path repository, Path james, Path jar) throws IOException, InterruptedException {
        Process script = new ProcessBuilder(
                        "bash", repository.resolve("deploy-to-james.sh").toString(), james.toString(), jar.toString())
                .redirectErrorStream(true)
                .start();
        String output = new String(script.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new DeployScript(script.waitFor(), output);
    }
}
