package org.jameslua.smtp;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.inject.Inject;
import javax.inject.Singleton;

import org.jameslua.james.LuaPackSettings;

/**
 * The threads SMTP sessions' work runs on instead of James's I/O threads ({@code smtp.workers} of them): a
 * session holds one only while it has a command to handle, so a callback that waits holds one thread and delays
 * no other session. When every worker is taken, a session with new work is turned away (see {@link SessionWork})
 * rather than queued: a queue would be the silent stall this class exists to prevent.
 */
@Singleton
public class SessionWorkers {
    private final int size;
    private final Semaphore free;
    private final ExecutorService threads;

    @Inject
    public SessionWorkers(LuaPackSettings settings) {
        int workers = settings.smtpWorkers();
        this.size = workers;
        this.free = new Semaphore(workers);
        ThreadPoolExecutor pool = new ThreadPoolExecutor(workers, workers, 60, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), named());
        // idle threads go, so a James stopped in the same JVM (the tests) leaves none behind
        pool.allowCoreThreadTimeOut(true);
        this.threads = pool;
    }

    /**
     * Runs {@code work} on a free worker; false, running nothing, when none is free. At most {@code smtp.workers}
     * tasks hold a permit, so each of them finds a thread at once.
     */
    boolean tryRun(Runnable work) {
        if (!free.tryAcquire()) {
            return false;
        }
        threads.execute(() -> {
            try {
                work.run();
            } finally {
                free.release();
            }
        });
        return true;
    }

    /**
     * Runs {@code work} as soon as a worker is free, for what must happen even at saturation: the end of a
     * session (its End() and James's clean-up), which no client waits for.
     */
    void runEventually(Runnable work) {
        if (!tryRun(work)) {
            threads.execute(work);
        }
    }

    int size() {
        return size;
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
