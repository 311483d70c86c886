package org.jameslua.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.luaj.vm2.LuaThread;

/** Coroutines hold a Java thread each in LuaJ: their number is capped across all instances of an engine. */
class CoroutineThreadsTest {
    private static final String SCRIPT = "COS = {} function Go(n) for i = 1, n do"
            + " local co = coroutine.create(function() coroutine.yield() end)"
            + " local ok, message = coroutine.resume(co)"
            + " if not ok then return message end COS[#COS + 1] = co end return 'all started' end";

    @RegisterExtension
    final ScriptFixture scripts = new ScriptFixture();

    @Test
    void aHundredAndFiftySessionsOfThirtySuspendedCoroutinesStayUnderTheCap() throws Exception {
        scripts.write("SMTPSVR.LUA", SCRIPT);
        LuaEngine engine = scripts.engine(LuaEngine.builder(scripts.folder())
                .serverLimits(ServerLimits.defaults().withCoroutines(256)));
        int threadsBefore = ManagementFactory.getThreadMXBean().getThreadCount();
        List<ScriptInstance> sessions = new ArrayList<>();
        List<String> answers = new ArrayList<>();

        for (int i = 0; i < 150; i++) {
            ScriptInstance session = engine.newInstance("SMTPSVR.LUA");
            sessions.add(session);
            answers.add(((CallResult.Returned) session.call("Go", org.luaj.vm2.LuaValue.valueOf(30)))
                    .values()
                    .arg1()
                    .tojstring());
        }

        assertThat(engine.coroutineThreads().alive()).isEqualTo(256);
        assertThat(ManagementFactory.getThreadMXBean().getThreadCount() - threadsBefore)
                .isBetween(256, 256 + 16);
        assertThat(answers.subList(0, 8)).containsOnly("all started");
        assertThat(answers.get(8)).isEqualTo("more than 256 coroutines alive at once in all scripts of the server");
        assertThat(answers.subList(9, 150)).containsOnly(answers.get(8));
        assertThat(scripts.errors())
                .last()
                .asString()
                .endsWith(" SMTPSVR.LUA Go line 1 [SANDBOX]: more than 256 coroutines alive at once in all scripts"
                        + " of the server");

        sessions.forEach(ScriptInstance::close);

        awaitNoCoroutineThreads(engine);
        ScriptInstance next = engine.newInstance("SMTPSVR.LUA");
        assertThat(((CallResult.Returned) next.call("Go", org.luaj.vm2.LuaValue.valueOf(30)))
                        .values()
                        .arg1()
                        .tojstring())
                .isEqualTo("all started");
        next.close();
    }

    @Test
    void wrapRaisesTheRefusalAsALuaError() {
        scripts.write(
                "S.LUA",
                "function Go() local a = coroutine.wrap(function() coroutine.yield() end) a()"
                        + " local b = coroutine.wrap(function() coroutine.yield() end)"
                        + " local ok, message = pcall(b) return message end");
        LuaEngine engine = scripts.engine(LuaEngine.builder(scripts.folder())
                .serverLimits(ServerLimits.defaults().withCoroutines(1)));

        CallResult result = engine.newInstance("S.LUA").call("Go");

        assertThat(((CallResult.Returned) result).values().arg1().tojstring())
                .isEqualTo("more than 1 coroutines alive at once in all scripts of the server");
    }

    /**
     * LuaJ ends the thread of a coroutine dropped while suspended (an iterator left by a {@code break}) once the
     * collector has found it, whenever that is: its frames' finally blocks then report returns on that thread,
     * maybe while a call of the instance runs. Taken as that call's returns, they unwound its frames under it, and
     * the call failed with "vm error: java.lang.ArrayIndexOutOfBoundsException" at a line of its own.
     */
    @Test
    void aDroppedCoroutineEndingLeavesTheInstancesCallsAlone() throws Exception {
        scripts.write(
                "S.LUA",
                "local function deep(n) if n == 0 then coroutine.yield() else deep(n - 1) end return n end"
                        + " function Drop() for i = 1, 20 do"
                        + " coroutine.resume(coroutine.create(function() xpcall(deep, print, 30) end)) end end"
                        + " local function long() local a = 0 for i = 1, 200000 do a = a + i end return a end"
                        + " local function short() return long() + 1 end"
                        + " function Run() local s = 0 for i = 1, 3 do s = s + short() end return s end");
        ScriptInstance instance = scripts.engine().newInstance("S.LUA");
        long orphanCheck = LuaThread.thread_orphan_check_interval;
        // LuaJ looks whether its coroutine was dropped every 5 s by default: often, so that it happens within Run
        LuaThread.thread_orphan_check_interval = 10;
        AtomicBoolean done = new AtomicBoolean();
        Thread collector = new Thread(() -> {
            while (!done.get()) {
                System.gc();
                LockSupport.parkNanos(5_000_000);
            }
        });
        collector.start();
        List<CallResult> runs = new ArrayList<>();
        try {
            for (int round = 0; round < 15; round++) {
                instance.call("Drop");
                runs.add(instance.call("Run"));
            }
        } finally {
            done.set(true);
            collector.join();
            LuaThread.thread_orphan_check_interval = orphanCheck;
        }

        assertThat(runs).allSatisfy(run -> assertThat(run).isInstanceOf(CallResult.Returned.class));
        assertThat(scripts.errors()).isEmpty();
        instance.close();
    }

    /** The threads end on their own once interrupted; how long that takes is the scheduler's business. */
    private static void awaitNoCoroutineThreads(LuaEngine engine) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (engine.coroutineThreads().alive() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(engine.coroutineThreads().alive()).isZero();
    }
}
