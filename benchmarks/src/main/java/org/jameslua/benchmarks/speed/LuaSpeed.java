package org.jameslua.benchmarks.speed;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.jameslua.engine.CallResult;
import org.jameslua.engine.Limits;
import org.jameslua.engine.LuaEngine;
import org.jameslua.engine.ScriptInstance;

/**
 * Runs a CPU-bound Lua script's {@code Run()} on the pack's engine, as the native interpreters run it in
 * {@code benchmarks/lua-vs-native.sh}: one line per run, {@code run <n> <CPU seconds> <checksum>}, then the
 * wall time of each run. CPU time is the whole JVM's (the JIT compiler's and the garbage collector's threads
 * included), comparable with {@code os.clock()} of a native Lua. The engine runs as it does for scripts in
 * the server, with its per-instruction budget hook, only with bounds high enough for a long benchmark.
 *
 * <p>Arguments: {@code <script file> [runs]} (default 5).
 */
public final class LuaSpeed {
    private static final com.sun.management.OperatingSystemMXBean SYSTEM =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private LuaSpeed() {}

    public static void main(String[] args) throws IOException {
        Path script = Path.of(args[0]);
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Path folder = Files.createTempDirectory("james-lua-speed");
        Path copy = Files.copy(script, folder.resolve("BENCH.LUA"));
        Limits limits = Limits.defaults()
                .withInstructions(Long.MAX_VALUE)
                .withWallTime(Duration.ofHours(1))
                .withAllocatedBytes(Long.MAX_VALUE);
        try (LuaEngine engine = LuaEngine.builder(folder).limits(limits).build()) {
            ScriptInstance instance = engine.newInstance("BENCH.LUA");
            StringBuilder wall = new StringBuilder("wall seconds:");
            for (int run = 1; run <= runs; run++) {
                long cpu = SYSTEM.getProcessCpuTime();
                long started = System.nanoTime();
                CallResult result = instance.call("Run");
                long wallNanos = System.nanoTime() - started;
                double cpuSeconds = (SYSTEM.getProcessCpuTime() - cpu) / 1e9;
                if (!(result instanceof CallResult.Returned returned)) {
                    System.out.println("run " + run + " failed: " + result);
                    System.exit(1);
                    return;
                }
                System.out.printf(
                        "run %d %.3f %s%n",
                        run, cpuSeconds, returned.values().arg1().tojstring());
                wall.append(String.format(" %.3f", wallNanos / 1e9));
            }
            System.out.println(wall);
            instance.close();
        } finally {
            Files.delete(copy);
            Files.deleteIfExists(folder.resolve("LUAERRORS.LOG"));
            Files.deleteIfExists(folder.resolve("LUA.OUT"));
            Files.delete(folder);
        }
    }
}
