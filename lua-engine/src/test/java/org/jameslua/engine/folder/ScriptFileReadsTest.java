package org.jameslua.engine.folder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;
import org.jameslua.engine.Limits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A script file checked to be a regular file, then swapped for a FIFO before it is opened: opening the FIFO waits
 * for a writer for ever. The swap is made at that moment, every time, by the open the test gives the reader, as a
 * rename of a FIFO made beforehand: made there by {@code mkfifo}, a process slower than the patience under load, the
 * reader was interrupted before its open, and the test's writer then waited for it for ever. The
 * compile waits for the read at most its patience and the last version that compiled keeps serving; while the open
 * waits, files of the same folder are not read (no second thread left waiting) and other folders' files are.
 */
class ScriptFileReadsTest {
    private static final Duration PATIENCE = Duration.ofMillis(300);
    private static final Duration NEVER = Duration.ofSeconds(30);

    @TempDir
    Path root;

    private final List<String> problems = new CopyOnWriteArrayList<>();
    private final AtomicBoolean swapNextOpen = new AtomicBoolean();
    private Path fifo;

    @AfterEach
    void letTheWaitingOpenEnd() {
        if (fifo != null && Files.exists(fifo)) {
            // the reader thread waits for a writer: give it one
            assertTimeoutPreemptively(NEVER, () -> {
                try (OutputStream writer = Files.newOutputStream(fifo, StandardOpenOption.WRITE)) {
                    writer.flush();
                }
            });
        }
    }

    private void swapNextOpenForAFifo() throws IOException {
        makeFifo(root.resolve("waiting.fifo"));
        swapNextOpen.set(true);
    }

    @Test
    void aFileSwappedForAFifoBetweenTheCheckAndTheOpenHoldsNoCompile() throws Exception {
        ScriptFolder folder = new ScriptFolder(root);
        CompiledScripts scripts = scripts(folder);
        write("SMTPSVR.LUA", "x = 1", 1);
        write("alice/USER_REDIRECT.LUA", "y = 1", 1);
        Optional<CompiledScripts.Script> lastGood = scripts.get("SMTPSVR.LUA");
        assertThat(lastGood).isPresent();
        write("SMTPSVR.LUA", "x = 2", 2);
        write("OTHER.LUA", "z = 1", 2);

        swapNextOpenForAFifo();
        Optional<CompiledScripts.Script> served = assertTimeoutPreemptively(NEVER, () -> scripts.get("SMTPSVR.LUA"));

        assertThat(served).containsSame(lastGood.orElseThrow());
        assertThat(errors(folder))
                .singleElement()
                .asString()
                .contains("SMTPSVR.LUA (compile) [COMPILE]: cannot read the file: java.io.IOException: the file was"
                        + " not read within 300 ms")
                .contains("keeps running");
        // the open still waits: another file of the folder is not read, another folder's is
        assertThat(assertTimeoutPreemptively(NEVER, () -> scripts.get("OTHER.LUA")))
                .isEmpty();
        assertThat(errors(folder).get(1)).contains("OTHER.LUA (compile) [COMPILE]", "has not returned yet");
        assertThat(assertTimeoutPreemptively(NEVER, () -> scripts.get("alice/USER_REDIRECT.LUA")))
                .isPresent();
    }

    @Test
    void oneFolderReadsAgainOnceTheWaitingOpenHasReturned() throws Exception {
        ScriptFolder folder = new ScriptFolder(root);
        CompiledScripts scripts = scripts(folder);
        write("alice/USER_REDIRECT.LUA", "y = 1", 1);
        write("alice/util.lua", "return 1", 1);
        swapNextOpenForAFifo();
        assertThat(assertTimeoutPreemptively(NEVER, () -> scripts.get("alice/USER_REDIRECT.LUA")))
                .isEmpty();

        letTheWaitingOpenEnd();
        fifo = null;

        // the reader thread returns from the open and the read (the FIFO's writer has gone: nothing to read)
        assertTimeoutPreemptively(NEVER, () -> {
            while (!scripts.get("alice/util.lua").isPresent()) {
                Thread.sleep(20);
            }
        });
    }

    private CompiledScripts scripts(ScriptFolder folder) {
        ErrorLog errorLog = new ErrorLog(folder, Clock.systemUTC(), 1 << 20, problems::add);
        return new CompiledScripts(
                folder,
                errorLog,
                UnaryOperator.identity(),
                Limits.defaults().wallTime(),
                new CompiledMemory((compiled, stopAbove) -> 0, Long.MAX_VALUE),
                new ScriptFileReads(PATIENCE, path -> {
                    if (swapNextOpen.compareAndSet(true, false)) {
                        fifo = path;
                        Files.move(root.resolve("waiting.fifo"), path, StandardCopyOption.REPLACE_EXISTING);
                    }
                    return FileChannel.open(path, StandardOpenOption.READ);
                }));
    }

    private static void makeFifo(Path path) throws IOException {
        try {
            assertThat(new ProcessBuilder("mkfifo", path.toString()).start().waitFor())
                    .isZero();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private void write(String name, String source, int second) throws IOException {
        Path file = root.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, source, StandardCharsets.ISO_8859_1);
        Files.setLastModifiedTime(file, FileTime.fromMillis(1_000_000_000_000L + second * 1000L));
    }

    private static List<String> errors(ScriptFolder folder) throws IOException {
        Path log = folder.root().resolve("LUAERRORS.LOG");
        return Files.exists(log) ? Files.readAllLines(log, StandardCharsets.UTF_8) : List.of();
    }
}
