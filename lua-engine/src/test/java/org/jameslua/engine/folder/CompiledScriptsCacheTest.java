package org.jameslua.engine.folder;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.util.function.UnaryOperator;
import org.jameslua.engine.Limits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the compiled scripts keep stays bounded by the files of the folder, whatever names scripts ask for: a
 * user's own script calling loadfile on a million names that name no file (or one file spelled a million ways) left
 * an entry for each, for as long as James ran: 24,000 of them after one call, more at every mail.
 */
class CompiledScriptsCacheTest {
    @TempDir
    Path root;

    @Test
    void namesOfNoFileLeaveNothingBehind() {
        CompiledScripts scripts = scripts();

        for (int i = 0; i < 10_000; i++) {
            assertThat(scripts.state("alice/missing" + i + ".lua").compileError())
                    .isEmpty();
        }

        assertThat(scripts.cachedNames()).isZero();
    }

    /** A script the folder does not hold, asked for at every mail (no SMTPSVR.LUA at all), is one entry. */
    @Test
    void aMissingScriptAskedForAgainAndAgainIsOneEntry() {
        CompiledScripts scripts = scripts();

        for (int i = 0; i < 3; i++) {
            assertThat(scripts.get("SMTPSVR.LUA")).isEmpty();
        }

        assertThat(scripts.cachedNames()).isEqualTo(1);
    }

    @Test
    void oneFileSpelledManyWaysIsOneEntry() throws IOException {
        Files.createDirectories(root.resolve("alice"));
        Files.writeString(root.resolve("alice/util.lua"), "return 1", StandardCharsets.ISO_8859_1);
        CompiledScripts scripts = scripts();
        String name = "util.lua";

        for (int i = 0; i < 100; i++) {
            assertThat(scripts.get("alice/" + name)).isPresent();
            name = (i % 2 == 0 ? "./" : ".//") + (i % 3 == 0 ? name.toUpperCase() : name);
        }

        assertThat(scripts.cachedNames()).isEqualTo(1);
    }

    /**
     * On a case-sensitive file system two files may differ only by the case of their names: each name asked for
     * exactly as written finds its own file ({@link ScriptFolder#find}), so each must be served its own compiled
     * script, whichever was asked for first. Keyed by the name in lower case, the second was served the first's.
     */
    @Test
    void filesWhoseNamesDifferOnlyInCaseAreEachServedTheirOwn() throws IOException {
        Files.createDirectories(root.resolve("alice"));
        Files.createDirectories(root.resolve("Alice"));
        Files.writeString(root.resolve("alice/util.lua"), "return 'alice'", StandardCharsets.ISO_8859_1);
        Files.writeString(root.resolve("Alice/util.lua"), "return 'Alice'", StandardCharsets.ISO_8859_1);
        Files.writeString(root.resolve("route.lua"), "return 'lower'", StandardCharsets.ISO_8859_1);
        Files.writeString(root.resolve("ROUTE.LUA"), "return 'upper'", StandardCharsets.ISO_8859_1);
        CompiledScripts scripts = scripts();

        for (int round = 0; round < 2; round++) {
            assertThat(chunkName(scripts, "alice/util.lua")).isEqualTo("alice/util.lua");
            assertThat(chunkName(scripts, "Alice/util.lua")).isEqualTo("Alice/util.lua");
            assertThat(chunkName(scripts, "./Alice//util.lua")).isEqualTo("Alice/util.lua");
            assertThat(chunkName(scripts, "ROUTE.LUA")).isEqualTo("ROUTE.LUA");
            assertThat(chunkName(scripts, "route.lua")).isEqualTo("route.lua");
        }
        // a spelling of no file in particular reaches one of them, as find() does, and adds nothing
        assertThat(chunkName(scripts, "Route.Lua")).isIn("route.lua", "ROUTE.LUA");
        assertThat(scripts.cachedNames()).isEqualTo(4);
    }

    /**
     * A name of no file is remembered with the time of the deepest folder on its way, so that a user's script
     * written later is found at the next mail; remembered with the scripts folder's time, it stayed missing until
     * something changed in the scripts folder itself.
     */
    @Test
    void aUsersScriptWrittenAfterItWasMissingIsFoundAtTheNextCall() throws IOException {
        Path alice = Files.createDirectories(root.resolve("alice"));
        // well before the write below, whatever the granularity of the file system's times
        FileTime before = FileTime.fromMillis(System.currentTimeMillis() - 60_000);
        Files.setLastModifiedTime(alice, before);
        Files.setLastModifiedTime(root, before);
        CompiledScripts scripts = scripts();
        assertThat(scripts.get("alice/USER.LUA")).isEmpty();

        Files.writeString(alice.resolve("USER.LUA"), "return 1", StandardCharsets.ISO_8859_1);

        assertThat(scripts.get("alice/USER.LUA")).isPresent();
    }

    private static String chunkName(CompiledScripts scripts, String name) {
        return scripts.get(name).orElseThrow().chunkName();
    }

    private CompiledScripts scripts() {
        ScriptFolder folder = new ScriptFolder(root);
        return new CompiledScripts(
                folder,
                new ErrorLog(folder, Clock.systemUTC(), 1 << 20, problem -> {}),
                UnaryOperator.identity(),
                Limits.defaults().wallTime(),
                new CompiledMemory((compiled, stopAbove) -> 0, Long.MAX_VALUE));
    }
}
