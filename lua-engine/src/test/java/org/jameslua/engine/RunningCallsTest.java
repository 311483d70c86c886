package org.jameslua.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.luaj.vm2.LuaValue;

/**
 * {@code limit.running.calls}: calls past their first 100 ms of running take turns at the cores, so that many
 * runaway calls at once leave them to the server; a call that waits (os.sleep here) holds no turn meanwhile.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class RunningCallsTest {
    private static final String SCRIPT = String.join(
            "\n",
            "function Spin()",
            "  print('spinning')",
            "  while true do end",
            "end",
            "function RunThenSleep()",
            "  local start = os.clock()",
            "  while os.clock() - start < 0.3 do end",
            "  print('sleeping')",
            "  os.sleep(4000)",
            "end",
            "function RunFor(seconds)",
            "  local start = os.clock()",
            "  while os.clock() - start < seconds do end",
            "  return 'done'",
            "end",
            "");

    @RegisterExtension
    final ScriptFixture scripts = new ScriptFixture();

    private LuaEngine engineWithOneTurn(Duration callTime) {
        scripts.write("CALLS.LUA", SCRIPT);
        return scripts.engine(LuaEngine.builder(scripts.folder())
                // the time bound alone: a spinning call holding the turn can run the default 200,000,000 instructions
                // within seconds
                .limits(Limits.defaults().withWallTime(callTime).withInstructions(Long.MAX_VALUE))
                .serverLimits(ServerLimits.defaults().withRunningCalls(1)));
    }

    /**
     * Three runaway calls with one turn between them run one at a time: once all are past their free time, a look at
     * their threads finds two of them waiting (parked, using no CPU) nearly every time, and their CPU time together
     * over a second is no more than that second and a half (without the turns, on two idle cores or more, two seconds
     * or more; a machine busy with other work gives them less, which is why the threads are looked at too). Each
     * ends at its own time bound, waiting or running.
     */
    @Test
    void runawayCallsWithOneTurnBetweenThemRunOnOneCoreAndEachEndsAtItsTimeBound() throws Exception {
        LuaEngine engine = engineWithOneTurn(Duration.ofSeconds(3));
        List<CompletableFuture<CallResult>> calls = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            CompletableFuture<CallResult> call = new CompletableFuture<>();
            Thread thread = new Thread(() -> {
                try (ScriptInstance instance = engine.newInstance("CALLS.LUA")) {
                    call.complete(instance.call("Spin"));
                }
            });
            thread.start();
            calls.add(call);
            threads.add(thread);
        }
        await(() -> scripts.luaOut().size() == 3);
        Thread.sleep(500);

        long cpuBefore = cpuTime(threads);
        long wallBefore = System.nanoTime();
        int looks = 100;
        int twoWaiting = 0;
        for (int look = 0; look < looks; look++) {
            long waiting = threads.stream()
                    .filter(thread -> thread.getState() == Thread.State.TIMED_WAITING)
                    .count();
            twoWaiting += waiting == 2 ? 1 : 0;
            Thread.sleep(10);
        }
        long cpu = cpuTime(threads) - cpuBefore;
        long wall = System.nanoTime() - wallBefore;

        assertThat(twoWaiting)
                .as("looks of %s finding two calls waiting", looks)
                .isGreaterThan(looks / 2);

        assertThat(cpu).as("CPU time of the three calls' threads, ns").isLessThanOrEqualTo(wall * 3 / 2);
        for (CompletableFuture<CallResult> call : calls) {
            assertThat(call.get(30, TimeUnit.SECONDS))
                    .isInstanceOfSatisfying(
                            CallResult.Failed.class,
                            failed -> assertThat(failed.error().toLogLine())
                                    .endsWith("[TIMEOUT]: the call ran longer than 3000 ms"));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertSharedBoundsBack(engine);
    }

    /**
     * The sleeping call took the one turn before it slept, and sleeps longer than the other call may take: had it kept
     * its turn, the other would have waited for it until its own bound.
     */
    @Test
    void aCallAsleepLeavesItsTurnToAnother() throws Exception {
        LuaEngine engine = engineWithOneTurn(Duration.ofMillis(1500));
        InstanceOptions sleeperTime = InstanceOptions.defaults()
                .withLimits(
                        Limits.defaults().withWallTime(Duration.ofSeconds(6)).withInstructions(Long.MAX_VALUE));
        CompletableFuture<CallResult> sleeper = CompletableFuture.supplyAsync(() -> {
            try (ScriptInstance instance = engine.newInstance("CALLS.LUA", sleeperTime)) {
                return instance.call("RunThenSleep");
            }
        });
        await(() -> scripts.luaOut().contains("sleeping"));

        try (ScriptInstance instance = engine.newInstance("CALLS.LUA")) {
            CallResult result = instance.call("RunFor", LuaValue.valueOf(0.5));

            assertThat(result)
                    .isInstanceOfSatisfying(
                            CallResult.Returned.class,
                            returned -> assertThat(returned.values().arg1().tojstring())
                                    .isEqualTo("done"));
        }
        assertThat(sleeper.get(30, TimeUnit.SECONDS)).isInstanceOf(CallResult.Returned.class);
    }

    /** James stopping interrupts its threads: a call waiting for its turn then ends, and the thread stays interrupted. */
    @Test
    void aCallInterruptedWhileWaitingForItsTurnEnds() throws Exception {
        LuaEngine engine = engineWithOneTurn(Duration.ofSeconds(3));
        Thread holder = new Thread(() -> {
            try (ScriptInstance instance = engine.newInstance("CALLS.LUA")) {
                instance.call("Spin");
            }
        });
        holder.start();
        await(() -> scripts.luaOut().size() == 1);
        Thread.sleep(300);
        CompletableFuture<CallResult> waiting = new CompletableFuture<>();
        CompletableFuture<Boolean> stillInterrupted = new CompletableFuture<>();
        Thread waiter = new Thread(() -> {
            try (ScriptInstance instance = engine.newInstance("CALLS.LUA")) {
                waiting.complete(instance.call("Spin"));
                stillInterrupted.complete(Thread.currentThread().isInterrupted());
            }
        });
        waiter.start();
        await(() -> scripts.luaOut().size() == 2 && waiter.getState() == Thread.State.TIMED_WAITING);

        waiter.interrupt();

        assertThat(waiting.get(3, TimeUnit.SECONDS))
                .isInstanceOfSatisfying(
                        CallResult.Failed.class,
                        failed -> assertThat(failed.error().toLogLine())
                                .endsWith(
                                        "[TIMEOUT]: the call was interrupted while waiting for its turn at the cores"));
        assertThat(stillInterrupted.get(3, TimeUnit.SECONDS)).isTrue();
        holder.join();
        assertSharedBoundsBack(engine);
    }

    /**
     * A call whose thread is interrupted while it resumes a coroutine (here: the script caught the failure of an
     * interrupted os.sleep, and the interrupt stays pending) ends as interrupted once the coroutine has yielded or
     * ended, never before: the coroutine ran on after its call had ended, took the one turn at the cores and kept it,
     * and what it allocated stayed counted to the calls under way, for ever.
     */
    @Test
    void aCallInterruptedWhileItsCoroutineRunsEndsAfterItAndGivesBackItsTurnAndMemory() throws Exception {
        endsAfterItsCoroutinesWhenInterrupted("ResumeWhenInterrupted");
    }

    /** The same when the coroutine the call resumed waits for one it resumed itself, which runs on meanwhile. */
    @Test
    void aCallInterruptedWhileItsCoroutinesCoroutineRunsEndsAfterBoth() throws Exception {
        endsAfterItsCoroutinesWhenInterrupted("ResumeNestedWhenInterrupted");
    }

    private void endsAfterItsCoroutinesWhenInterrupted(String function) throws Exception {
        scripts.write(
                "CO.LUA",
                String.join(
                        "\n",
                        "local function runs()",
                        "  local start = os.clock()",
                        "  while os.clock() - start < 0.3 do end",
                        "  print('coroutine done')",
                        "end",
                        "function ResumeWhenInterrupted()",
                        "  print('sleeping')",
                        "  pcall(os.sleep, 5000)",
                        "  return coroutine.resume(coroutine.create(runs))",
                        "end",
                        "function ResumeNestedWhenInterrupted()",
                        "  print('sleeping')",
                        "  pcall(os.sleep, 5000)",
                        "  return coroutine.resume(coroutine.create(function()",
                        "    return coroutine.resume(coroutine.create(runs))",
                        "  end))",
                        "end",
                        ""));
        LuaEngine engine = engineWithOneTurn(Duration.ofSeconds(2));
        CompletableFuture<Object> interrupted = new CompletableFuture<>();
        CompletableFuture<Boolean> stillInterrupted = new CompletableFuture<>();
        Thread caller = new Thread(() -> {
            try (ScriptInstance instance = engine.newInstance("CO.LUA")) {
                interrupted.complete(instance.call(function));
            } catch (Throwable e) {
                interrupted.complete(e);
            }
            stillInterrupted.complete(Thread.currentThread().isInterrupted());
        });
        caller.start();
        await(() -> scripts.luaOut().contains("sleeping") && caller.getState() == Thread.State.TIMED_WAITING);

        caller.interrupt();

        assertThat(interrupted.get(5, TimeUnit.SECONDS))
                .isInstanceOfSatisfying(
                        CallResult.Failed.class,
                        failed -> assertThat(failed.error().toLogLine())
                                .endsWith("[TIMEOUT]: the call was interrupted while a coroutine ran"));
        assertThat(scripts.luaOut()).as("when the call ended").contains("coroutine done");
        assertThat(stillInterrupted.get(5, TimeUnit.SECONDS)).isTrue();
        caller.join();
        assertSharedBoundsBack(engine);
    }

    /** The one turn at the cores is free again, and nothing is counted to the calls under way. */
    private static void assertSharedBoundsBack(LuaEngine engine) {
        assertThat(engine.coreTurns().available()).as("turns at the cores").isEqualTo(1);
        assertThat(engine.allocationTogether().allocated())
                .as("allocated by the calls under way")
                .isZero();
    }

    /** Until the condition holds; the class's timeout ends a wait that never does. */
    private static void await(BooleanSupplier condition) throws InterruptedException {
        while (!condition.getAsBoolean()) {
            Thread.sleep(10);
        }
    }

    private static long cpuTime(List<Thread> threads) {
        ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        long total = 0;
        for (Thread thread : threads) {
            total += Math.max(0, bean.getThreadCpuTime(thread.getId()));
        }
        return total;
    }
}
