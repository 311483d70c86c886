package org.jameslua.smtp.session;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.apache.james.metrics.api.Metric;
import org.apache.james.metrics.api.MetricFactory;
import org.jameslua.james.LuaPackSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The threads SMTP sessions' work runs on instead of James's I/O threads ({@code smtp.workers} of them): a
 * session holds one only while it has a command to handle, so a callback that waits holds one thread and delays
 * no other session.
 *
 * <p>When every worker is taken, a new connection is turned away (see {@link SessionWork}) rather than queued:
 * queueing it would be the silent stall this class exists to prevent. A session already admitted waits instead,
 * in a queue a worker serves before it goes idle: turning it away would break off a mail under way (even one
 * whose own previous command still held the worker), and it waits behind work that is already running, not
 * behind an unbounded crowd, since each session has at most one entry there.
 */
@Singleton
public class SessionWorkers {
    private static final Logger LOGGER = LoggerFactory.getLogger(SessionWorkers.class);

    private final int size;
    private final ExecutorService threads;
    private final Object lock = new Object();
    // guarded by lock; work is queued only while all workers are busy
    private int busy;
    private final Queue<Runnable> queued = new ArrayDeque<>();
    private final TurnAwayLog turnAwayLog;
    // what a session's work costs beyond stock James is mostly these (a thread woken, another for the reply)
    private final Metric handOffs;

    @Inject
    public SessionWorkers(LuaPackSettings settings, MetricFactory metrics) {
        int workers = settings.smtpWorkers();
        this.size = workers;
        // work goes to the thread that went idle last, or to a new thread when none is idle; idle threads end after
        // a minute (so a James stopped in the same JVM, the tests, leaves none behind). A pool of smtp.workers core
        // threads on a queue would start a thread for each of its first smtp.workers hand-offs, again after every
        // idle minute, and wake its threads in turn, each with cold caches. busy, not the pool, bounds the work
        // running at once; a thread that just finished may be missing from the idle ones for a moment, so the
        // pool itself is not bounded (it never holds many more than smtp.workers threads).
        this.threads =
                new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS, new SynchronousQueue<>(), named());
        this.turnAwayLog = new TurnAwayLog(workers, LOGGER::warn, System::nanoTime);
        this.handOffs = metrics.generate("luapack.smtp.handoffs");
    }

    /** Runs a new connection's first {@code work} on a free worker; false, running nothing, when none is free. */
    boolean tryRun(Runnable work) {
        synchronized (lock) {
            if (busy == size) {
                return false;
            }
            busy++;
        }
        handOffs.increment();
        threads.execute(() -> runThenQueued(work));
        return true;
    }

    /**
     * Whether a worker is free now, taking none: for a new connection whose connect work runs no script and is done
     * on its I/O thread, admitted when {@link #tryRun} would have admitted it.
     */
    boolean anyFree() {
        synchronized (lock) {
            return busy < size;
        }
    }

    /** Runs an admitted session's {@code work} on a free worker, or on the first one to finish its work. */
    void run(Runnable work) {
        handOffs.increment();
        synchronized (lock) {
            if (busy == size) {
                queued.add(work);
                return;
            }
            busy++;
        }
        threads.execute(() -> runThenQueued(work));
    }

    TurnAwayLog turnAwayLog() {
        return turnAwayLog;
    }

    // at most smtp.workers of these run at once
    private void runThenQueued(Runnable work) {
        Runnable next = work;
        while (next != null) {
            try {
                next.run();
            } catch (RuntimeException | Error e) {
                // the queued work must still run, or its sessions would hang
                LOGGER.error("SMTP worker failed", e);
            }
            synchronized (lock) {
                next = queued.poll();
                if (next == null) {
                    busy--;
                }
            }
        }
    }

    private static ThreadFactory named() {
        AtomicInteger count = new AtomicInteger();
        return work -> {
            Thread thread = new Thread(work, "luapack-smtp-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
