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
import org.luaj.vm2.Prototype;

/**
 * A file loaded by another name than its name in the folder ({@code ./util.lua}) runs as a copy of its compiled
 * script under that name, for Lua 5.2's messages; the copies a script's names make stay bounded in number and in the
 * memory the folder's compiled scripts may keep, whatever names a script makes up.
 */
class NamedCopiesTest {
    /** Two functions in a main chunk: three prototypes. */
    private static final String SOURCE = "local function f() return function() end end\nreturn f";

    @TempDir
    Path root;

    @Test
    void anotherNameIsACopyOfEveryFunctionUnderThatName() throws IOException {
        CompiledScripts.Script script = script(Long.MAX_VALUE);

        Prototype copy = script.prototype("./util.lua");

        assertThat(copy).isNotSameAs(script.prototype());
        assertThat(copy.source.tojstring()).isEqualTo("./util.lua");
        assertThat(copy.p[0].source.tojstring()).isEqualTo("./util.lua");
        assertThat(copy.p[0].p[0].source.tojstring()).isEqualTo("./util.lua");
        assertThat(copy.code).isSameAs(script.prototype().code);
        assertThat(copy.p[0].lineinfo).isSameAs(script.prototype().p[0].lineinfo);
        assertThat(script.prototype().source.tojstring()).isEqualTo("util.lua");
    }

    @Test
    void theFoldersNameIsTheScriptItselfAndANameUsedAgainItsCopy() throws IOException {
        CompiledScripts.Script script = script(Long.MAX_VALUE);

        assertThat(script.prototype("util.lua")).isSameAs(script.prototype());
        assertThat(script.prototype("./util.lua")).isSameAs(script.prototype("./util.lua"));
    }

    @Test
    void pastEightNamesTheFileRunsUnderItsNameInTheFolder() throws IOException {
        CompiledScripts.Script script = script(Long.MAX_VALUE);
        String name = "util.lua";

        for (int i = 1; i <= 20; i++) {
            name = "./" + name;
            assertThat(script.prototype(name).source.tojstring()).isEqualTo(i <= 8 ? name : "util.lua");
        }
    }

    /** A copy keeps 96 bytes per function (three here); past the bound the file runs under its folder name. */
    @Test
    void copiesAreChargedToTheFoldersCompiledMemoryAndReleasedWithTheirScript() throws IOException {
        CompiledScripts scripts = scripts(2 * 3 * 96);
        CompiledScripts.Script script = scripts.get("util.lua").orElseThrow();

        assertThat(script.prototype("./util.lua").source.tojstring()).isEqualTo("./util.lua");
        assertThat(script.prototype(".//util.lua").source.tojstring()).isEqualTo(".//util.lua");
        assertThat(script.prototype("././util.lua").source.tojstring()).isEqualTo("util.lua");

        write(SOURCE + " -- a new version");
        CompiledScripts.Script next = scripts.get("util.lua").orElseThrow();

        assertThat(next).isNotSameAs(script);
        assertThat(next.prototype("././util.lua").source.tojstring()).isEqualTo("././util.lua");
        assertThat(next.prototype("./util.lua").source.tojstring()).isEqualTo("./util.lua");
        // the version replaced makes no copy after its release: what it would charge would never be released
        assertThat(script.prototype("UTIL.LUA").source.tojstring()).isEqualTo("util.lua");
    }

    private CompiledScripts.Script script(long bound) throws IOException {
        return scripts(bound).get("util.lua").orElseThrow();
    }

    private CompiledScripts scripts(long bound) throws IOException {
        write(SOURCE);
        ScriptFolder folder = new ScriptFolder(root);
        return new CompiledScripts(
                folder,
                new ErrorLog(folder, Clock.systemUTC(), 1 << 20, problem -> {}),
                UnaryOperator.identity(),
                Limits.defaults().wallTime(),
                new CompiledMemory((compiled, stopAbove) -> 0, bound));
    }

    private void write(String source) throws IOException {
        Path file = root.resolve("util.lua");
        boolean existed = Files.exists(file);
        Files.writeString(file, source, StandardCharsets.ISO_8859_1);
        if (existed) {
            // a time of its own, whatever the granularity of the file system's times
            Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis() + 60_000));
        }
    }
}
