package org.jameslua.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.jameslua.engine.CallResult;
import org.jameslua.engine.LuaEngine;
import org.jameslua.engine.ScriptInstance;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the engine costs an SMTP session: a new instance of a 200-line SMTPSVR.LUA (every connection makes
 * one), a trivial callback, and a callback walking a 50-line header table.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class EngineBenchmark {
    private Path folder;
    private LuaEngine engine;
    private ScriptInstance instance;
    private LuaTable headers;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        folder = Files.createTempDirectory("james-lua-bench");
        try (InputStream script = EngineBenchmark.class.getResourceAsStream("/bench-scripts/SMTPSVR.LUA")) {
            Files.copy(script, folder.resolve("SMTPSVR.LUA"));
        }
        engine = LuaEngine.builder(folder).build();
        instance = engine.newInstance("SMTPSVR.LUA");
        headers = new LuaTable();
        for (int i = 1; i <= 50; i++) {
            headers.set(i, LuaValue.valueOf("X-Header-" + i + ": value number " + i + " of the benchmark message"));
        }
        require(instance.call("Trivial"));
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        instance.close();
        engine.close();
        try (var files = Files.list(folder)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Files.delete(file);
            }
        }
        Files.delete(folder);
    }

    @Benchmark
    public ScriptInstance newInstanceOf200LineScript() {
        return engine.newInstance("SMTPSVR.LUA");
    }

    @Benchmark
    public CallResult trivialCallback() {
        return instance.call("Trivial");
    }

    @Benchmark
    public CallResult callbackWalking50Headers() {
        return instance.call("CountHeaders", headers);
    }

    private static void require(CallResult result) {
        if (!(result instanceof CallResult.Returned)) {
            throw new IllegalStateException("benchmark script failed: " + result);
        }
    }
}
