package org.jameslua.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.apache.james.metrics.dropwizard.DropWizardMetricFactory;
import org.jameslua.engine.CallResult;
import org.jameslua.engine.LuaEngine;
import org.jameslua.engine.ScriptInstance;
import org.jameslua.james.ScriptCallCounts;
import org.jameslua.james.ScriptMetrics;
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
 * What James's metrics add to each script call (every SMTP callback and mailet function goes through
 * {@link ScriptMetrics}, publishing calls and a timer to James's DropWizard registry): a trivial function called bare,
 * and through the metrics under a mailet's scope.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class MeteredCallBenchmark {
    private Path folder;
    private LuaEngine engine;
    private ScriptInstance instance;
    private ScriptMetrics metrics;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        folder = Files.createTempDirectory("james-lua-metered-bench");
        Files.writeString(folder.resolve("ROUTING.LUA"), "function IsBulk(mail) return false end\n");
        engine = LuaEngine.builder(folder).build();
        instance = engine.newInstance("ROUTING.LUA");
        metrics = new ScriptMetrics(
                new DropWizardMetricFactory(new com.codahale.metrics.MetricRegistry()), new ScriptCallCounts());
        if (!(metered() instanceof CallResult.Returned)) {
            throw new IllegalStateException("the benchmark's function did not return");
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        instance.close();
        engine.close();
        Files.delete(folder.resolve("ROUTING.LUA"));
        Files.delete(folder);
    }

    @Benchmark
    public CallResult bare() {
        return instance.call("IsBulk", LuaValue.NIL);
    }

    @Benchmark
    public CallResult metered() {
        return metrics.call("matcher.LuaMatcher-1", instance, "IsBulk", LuaValue.NIL);
    }
}
