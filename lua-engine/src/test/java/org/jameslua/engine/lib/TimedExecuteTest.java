package org.jameslua.engine.lib;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jameslua.engine.CallResult;
import org.jameslua.engine.Limits;
import org.jameslua.engine.ScriptError;
import org.jameslua.engine.ScriptFixture;
import org.jameslua.engine.ScriptInstance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.luaj.vm2.Varargs;

@DisabledOnOs(OS.WINDOWS)
class TimedExecuteTest {
    @RegisterExtension
    final ScriptFixture scripts = new ScriptFixture();

    @Test
    void returnsTheProgramsExitCodeAndNoError() {
        Varargs values = run("return os.timedexecute('/bin/sh -c \"exit 3\"', 5000)");

        assertThat(values.narg()).isEqualTo(2);
        assertThat(values.arg(1).toint()).isEqualTo(3);
        assertThat(values.arg(2).toint()).isZero();
    }

    @Test
    void runsInTheScriptsFolderWithoutAShell() {
        Varargs values = run("return os.timedexecute([[/bin/sh -c \"echo $1 > out.txt\" sh \"a;b $HOME\"]], 5000)");

        assertThat(values.arg(1).toint()).isZero();
        assertThat(scripts.folder().resolve("out.txt")).content().isEqualToIgnoringNewLines("a;b $HOME");
    }

    /** A program that reads its input gets end-of-file, not a pipe nobody writes to until its time is up. */
    @Test
    void aProgramReadingItsInputReadsNothingAndEnds() {
        Varargs values = run("return os.timedexecute('/bin/sh -c \"cat > in.txt\"', 3000)");

        assertThat(values.arg(1).toint()).isZero();
        assertThat(scripts.folder().resolve("in.txt")).isEmptyFile();
    }

    @Test
    void takesAProgramWithASlashFromTheScriptsFolder() throws IOException {
        Path tool = scripts.write("tool.sh", "#!/bin/sh\nexit 7\n");
        Files.setPosixFilePermissions(tool, PosixFilePermissions.fromString("rwxr-xr-x"));

        assertThat(run("return os.timedexecute('./tool.sh', 5000)").arg(1).toint())
                .isEqualTo(7);
    }

    @Test
    void aMissingProgramGivesMinusOneAndFileNotFound() {
        Varargs values = run("return os.timedexecute('no-such-program-for-james-lua --flag', 5000)");

        assertThat(values.arg(1).toint()).isEqualTo(TimedExecuteLibrary.NOT_LAUNCHED);
        assertThat(values.arg(2).toint()).isEqualTo(TimedExecuteLibrary.FILE_NOT_FOUND);
        assertThat(values.arg(3).tojstring()).contains("no-such-program-for-james-lua");
        assertThat(scripts.errors()).isEmpty();
    }

    @Test
    void aFileThatIsNotExecutableGivesAccessDenied() {
        scripts.write("notes.txt", "not a program");

        Varargs values = run("return os.timedexecute('./notes.txt', 5000)");

        assertThat(values.arg(1).toint()).isEqualTo(TimedExecuteLibrary.NOT_LAUNCHED);
        assertThat(values.arg(2).toint()).isEqualTo(TimedExecuteLibrary.ACCESS_DENIED);
    }

    /*
     * The shell must write its pids before the deadline: 5 s leaves a loaded machine ample time to start it, and the
     * sleeps of 10 minutes end only by the kill, so the outcome does not depend on the machine's speed.
     */
    @Test
    void aProgramOverItsTimeIsKilledWithEverythingItStarted() throws Exception {
        Varargs values = run("return os.timedexecute([[/bin/sh -c \"echo $$ > tree.pids; sleep 600 & "
                + "echo $! >> tree.pids; exec sleep 600\"]], 5000)");

        assertThat(values.arg(1).toint()).isEqualTo(TimedExecuteLibrary.KILLED_AT_DEADLINE);
        assertThat(values.arg(2).toint()).isZero();
        List<String> pids = Files.readAllLines(scripts.folder().resolve("tree.pids"));
        assertThat(pids).as("the shell and its background child both started").hasSize(2);
        assertNoneSurvives(pids);
    }

    @Test
    void theCallsTimeBudgetCutsTheWaitShortAndFailsTheCall() throws Exception {
        scripts.write(
                "RUN.LUA",
                "function Run() return os.timedexecute([[/bin/sh -c \"echo $$ > budget.pids; "
                        + "exec sleep 600\"]], 600000) end");
        ScriptInstance instance = scripts.engine(Limits.defaults().withWallTime(Duration.ofSeconds(5)))
                .newInstance("RUN.LUA");

        CallResult result = instance.call("Run");

        assertThat(result).isInstanceOf(CallResult.Failed.class);
        assertThat(((CallResult.Failed) result).error().kind()).isEqualTo(ScriptError.Kind.TIMEOUT);
        assertThat(scripts.errors()).singleElement().asString().endsWith("[TIMEOUT]: the call ran longer than 5000 ms");
        List<String> pids = Files.readAllLines(scripts.folder().resolve("budget.pids"));
        assertThat(pids).hasSize(1);
        assertNoneSurvives(pids);
    }

    @Test
    void badCommandLinesAreLuaErrors() {
        scripts.write("RUN.LUA", "function Run() return os.timedexecute('prog \"open', 1000) end");

        assertThat(scripts.engine().newInstance("RUN.LUA").call("Run")).isInstanceOf(CallResult.Failed.class);
        assertThat(scripts.errors()).singleElement().asString().contains("os.timedexecute: unbalanced double quote");
    }

    private Varargs run(String body) {
        scripts.write("RUN.LUA", "function Run() " + body + " end");
        CallResult result = scripts.engine().newInstance("RUN.LUA").call("Run");
        assertThat(result).isInstanceOf(CallResult.Returned.class);
        return ((CallResult.Returned) result).values();
    }

    /** Waits (boundedly) for each process to be gone, then checks that none is. */
    private static void assertNoneSurvives(List<String> pids) throws Exception {
        for (String text : pids) {
            long pid = Long.parseLong(text.trim());
            Optional<ProcessHandle> process = ProcessHandle.of(pid);
            if (process.isPresent()) {
                try {
                    process.get().onExit().get(5, TimeUnit.SECONDS);
                } catch (TimeoutException e) {
                    // reported by the assertion below
                }
            }
            assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive))
                    .as("process %s", pid)
                    .isEmpty();
        }
    }
}
