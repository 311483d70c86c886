package org.jameslua.benchmarks;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.jameslua.benchmarks.message.MultipartMessage;
import org.jameslua.engine.CallResult;
import org.jameslua.engine.LuaEngine;
import org.jameslua.engine.ScriptInstance;
import org.jameslua.engine.message.Actions;
import org.jameslua.engine.message.MessageSource;
import org.jameslua.engine.message.MimeScan;
import org.jameslua.engine.message.ScannedMessage;
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
 * one), a trivial callback, a callback walking a 50-line header table, and for a 20-part message (a text part
 * and 19 attachments) the MIME scan and a ProcessMessage call with its MIME and attachment tables.
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
    private byte[] twentyParts;
    private ScannedMessage scannedTwentyParts;

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
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        new MultipartMessage(19, 2048).writeTo(message);
        twentyParts = message.toByteArray();
        scannedTwentyParts = ScannedMessage.of(MessageSource.of(twentyParts));
        require(processMessage());
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        scannedTwentyParts.close();
        instance.close();
        engine.close();
        try (var files = Files.list(folder)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Files.delete(file);
            }
        }
        Files.delete(folder);
    }

    /** Closed, as every host closes its instances: an instance stays charged to the engine's memory bound until then. */
    @Benchmark
    public ScriptInstance newInstanceOf200LineScript() {
        ScriptInstance made = engine.newInstance("SMTPSVR.LUA");
        made.close();
        return made;
    }

    @Benchmark
    public CallResult trivialCallback() {
        return instance.call("Trivial");
    }

    @Benchmark
    public CallResult callbackWalking50Headers() {
        return instance.call("CountHeaders", headers);
    }

    @Benchmark
    public MimeScan mimeScanOf20PartMessage() throws IOException {
        try (ScannedMessage message = ScannedMessage.of(MessageSource.of(twentyParts))) {
            return message.scan();
        }
    }

    /** The tables are built for each call, as the SMTP handler does for each message. */
    @Benchmark
    public CallResult processMessageWith20PartTables() {
        return processMessage();
    }

    private CallResult processMessage() {
        return instance.callWithMessage(scannedTwentyParts, "ProcessMessage", LuaValue.varargsOf(new LuaValue[] {
            LuaValue.valueOf("sender@example.com"), LuaValue.valueOf("benchmark message"),
            LuaValue.listOf(new LuaValue[] {LuaValue.valueOf("user@example.local")}),
                    Actions.forSmtp().toLua(),
            scannedTwentyParts.structure(), LuaValue.valueOf((double) scannedTwentyParts.size()),
            scannedTwentyParts.attachments()
        }));
    }

    private static void require(CallResult result) {
        if (!(result instanceof CallResult.Returned)) {
            throw new IllegalStateException("benchmark script failed: " + result);
        }
    }
}
