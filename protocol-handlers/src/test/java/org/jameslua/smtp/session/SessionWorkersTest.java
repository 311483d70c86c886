package org.jameslua.smtp.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.apache.james.metrics.tests.RecordingMetricFactory;
import org.jameslua.engine.Limits;
import org.jameslua.engine.ServerLimits;
import org.jameslua.engine.net.NetConfig;
import org.jameslua.james.LuaPackSettings;
import org.jameslua.james.ScriptFailure;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The pool of {@code smtp.workers} threads, two here: a new session is admitted while one is free and turned away
 * when none is, an admitted session's work waits for the first worker to finish, and a failing piece of work stops
 * none queued behind it. Waits are bounded.
 */
class SessionWorkersTest {
    private static final String HAND_OFFS = "luapack.smtp.handoffs";

    private final RecordingMetricFactory metrics = new RecordingMetricFactory();
    private final SessionWorkers workers = new SessionWorkers(settings(2), metrics);
    private final List<CountDownLatch> held = new CopyOnWriteArrayList<>();
    private final List<String> ran = new CopyOnWriteArrayList<>();

    @AfterEach
    void letGo() {
        held.forEach(CountDownLatch::countDown);
    }

    @Test
    void twoWorkersAdmitTwoSessionsAndTurnAwayTheThirdUntilOneIsFree() throws Exception {
        CountDownLatch first = new CountDownLatch(1);
        assertThat(workers.tryRun(holding("first", first))).isTrue();
        assertThat(workers.anyFree()).isTrue();
        assertThat(workers.tryRun(holding("second", new CountDownLatch(1)))).isTrue();
        awaitRan("first", "second");

        assertThat(workers.anyFree()).isFalse();
        assertThat(workers.tryRun(() -> ran.add("third"))).isFalse();

        first.countDown();
        awaitAnyFree();
        assertThat(workers.tryRun(() -> ran.add("fourth"))).isTrue();
        awaitRan("first", "second", "fourth");
    }

    @Test
    void anAdmittedSessionsWorkWaitsForTheFirstWorkerToFinishThenRunsInOrder() throws Exception {
        CountDownLatch first = new CountDownLatch(1);
        workers.tryRun(holding("first", first));
        workers.tryRun(holding("second", new CountDownLatch(1)));
        awaitRan("first", "second");

        workers.run(() -> ran.add("a"));
        workers.run(() -> ran.add("b"));
        // the two held workers started in either order
        assertThat(ran).containsExactlyInAnyOrder("first", "second");

        first.countDown();
        awaitRan("first", "second", "a", "b");
        assertThat(ran.subList(2, 4)).containsExactly("a", "b");
        awaitAnyFree();
    }

    @Test
    void aFailingPieceOfWorkStopsNoneQueuedBehindIt() throws Exception {
        SessionWorkers one = new SessionWorkers(settings(1), metrics);
        CountDownLatch first = new CountDownLatch(1);
        one.tryRun(() -> {
            holding("first", first).run();
            throw new IllegalStateException("a failing session");
        });
        awaitRan("first");
        one.run(() -> {
            throw new AssertionError("a crashing session");
        });
        one.run(() -> ran.add("after"));

        first.countDown();
        awaitRan("first", "after");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!one.anyFree()) {
            assertThat(System.nanoTime()).as("the worker is free again").isLessThan(deadline);
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
    }

    @Test
    void eachPieceOfWorkHandedToAWorkerIsCountedForTheOperatorAndATurnAwayIsNot() throws Exception {
        CountDownLatch first = new CountDownLatch(1);
        workers.tryRun(holding("first", first));
        workers.tryRun(holding("second", new CountDownLatch(1)));
        awaitRan("first", "second");
        workers.tryRun(() -> ran.add("turned away"));
        workers.run(() -> ran.add("queued"));
        first.countDown();
        awaitRan("first", "second", "queued");
        workers.run(() -> ran.add("free"));
        awaitRan("first", "second", "queued", "free");

        assertThat(metrics.countFor(HAND_OFFS)).isEqualTo(4);
    }

    @Test
    void workersAreDaemonThreadsNamedForThePack() throws Exception {
        List<Thread> threads = new CopyOnWriteArrayList<>();
        // handed over from a thread that is no daemon, as James's I/O threads are not: a new thread is what its
        // creator is unless told otherwise
        Thread ioThread = new Thread(() -> workers.tryRun(() -> {
            threads.add(Thread.currentThread());
            ran.add("work");
        }));
        ioThread.setDaemon(false);
        ioThread.start();
        ioThread.join(TimeUnit.SECONDS.toMillis(10));
        awaitRan("work");

        // a thread dump names them; an idle one must not keep the JVM of a stopped James alive
        assertThat(threads.get(0).getName()).startsWith("luapack-smtp-");
        assertThat(threads.get(0).isDaemon()).isTrue();
    }

    private Runnable holding(String name, CountDownLatch until) {
        held.add(until);
        return () -> {
            ran.add(name);
            try {
                assertThat(until.await(10, TimeUnit.SECONDS)).isTrue();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
    }

    private void awaitRan(String... names) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (ran.size() < names.length && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
        assertThat(ran).containsExactlyInAnyOrder(names);
    }

    private void awaitAnyFree() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!workers.anyFree()) {
            assertThat(System.nanoTime()).as("a worker is free again").isLessThan(deadline);
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
    }

    private static LuaPackSettings settings(int workers) {
        return new LuaPackSettings(
                Path.of("."),
                Limits.defaults(),
                ServerLimits.defaults(),
                NetConfig.defaults(),
                ScriptFailure.DEFAULT,
                workers,
                List.of(),
                List.of());
    }
}
