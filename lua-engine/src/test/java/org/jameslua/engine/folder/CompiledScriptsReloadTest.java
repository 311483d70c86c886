package org.jameslua.engine.folder;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;
import org.jameslua.engine.Limits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a script writer and an operator see of the compiled scripts as the folder's files change. */
class CompiledScriptsReloadTest {
    @TempDir
    Path root;

    /** A file the server may not read (run as root here, a refusing open stands in for a chmod). */
    private final AtomicBoolean unreadable = new AtomicBoolean();

    /**
     * Making a file readable (chmod) leaves its modification time as it was: the file is read again at each use, and
     * its failure logged once, not at every mail.
     */
    @Test
    void aFileThatCannotBeReadIsLoggedOnceAndReadAgainAtEachUseUntilItCan() throws IOException {
        CompiledScripts scripts = scripts(Long.MAX_VALUE);
        write("SMTPSVR.LUA", "Version = 'one'", 1);
        CompiledScripts.Script first = scripts.get("SMTPSVR.LUA").orElseThrow();
        write("SMTPSVR.LUA", "Version = 'two'", 2);
        unreadable.set(true);

        for (int mail = 0; mail < 3; mail++) {
            assertThat(scripts.get("SMTPSVR.LUA")).containsSame(first);
        }
        assertThat(errors())
                .singleElement()
                .asString()
                .contains("SMTPSVR.LUA (compile) [COMPILE]: cannot read the file: java.nio.file.AccessDeniedException")
                .endsWith("(the last version that compiled keeps running)");

        unreadable.set(false);

        assertThat(scripts.get("SMTPSVR.LUA").orElseThrow().hasStringConstant("two"))
                .isTrue();
        assertThat(errors()).hasSize(1);
    }

    /**
     * The folder's compiled scripts are bounded together: each edit gives back what the version it replaces was
     * charged, and so does deleting a file, so that a script refused for want of room compiles at its next edit.
     */
    @Test
    void anEditOrADeletionGivesBackWhatTheVersionItEndsWasCharged() throws IOException {
        CompiledScripts scripts = scripts(250);
        write("A.LUA", "a = 'one'", 1);
        assertThat(scripts.get("A.LUA")).isPresent();
        write("A.LUA", "a = 'two'", 2);
        assertThat(scripts.get("A.LUA").orElseThrow().hasStringConstant("two")).isTrue();
        write("A.LUA", "a = 'three'", 3);
        assertThat(scripts.get("A.LUA").orElseThrow().hasStringConstant("three"))
                .isTrue();
        write("B.LUA", "b = 1", 1);
        assertThat(scripts.get("B.LUA")).isPresent();
        write("C.LUA", "c = 1", 1);
        assertThat(scripts.get("C.LUA")).isEmpty();
        assertThat(errors())
                .singleElement()
                .asString()
                .endsWith(" C.LUA (compile) [COMPILE]: compiled, it would take what the folder's compiled scripts keep"
                        + " together past 250 bytes (limit.retained.total.bytes)");

        Files.delete(root.resolve("A.LUA"));
        assertThat(scripts.get("A.LUA")).isEmpty();
        write("C.LUA", "c = 2", 2);

        assertThat(scripts.get("C.LUA")).isPresent();
    }

    /** Each compiled script is charged 100 bytes. */
    private CompiledScripts scripts(long bound) {
        ScriptFolder folder = new ScriptFolder(root);
        return new CompiledScripts(
                folder,
                new ErrorLog(folder, Clock.systemUTC(), 1 << 20, problem -> {}),
                UnaryOperator.identity(),
                Limits.defaults().wallTime(),
                new CompiledMemory((compiled, stopAbove) -> 100, bound),
                new ScriptFileReads(Duration.ofSeconds(30), path -> {
                    if (unreadable.get()) {
                        throw new AccessDeniedException(path.toString());
                    }
                    return FileChannel.open(path, StandardOpenOption.READ);
                }));
    }

    private void write(String name, String source, int second) throws IOException {
        Path file = root.resolve(name);
        Files.writeString(file, source, StandardCharsets.ISO_8859_1);
        Files.setLastModifiedTime(file, FileTime.fromMillis(1_000_000_000_000L + second * 1000L));
    }

    private List<String> errors() throws IOException {
        Path log = root.resolve("LUAERRORS.LOG");
        return Files.exists(log) ? Files.readAllLines(log, StandardCharsets.UTF_8) : List.of();
    }
}
