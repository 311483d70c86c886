package org.jameslua.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.luaj.vm2.Varargs;

/**
 * Library functions that copy a script's string into Java, or build their result there, run no Lua instruction
 * at which a bound could stop them: what they would allocate is checked against the call's allocation bound
 * before they copy. Each script here makes an 8 MiB string under a 16 MiB bound and hands it on; the watchdog is
 * stopped (the engine closed), so only those checks can hold the bound. Counted in bytes the call's thread
 * allocated, which the machine's load does not change.
 */
class CopyBoundsTest {
    private static final long BOUND = 16L * 1024 * 1024;
    /**
     * What a call may allocate past its bound: what it allocated since its last look, its error, and the classes
     * the JVM loads for the first call of a library function.
     */
    private static final long SLACK = 6L * 1024 * 1024;

    @RegisterExtension
    final ScriptFixture scripts = new ScriptFixture();

    @ParameterizedTest
    @ValueSource(
            strings = {
                "os.date(s)",
                "pcall(error, s)",
                "pcall(function() assert(false, s) end)",
                "pcall(coroutine.wrap(function() error(s) end))",
                "debug.traceback(s)",
                "VPOP3.SetSetting('n', s)",
            })
    void aCopyThatWouldPassTheAllocationBoundIsRefusedBeforeItIsMade(String use) {
        scripts.write("S.LUA", "function Go() local s = string.rep('x', 8 * 1024 * 1024) " + use + " end");
        ScriptInstance instance = withoutWatchdog(Limits.defaults().withAllocatedBytes(BOUND));

        long allocated = allocatedBy(() -> {
            CallResult result = instance.call("Go");
            assertThat(((CallResult.Failed) result).error().message())
                    .isEqualTo("the call allocated more than 16777216 bytes");
        });

        assertThat(allocated).isLessThan(BOUND + SLACK);
    }

    /**
     * The functions taking a name copy it into paths and error messages, up to 25 times over (a 1 MiB module name
     * made require allocate 25 MiB): a name longer than any a file system or DNS takes is refused before it is
     * copied at all.
     */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "os.getenv(s)",
                "os.remove(s)",
                "os.rename('x', s)",
                "io.open(s)",
                "io.lines(s)",
                "require(s)",
                "dofile(s)",
                "assert(loadfile(s))",
                "load('return 1', s)",
                "VPOP3Net.GetHTTP(s)",
                "VPOP3Net.GetDNSRecords(s, 1)",
                "VPOP3Net.GetDNSRecords('example.org', 1, s)",
                "VPOP3Net.GetWHOIS(s, 'x')",
            })
    void aNameLongerThan64KiBIsRefusedBeforeItIsCopied(String use) {
        scripts.write("S.LUA", "function Go() local s = string.rep('x', 1024 * 1024) " + use + " end");
        ScriptInstance instance = withoutWatchdog(Limits.defaults().withAllocatedBytes(BOUND));

        long allocated = allocatedBy(() -> {
            CallResult result = instance.call("Go");
            assertThat(((CallResult.Failed) result).error().message())
                    .startsWith("S.LUA:1: bad argument #")
                    .endsWith(" (name longer than 65536 bytes)");
        });

        assertThat(allocated).isLessThan(1024 * 1024 + SLACK);
    }

    @Test
    void aNameOf64KiBIsStillOne() {
        scripts.write(
                "S.LUA",
                "function Go() local s = string.rep('x', 64 * 1024) return os.getenv(s), io.open(s), #select(2, io.open(s)) end");
        ScriptInstance instance = withoutWatchdog(Limits.defaults());

        CallResult result = instance.call("Go");

        assertThat(((CallResult.Returned) result).values().arg1().isnil()).isTrue();
        assertThat(((CallResult.Returned) result).values().arg(2).isnil()).isTrue();
        assertThat(((CallResult.Returned) result).values().arg(3).toint()).isGreaterThan(64 * 1024);
    }

    /**
     * Compiling runs no Lua instruction and allocates up to 450 times the chunk's length (its Lua 5.0 rewriter's
     * tokens, the compiler's functions): a chunk of a megabyte allocated up to 455 MiB before the call could be
     * stopped. Both look at the call's bounds as they read.
     */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "string.rep('f()', 350000)",
                "'return {' .. string.rep('{},', 350000) .. '}'",
                "'return ' .. string.rep('1+', 500000) .. '1'",
                "string.rep('local a = 1 ', 90000)",
            })
    void aChunkIsCompiledWithinTheCallsAllocationBound(String chunk) {
        scripts.write("S.LUA", "function Go() local chunk = " + chunk + " return load(chunk) end");
        ScriptInstance instance = withoutWatchdog(Limits.defaults().withAllocatedBytes(BOUND));

        long allocated = allocatedBy(() -> {
            CallResult result = instance.call("Go");
            assertThat(((CallResult.Failed) result).error().message())
                    .isEqualTo("the call allocated more than 16777216 bytes");
        });

        assertThat(allocated).isLessThan(BOUND + SLACK);
    }

    /** A chunk within the bound still compiles; its first line names it; a first line starting with # is not skipped. */
    @Test
    void aChunkWithinTheBoundCompilesAsBefore() {
        scripts.write(
                "S.LUA",
                "function Go() local f = load('return ' .. string.rep('1+', 20000) .. '1')"
                        + " local _, hash = load('# x\\nreturn 1')"
                        + " local _, long = load(string.rep('y', 100) .. ' =')"
                        + " return f(), hash, long end");
        ScriptInstance instance = withoutWatchdog(Limits.defaults().withAllocatedBytes(BOUND));

        CallResult result = instance.call("Go");

        Varargs values = ((CallResult.Returned) result).values();
        assertThat(values.arg1().toint()).isEqualTo(20001);
        // as lua5.2 says
        assertThat(values.arg(2).tojstring()).isEqualTo("[string \"# x...\"]:1: unexpected symbol near '#'");
        assertThat(values.arg(3).tojstring())
                .isEqualTo("[string \"" + "y".repeat(45) + "...\"]:1: unexpected symbol near <eof>");
    }

    /**
     * An error of megabytes that ends the call was copied into Java whole for the log, which keeps 4,096 characters
     * of it: its message is cut at 64 KiB.
     */
    @Test
    void anErrorEndingTheCallIsCopiedOnlyAsFarAsItIsLogged() {
        scripts.write("S.LUA", "function Go() error(string.rep('x', 8 * 1024 * 1024), 0) end");
        ScriptInstance instance = withoutWatchdog(Limits.defaults().withAllocatedBytes(BOUND));

        long allocated = allocatedBy(() -> {
            CallResult result = instance.call("Go");
            assertThat(((CallResult.Failed) result).error().message())
                    .hasSize(64 * 1024 + "... (8388608 bytes)".length())
                    .endsWith("xxx... (8388608 bytes)");
        });

        assertThat(allocated).isLessThan(8L * 1024 * 1024 + SLACK);
    }

    /** {@code %.3s} read its whole string: a loop of them on a string of megabytes allocated gigabytes. */
    @Test
    void aPrecisionReadsNoMoreOfTheStringThanItKeeps() {
        scripts.write(
                "S.LUA",
                "function Go() local s, t = string.rep('x', 1024 * 1024) .. 'abc'"
                        + " for i = 1, 1000 do t = string.format('%.3s|%5.2s|%.0s|%.9s', s, s, s, 'a\\0bc') end"
                        + " return t end");
        ScriptInstance instance = withoutWatchdog(Limits.defaults());

        long allocated = allocatedBy(() -> {
            CallResult result = instance.call("Go");
            assertThat(((CallResult.Returned) result).values().arg1().tojstring())
                    .isEqualTo("xxx|   xx||a");
        });

        // one copy of the string per format would be a GiB; the formats' own objects, while Java 11 still interprets
        // them (this test run alone), come to about 8 MiB
        assertThat(allocated).isLessThan(32L * 1024 * 1024);
    }

    /**
     * Reading runs no Lua instruction: {@code read("*a")} of {@code /dev/zero} never ended, and a file of gigabytes
     * filled the heap. Each read looks at the call's bounds as its result grows.
     */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "io.open('/dev/zero'):read('*a')",
                "io.open('/dev/zero'):read('*l')",
                "io.open('/dev/zero'):read(2^40)",
                "io.open('/dev/zero'):lines()()",
            })
    void aReadEndsAtTheCallsBounds(String read) {
        // a line is read a byte per system call (seconds for the 16 MiB bound): a smaller bound proves the same
        long bound = 2L * 1024 * 1024;
        scripts.write("S.LUA", "function Go() local s = " + read + " end");
        ScriptInstance instance = withoutWatchdog(Limits.defaults().withAllocatedBytes(bound));

        long allocated = allocatedBy(() -> {
            CallResult result = instance.call("Go");
            assertThat(((CallResult.Failed) result).error().kind()).isEqualTo(ScriptError.Kind.MEMORY);
        });

        assertThat(allocated).isLessThan(bound + SLACK);
    }

    /**
     * {@code read("*n")} skips white space and reads digits in Java, byte by byte: a file of megabytes of spaces (a
     * log of what senders wrote) held the call for seconds while each byte was a system call, and one of gigabytes
     * holds it for minutes still, past the call's time bound, which nothing looked at. 64 MiB take a few hundred
     * milliseconds, well past this call's 50 ms.
     */
    @Test
    void aNumeralReadEndsAtTheCallsTimeBound() throws java.io.IOException {
        byte[] spaces = new byte[64 * 1024 * 1024];
        java.util.Arrays.fill(spaces, (byte) ' ');
        java.nio.file.Files.write(scripts.folder().resolve("SPACES.TXT"), spaces);
        scripts.write("S.LUA", "function Go() return io.open('SPACES.TXT'):read('*n') end");
        LuaEngine engine = scripts.engine(Limits.defaults().withWallTime(Duration.ofMillis(50)));
        ScriptInstance instance = engine.newInstance("S.LUA");
        engine.close();

        CallResult result = instance.call("Go");

        assertThat(((CallResult.Failed) result).error().kind()).isEqualTo(ScriptError.Kind.TIMEOUT);
    }

    /**
     * A file's write hands the string's own bytes to the file, as LuaJ's did: the engine's files copied each string
     * first (64 writes of 1 MiB allocated 64 MiB more, with no look at the bound between two instructions).
     */
    @ParameterizedTest
    @ValueSource(strings = {"w", "a", "r+"})
    void aWriteCopiesNothing(String mode) {
        scripts.write("W.TXT", "");
        scripts.write(
                "S.LUA",
                "function Go() local s = string.rep('x', 1024 * 1024) local f = io.open('W.TXT', '" + mode + "')"
                        + " for i = 1, 64 do f:write(s) end f:close() end");
        ScriptInstance instance = withoutWatchdog(Limits.defaults());

        long allocated = allocatedBy(() -> assertThat(instance.call("Go")).isInstanceOf(CallResult.Returned.class));

        assertThat(allocated).isLessThan(16L * 1024 * 1024);
    }

    /** A line is counted against the output bound before it is copied into Java (five times its length). */
    @Test
    void aLineOverTheOutputBoundIsRefusedBeforeItIsCopied() {
        scripts.write("S.LUA", "function Go() print(string.rep('x', 8 * 1024 * 1024)) end");
        ScriptInstance instance = withoutWatchdog(Limits.defaults().withAllocatedBytes(BOUND));

        long allocated = allocatedBy(() -> {
            CallResult result = instance.call("Go");
            assertThat(((CallResult.Failed) result).error().message())
                    .isEqualTo("the call printed more than 1048576 bytes to LUA.OUT");
        });

        assertThat(allocated).isLessThan(8L * 1024 * 1024 + SLACK);
        assertThat(scripts.luaOut()).isEmpty();
    }

    /** Each conversion copied the rest of the format: 50,000 of them allocated 2.5 GB (a few KB each now). */
    @Test
    void osDateReadsItsConversionsInPlace() {
        scripts.write("S.LUA", "function Go() return #os.date(string.rep('%d', 50000)) end");
        ScriptInstance instance = withoutWatchdog(Limits.defaults());

        long allocated = allocatedBy(() -> {
            CallResult result = instance.call("Go");
            assertThat(((CallResult.Returned) result).values().arg1().toint()).isEqualTo(100_000);
        });

        assertThat(allocated).isLessThan(32L * 1024 * 1024);
    }

    private ScriptInstance withoutWatchdog(Limits limits) {
        LuaEngine engine = scripts.engine(limits.withWallTime(Duration.ofSeconds(60)));
        ScriptInstance instance = engine.newInstance("S.LUA");
        engine.close();
        return instance;
    }

    private static long allocatedBy(Runnable call) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(thread);
        call.run();
        return threads.getThreadAllocatedBytes(thread) - before;
    }
}
