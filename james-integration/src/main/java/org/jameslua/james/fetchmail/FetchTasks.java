package org.jameslua.james.fetchmail;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.commons.configuration2.HierarchicalConfiguration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.commons.configuration2.tree.ImmutableNode;
import org.apache.james.fetchmail.FetchMail;
import org.apache.james.queue.api.MailQueue;
import org.apache.james.queue.api.MailQueueFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code <fetch>} tasks of one fetchmail.xml, each a James {@link FetchMail} run with a fixed delay of its
 * {@code <interval>} (milliseconds) between runs, on {@code <threads>} threads (default: one per task).
 * FetchMail itself connects, decides recipients, spools the mail into James's spool queue (so that the mailet
 * container processes it, root processor first) and deletes or leaves each message by its settings.
 */
final class FetchTasks {
    private static final Logger LOGGER = LoggerFactory.getLogger(FetchTasks.class);
    private static final long STOP_WAIT_SECONDS = 10;

    private final ScheduledExecutorService scheduler;

    private FetchTasks(ScheduledExecutorService scheduler) {
        this.scheduler = scheduler;
    }

    static FetchTasks start(HierarchicalConfiguration<ImmutableNode> configuration, FetchMailServices services)
            throws ConfigurationException {
        List<HierarchicalConfiguration<ImmutableNode>> tasks = configuration.configurationsAt("fetch");
        MailQueue spool = new FetchedMailSpool(services.queues().createQueue(MailQueueFactory.SPOOL));
        List<Scheduled> scheduled = new ArrayList<>();
        for (HierarchicalConfiguration<ImmutableNode> task : tasks) {
            scheduled.add(new Scheduled(task.getString("[@name]"), fetchMail(task, services, spool), interval(task)));
        }
        int threads = configuration.getInt("threads", Math.max(1, tasks.size()));
        ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(threads, new FetchThreads());
        for (Scheduled task : scheduled) {
            scheduler.scheduleWithFixedDelay(task.fetchMail(), 0, task.intervalMillis(), TimeUnit.MILLISECONDS);
            LOGGER.info("FetchMail task {} runs every {} ms", task.name(), task.intervalMillis());
        }
        return new FetchTasks(scheduler);
    }

    /**
     * Cancels the next runs and lets a fetch under way end (a bounded time): cut short between spooling a message
     * and deleting it from the server, it would fetch that message again at the next start.
     */
    void stop() {
        scheduler.shutdown();
        try {
            if (!scheduler.awaitTermination(STOP_WAIT_SECONDS, TimeUnit.SECONDS)) {
                LOGGER.warn("A FetchMail task did not end within {} s of the stop: interrupted", STOP_WAIT_SECONDS);
                scheduler.shutdownNow();
            }
        } catch (InterruptedException e) {
            scheduler.shutdownNow();
            Thread.currentThread().interrupt();
        }
        LOGGER.info("FetchMail stopped");
    }

    private static FetchMail fetchMail(
            HierarchicalConfiguration<ImmutableNode> task, FetchMailServices services, MailQueue spool)
            throws ConfigurationException {
        FetchMail fetchMail = new FetchMail();
        // FetchMail reads these while it configures itself: set first
        fetchMail.setDNSService(services.dns());
        fetchMail.setUsersRepository(services.users());
        fetchMail.setDomainList(services.domains());
        fetchMail.setMailQueue(spool);
        fetchMail.configure(task);
        return fetchMail;
    }

    private static long interval(HierarchicalConfiguration<ImmutableNode> task) throws ConfigurationException {
        long interval = task.getLong("interval", 0L);
        if (interval <= 0) {
            throw new ConfigurationException("<fetch name=\"" + task.getString("[@name]")
                    + "\"> needs an <interval> in milliseconds, greater than 0");
        }
        return interval;
    }

    private static final class Scheduled {
        private final String name;
        private final FetchMail fetchMail;
        private final long intervalMillis;

        private Scheduled(String name, FetchMail fetchMail, long intervalMillis) {
            this.name = name;
            this.fetchMail = fetchMail;
            this.intervalMillis = intervalMillis;
        }

        public String name() {
            return name;
        }

        public FetchMail fetchMail() {
            return fetchMail;
        }

        public long intervalMillis() {
            return intervalMillis;
        }
    }

    /** Daemon threads: a James stopped without its stop hook must still be able to exit. */
    private static final class FetchThreads implements ThreadFactory {
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable runnable) {
            Thread thread = new Thread(runnable, "james-lua-fetchmail-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }
    }
}
