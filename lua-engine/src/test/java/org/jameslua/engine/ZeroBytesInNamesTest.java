package org.jameslua.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A file name with a zero byte in it names no file: each function taking one fails as for a missing file, in Lua's
 * words. Java refuses such a path with an exception of its own, which reached the script and LUAERRORS.LOG as
 * "vm error: java.nio.file.InvalidPathException". C would read the name only up to the zero byte; a name is not cut
 * here, so that "x.properties\0.lua" cannot pass a check of its end and open another file.
 */
class ZeroBytesInNamesTest {
    @RegisterExtension
    final ScriptFixture scripts = new ScriptFixture();

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "select(2, io.open(n))                     | a\\0b: No such file or directory",
                "select(2, io.open(n, 'w'))                | a\\0b: No such file or directory",
                "select(2, os.remove(n))                   | a\\0b: No such file or directory",
                "select(2, os.rename(n, 'c'))              | No such file or directory",
                "select(2, os.rename('c', n))              | No such file or directory",
                "select(2, pcall(io.lines, n))             | cannot open file 'a\\0b' (No such file or directory)",
                "select(2, pcall(io.input, n))             | cannot open file 'a\\0b' (No such file or directory)",
                "select(2, pcall(io.output, n))            | cannot open file 'a\\0b' (No such file or directory)",
                "select(2, loadfile(n))                    | cannot open a\\0b: No such file or directory",
                "select(2, pcall(dofile, n))               | cannot open a\\0b: No such file or directory",
                "select(2, os.getdirectory(n))             | no such directory: a\\0b",
            })
    void aNameWithAZeroByteNamesNoFile(String call, String failure) {
        scripts.write("c", "");
        scripts.write("S.LUA", "function Go() local n = 'a\\0b' return (" + call + ") end");

        CallResult result = scripts.engine().newInstance("S.LUA").call("Go");

        assertThat(((CallResult.Returned) result).values().arg1().tojstring()).isEqualTo(failure.replace("\\0", "\0"));
    }

    /** A zero byte first in the name is one too: {@code require} hands the name on to the folder's lookup as it is. */
    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "require(n)  | a\\0b",
                "io.lines(n) | a\\0b",
                "dofile(n)   | a\\0b",
                "require(n)  | \\0b",
                "io.lines(n) | \\0b",
                "dofile(n)   | \\0b"
            })
    void anUncaughtFailureIsALuaError(String call, String name) {
        scripts.write("S.LUA", "function Go() local n = '" + name + "' " + call + " end");

        CallResult result = scripts.engine().newInstance("S.LUA").call("Go");

        assertThat(((CallResult.Failed) result).error().message()).doesNotContain("java.");
    }
}
