package org.jameslua.engine.folder;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.function.UnaryOperator;
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

    private CompiledScripts scripts() {
        ScriptFolder folder = new ScriptFolder(root);
        return new CompiledScripts(
                folder, new ErrorLog(folder, Clock.systemUTC(), 1 << 20, problem -> {}), UnaryOperator.identity());
    }
}
