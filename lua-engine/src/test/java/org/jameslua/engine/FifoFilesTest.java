package org.jameslua.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An administrator's script opening a FIFO (named pipe) of the folder with io.open or io.lines: the open waited for
 * the other end for ever, on the session's thread, where no bound of the call reaches (a Java open cannot be
 * interrupted). It is refused as a file that cannot be opened.
 */
class FifoFilesTest {
    @RegisterExtension
    final ScriptFixture scripts = new ScriptFixture();

    private Path fifo;

    @AfterEach
    void removeTheFifo() throws Exception {
        Files.deleteIfExists(fifo);
    }

    @Test
    void aFifoIsNotOpenedForReadingOrWritingAndAPlainFileIs() throws Exception {
        fifo = scripts.folder().resolve("pipe.txt");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor())
                .isZero();
        scripts.write(
                "ADMIN.LUA",
                "function Go()\n"
                        + "  local r, e1 = io.open(\"pipe.txt\", \"r\")\n"
                        + "  local w, e2 = io.open(\"pipe.txt\", \"w\")\n"
                        + "  local ok, e3 = pcall(io.lines, \"pipe.txt\")\n"
                        + "  local f = io.open(\"plain.txt\", \"w\")\n"
                        + "  f:write(\"x\")\n"
                        + "  f:close()\n"
                        + "  return tostring(r) .. \" \" .. e1 .. \" | \" .. tostring(w) .. \" \" .. e2 .. \" | \" .. tostring(ok) .. \" \" .. e3\n"
                        + "end\n");

        CallResult result = assertTimeoutPreemptively(
                Duration.ofSeconds(30),
                () -> scripts.engine().newInstance("ADMIN.LUA").call("Go"));

        assertThat(result).as("%s", result).isInstanceOf(CallResult.Returned.class);
        String fifoRefused = "pipe.txt: is a FIFO, which waits for its other end: not opened";
        assertThat(scripts.folder().resolve("plain.txt")).hasContent("x");
        assertThat(((CallResult.Returned) result).values().arg1().tojstring())
                .isEqualTo(
                        "nil " + fifoRefused + " | nil " + fifoRefused
                                + " | false cannot open file 'pipe.txt' (is a FIFO, which waits for its other end: not opened)");
    }
}
