package org.jameslua.server.queue;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;
import java.util.function.Supplier;
import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;
import org.apache.james.core.MailAddress;
import org.apache.james.lifecycle.api.LifecycleUtil;
import org.apache.james.queue.api.MailQueueItemDecoratorFactory;
import org.apache.james.queue.api.MailQueueName;
import org.apache.james.queue.api.ManageableMailQueue;
import org.apache.james.server.core.MailImpl;
import org.apache.mailet.Mail;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * The development server's mail queue, a convenience for development only: it hands out the mails that are due
 * in enqueue order, whatever their priority, as James's memory queue ignores it too, and keeps every mail on disk ({@link QueueFolder}) until its
 * consumer is done with it, so that mail queued or held in the spool outlives a restart of {@code ./run-james.sh}
 * (or a kill). No feature of the pack depends on it: a stock James uses its own queues.
 *
 * <p>A mail is removed from disk when its consumer reports it done; one being worked on when the server stops is
 * handed out again after the restart (at least once, never lost). Nothing is handed out before {@link #open()}:
 * James 3.8.1 may start its spooler before it gives its mailet context the spool queue, so a mail found on disk and
 * processed at once could not be put back into the spool (a held mail, a bounce) and would end in the error
 * repository. Its size counts the mails handed out and not yet done, as James's memory queue does.
 */
final class DiskMailQueue implements ManageableMailQueue {
    private final MailQueueName name;
    private final QueueFolder folder;
    private final MailQueueItemDecoratorFactory decorators;
    private final Clock clock;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicLong sequences;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final TreeSet<QueuedMail> waiting = new TreeSet<>(QueuedMail.ENQUEUE_ORDER);
    private final Scheduler scheduler;
    private final Flux<MailQueueItem> items;
    private volatile boolean closed;
    private boolean open;

    DiskMailQueue(MailQueueName name, QueueFolder folder, MailQueueItemDecoratorFactory decorators, Clock clock)
            throws IOException {
        this.name = name;
        this.folder = folder;
        this.decorators = decorators;
        this.clock = clock;
        List<QueuedMail> left = folder.load();
        waiting.addAll(left);
        this.sequences = new AtomicLong(
                left.stream().mapToLong(QueuedMail::sequence).max().orElse(0) + 1);
        // daemon: a consumer that never closes the queue must not keep the JVM alive
        this.scheduler = Schedulers.newSingle("james-lua-queue-" + name.asString(), true);
        this.items = Mono.fromCallable(this::next)
                .repeat(() -> !closed)
                .subscribeOn(scheduler)
                .map(queued -> decorators.decorate(new Item(queued), name));
    }

    @Override
    public MailQueueName getName() {
        return name;
    }

    @Override
    public void enQueue(Mail mail, Duration delay) throws MailQueueException {
        long now = clock.millis();
        long due = delay.isNegative() || delay.isZero() ? now : saturatedAdd(now, delay);
        QueuedMail queued;
        try {
            queued = new QueuedMail(sequences.getAndIncrement(), copyOf(mail), due);
            folder.write(queued);
        } catch (MessagingException | IOException e) {
            throw new MailQueueException("Cannot enqueue " + mail.getName() + " into " + name.asString(), e);
        }
        update(() -> waiting.add(queued));
    }

    @Override
    public void enQueue(Mail mail) throws MailQueueException {
        enQueue(mail, Duration.ZERO);
    }

    @Override
    public Publisher<Void> enqueueReactive(Mail mail) {
        return Mono.fromCallable(() -> {
                    enQueue(mail);
                    return true;
                })
                .then();
    }

    @Override
    public Publisher<MailQueueItem> deQueue() {
        return items;
    }

    @Override
    public long getSize() {
        return withLock(() -> (long) waiting.size() + inFlight.get());
    }

    /** Makes every mail due now. */
    @Override
    public long flush() {
        long now = clock.millis();
        return withLock(() -> {
            List<QueuedMail> delayed =
                    waiting.stream().filter(queued -> queued.due() > now).toList();
            delayed.forEach(queued -> {
                waiting.remove(queued);
                waiting.add(queued.dueAt(now));
            });
            return (long) delayed.size();
        });
    }

    @Override
    public long clear() {
        return removeWhere(queued -> true);
    }

    @Override
    public long remove(Type type, String value) {
        return removeWhere(queued -> switch (type) {
            case Name -> queued.mail().getName().equals(value);
            case Sender -> queued.mail().getMaybeSender().asString().equals(value);
            case Recipient ->
                queued.mail().getRecipients().stream()
                        .map(MailAddress::asString)
                        .anyMatch(value::equals);
        });
    }

    @Override
    public MailQueueIterator browse() {
        List<MailQueueItemView> views = withLock(() -> waiting.stream()
                .map(queued -> (MailQueueItemView) new DefaultMailQueueItemView(
                        queued.mail(),
                        ZonedDateTime.ofInstant(Instant.ofEpochMilli(queued.due()), ZoneId.systemDefault())))
                .toList());
        Iterator<MailQueueItemView> iterator = views.iterator();
        return new MailQueueIterator() {
            @Override
            public boolean hasNext() {
                return iterator.hasNext();
            }

            @Override
            public MailQueueItemView next() {
                return iterator.next();
            }

            @Override
            public void close() {}
        };
    }

    /**
     * Nothing: James's callers close a queue they looked up when they are done with it (webadmin after each
     * request), while the queue lives on for others. The factory owns it and {@link #shutdown() shuts it down}.
     */
    @Override
    public void close() {}

    /** Starts handing out mails, once the server has started. */
    void open() {
        update(() -> open = true);
    }

    /** Stops handing out mails; what is queued stays on disk for the next start, which reads it again. */
    void shutdown() {
        closed = true;
        update(() -> {
            waiting.forEach(queued -> LifecycleUtil.dispose(queued.mail()));
            waiting.clear();
        });
        scheduler.dispose();
    }

    /**
     * The next mail that is due, once one is; null once the queue is closed, or when the wait is interrupted: that
     * is a consumer cancelling its subscription (James's spooler as it stops), not an error, and a consumer still
     * subscribed simply asks again.
     */
    private QueuedMail next() {
        try {
            return nextDue();
        } catch (InterruptedException e) {
            return null;
        }
    }

    private QueuedMail nextDue() throws InterruptedException {
        lock.lockInterruptibly();
        try {
            while (!closed) {
                long now = clock.millis();
                long wake = Long.MAX_VALUE;
                for (Iterator<QueuedMail> queued = waiting.iterator(); open && queued.hasNext(); ) {
                    QueuedMail candidate = queued.next();
                    if (candidate.due() <= now) {
                        queued.remove();
                        inFlight.incrementAndGet();
                        return candidate;
                    }
                    wake = Math.min(wake, candidate.due());
                }
                if (wake == Long.MAX_VALUE) {
                    changed.await();
                } else {
                    changed.await(wake - now, TimeUnit.MILLISECONDS);
                }
            }
            return null;
        } finally {
            lock.unlock();
        }
    }

    private long removeWhere(Predicate<QueuedMail> condition) {
        List<QueuedMail> removed = withLock(() -> {
            List<QueuedMail> matching =
                    new ArrayList<>(waiting.stream().filter(condition).toList());
            waiting.removeAll(matching);
            return matching;
        });
        removed.forEach(queued -> {
            folder.delete(queued.sequence());
            LifecycleUtil.dispose(queued.mail());
        });
        return removed.size();
    }

    private <T> T withLock(Supplier<T> action) {
        lock.lock();
        try {
            T result = action.get();
            changed.signalAll();
            return result;
        } finally {
            lock.unlock();
        }
    }

    private void update(Runnable action) {
        withLock(() -> {
            action.run();
            return null;
        });
    }

    private static long saturatedAdd(long now, Duration delay) {
        try {
            return Math.addExact(now, delay.toMillis());
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }

    /** The queue's own copy: what the sender does with its mail afterwards must not change the queued one. */
    private static MailImpl copyOf(Mail mail) throws MessagingException {
        MailImpl copy = MailImpl.duplicate(mail);
        copy.setName(mail.getName());
        copy.setState(mail.getState());
        copy.setMessage(new MimeMessage(mail.getMessage()));
        return copy;
    }

    private final class Item implements MailQueueItem {
        private final QueuedMail queued;
        private final AtomicBoolean finished = new AtomicBoolean();

        private Item(QueuedMail queued) {
            this.queued = queued;
        }

        @Override
        public Mail getMail() {
            return queued.mail();
        }

        @Override
        public void done(CompletionStatus status) {
            if (!finished.compareAndSet(false, true)) {
                return;
            }
            if (status == CompletionStatus.RETRY) {
                update(() -> {
                    waiting.add(queued.dueAt(clock.millis()));
                    inFlight.decrementAndGet();
                });
            } else {
                folder.delete(queued.sequence());
                inFlight.decrementAndGet();
            }
        }
    }
}
