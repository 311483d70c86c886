package org.jameslua.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.luaj.vm2.LuaValue;

/**
 * Sessions appending to one log file at once, as many SMTP connections running the same script do: each opens it
 * with "a" and writes its lines. C's "a" appends every write at the end of the file as it is then (O_APPEND), so no
 * line is lost or overwritten; a file that wrote where it had found the end lost the lines written meanwhile.
 * Each session's line is one write, so lines are not split either.
 */
class AppendedLinesTest {
    private static final int SESSIONS = 4;
    private static final int LINES = 300;

    @RegisterExtension
    final ScriptFixture scripts = new ScriptFixture();

    /** A session thread interrupted (James stopping, os.sleep cut short) still appends: no interruptible channel. */
    @Test
    void aSessionWhoseThreadWasInterruptedStillAppends() throws Exception {
        scripts.write(
                "LOGGER.LUA",
                "function Go()\n"
                        + "  local f = io.open(\"interrupted.log\", \"a\")\n"
                        + "  local a = f:write(\"one\\n\")\n"
                        + "  local b = f:write(\"two\\n\")\n"
                        + "  f:close()\n"
                        + "  return tostring(a == f) .. \" \" .. tostring(b == f)\n"
                        + "end\n");
        ScriptInstance instance = scripts.engine().newInstance("LOGGER.LUA");

        CallResult result;
        Thread.currentThread().interrupt();
        try {
            result = instance.call("Go");
        } finally {
            Thread.interrupted();
        }

        assertThat(((CallResult.Returned) result).values().arg1().tojstring()).isEqualTo("true true");
        assertThat(scripts.folder().resolve("interrupted.log")).hasContent("one\ntwo\n");
    }

    @Test
    void linesAppendedByConcurrentSessionsAreAllThereWhole() throws Exception {
        scripts.write(
                "LOGGER.LUA",
                "function Go(session, lines)\n"
                        + "  for i = 1, lines do\n"
                        + "    local f = io.open(\"shared.log\", \"a\")\n"
                        + "    f:write(\"session \", session, \" line \", i, \"\\n\")\n"
                        + "    f:close()\n"
                        + "  end\n"
                        + "  return true\n"
                        + "end\n");
        LuaEngine engine = scripts.engine();
        ExecutorService pool = Executors.newFixedThreadPool(SESSIONS);
        try {
            List<Future<CallResult>> calls = new ArrayList<>();
            for (int session = 1; session <= SESSIONS; session++) {
                LuaValue number = LuaValue.valueOf(session);
                calls.add(pool.submit(
                        () -> engine.newInstance("LOGGER.LUA").call("Go", number, LuaValue.valueOf(LINES))));
            }
            for (Future<CallResult> call : calls) {
                assertThat(call.get(60, TimeUnit.SECONDS)).isInstanceOf(CallResult.Returned.class);
            }
        } finally {
            pool.shutdownNow();
        }

        List<String> lines = Files.readAllLines(scripts.folder().resolve("shared.log"), StandardCharsets.ISO_8859_1);
        List<String> expected = new ArrayList<>();
        for (int session = 1; session <= SESSIONS; session++) {
            for (int i = 1; i <= LINES; i++) {
                expected.add("session " + session + " line " + i);
            }
        }
        assertThat(lines).containsExactlyInAnyOrderElementsOf(expected);
    }
}
