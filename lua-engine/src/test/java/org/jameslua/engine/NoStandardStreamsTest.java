package org.jameslua.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A script has no stdin or stdout (VPOP3's had none either): what Lua 5.2 reads from stdin or writes to stdout
 * (io.read, io.lines and io.write before io.input/io.output, io.close and io.flush of the default output, loadfile
 * and dofile without a name) fails at once with the reason in plain words, never waiting for input that cannot come.
 */
class NoStandardStreamsTest {
    private static final String NO_STDIN = "there is no stdin in VPOP3 Lua: use io.input(file) first";
    private static final String NO_STDOUT = "there is no stdout in VPOP3 Lua: use print, or io.output(file) first";
    private static final String NO_CHUNK =
            "there is no stdin in VPOP3 Lua: loadfile and dofile need a file of the scripts folder";

    @RegisterExtension
    final ScriptFixture scripts = new ScriptFixture();

    @Test
    void whatWouldUseStdinOrStdoutFailsAtOnceWithItsReason() throws Exception {
        scripts.write(
                "ADMIN.LUA",
                "function Go()\n"
                        + "  local lines = {}\n"
                        + "  local function try(name, f, ...)\n"
                        + "    local r = {pcall(f, ...)}\n"
                        + "    lines[#lines + 1] = name .. \": \" .. tostring(r[1]) .. \", \" .. tostring(r[2]) .. \", \" .. tostring(r[3])\n"
                        + "  end\n"
                        + "  try(\"io.read\", io.read)\n"
                        + "  try(\"io.lines\", io.lines)\n"
                        + "  try(\"io.write\", io.write, \"x\")\n"
                        + "  try(\"io.close\", io.close)\n"
                        + "  try(\"io.flush\", io.flush)\n"
                        + "  try(\"loadfile\", loadfile)\n"
                        + "  try(\"dofile\", dofile)\n"
                        + "  return table.concat(lines, \"\\n\")\n"
                        + "end\n");

        CallResult result = assertTimeoutPreemptively(
                Duration.ofSeconds(30),
                () -> scripts.engine().newInstance("ADMIN.LUA").call("Go"));

        assertThat(result).as("%s", result).isInstanceOf(CallResult.Returned.class);
        assertThat(((CallResult.Returned) result).values().arg1().tojstring())
                .isEqualTo(String.join(
                        "\n",
                        "io.read: false, " + NO_STDIN + ", nil",
                        "io.lines: false, " + NO_STDIN + ", nil",
                        "io.write: false, " + NO_STDOUT + ", nil",
                        "io.close: false, " + NO_STDOUT + ", nil",
                        "io.flush: false, " + NO_STDOUT + ", nil",
                        "loadfile: true, nil, " + NO_CHUNK,
                        "dofile: false, " + NO_CHUNK + ", nil"));
    }
}
