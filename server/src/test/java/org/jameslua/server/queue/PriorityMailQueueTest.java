package org.jameslua.server.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import javax.mail.Session;
import javax.mail.internet.MimeMessage;

import org.apache.james.lifecycle.api.LifecycleUtil;
import org.apache.james.queue.api.MailPrioritySupport;
import org.apache.james.queue.api.MailQueue.MailQueueItem;
import org.apache.james.queue.api.MailQueue.MailQueueItem.CompletionStatus;
import org.apache.james.queue.api.MailQueueName;
import org.apache.james.queue.api.RawMailQueueItemDecoratorFactory;
import org.apache.james.server.core.MailImpl;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import reactor.core.Disposable;
import reactor.core.publisher.Flux;

/**
 * The pack's mail queue: sending order, delays, the in-flight bound, and what a restart finds on disk. The queue
 * reads the time from a clock the test moves, so a delayed mail becomes due when the test says, not when the
 * machine gets round to it.
 */
class PriorityMailQueueTest {
    private static final MailQueueName NAME = MailQueueName.of("outgoing");

    /** short, because the queue waits this long in real time before it looks at the clock again */
    private static final Duration DELAY = Duration.ofMillis(700);

    private final TestClock clock = new TestClock();

    @TempDir
    Path folder;

    private PriorityMailQueue queue;
    private Disposable consumer;
    private final BlockingQueue<MailQueueItem> handedOut = new LinkedBlockingQueue<>();
    // what James's callers dispose: the mails they enqueued, and (the spooler) each mail handed out
    private final List<Mail> toDispose = new CopyOnWriteArrayList<>();

    @AfterEach
    void shutdown() {
        if (consumer != null) {
            consumer.dispose();
        }
        if (queue != null) {
            queue.shutdown();
        }
        toDispose.forEach(LifecycleUtil::dispose);
    }

    @Test
    void dueMailsLeaveLargerPriorityFirstAndInTurnWithinAPriority() throws Exception {
        queue = open(Optional.empty());
        queue.enQueue(mail("low", 1));
        queue.enQueue(mail("normal 1", null));
        queue.enQueue(mail("high 1", 9));
        queue.enQueue(mail("normal 2", 5));
        queue.enQueue(mail("high 2", 9));
        consume();

        assertThat(names(5)).containsExactly("high 1", "high 2", "normal 1", "normal 2", "low");
    }

    @Test
    void aDelayedMailWaitsItsTurnEvenWithAHigherPriority() throws Exception {
        queue = open(Optional.empty());
        queue.enQueue(mail("later", 9), DELAY);
        queue.enQueue(mail("now", 0));
        consume();

        assertThat(names(1)).containsExactly("now");
        assertThat(handedOut.poll(300, TimeUnit.MILLISECONDS)).isNull();
        clock.advance(DELAY);
        assertThat(names(1)).containsExactly("later");
    }

    @Test
    void noMoreThanTheBoundAreHandedOutUntilOneIsDone() throws Exception {
        queue = open(Optional.of(1));
        queue.enQueue(mail("first", null));
        queue.enQueue(mail("second", null));
        consume();

        MailQueueItem first = handedOut.poll(5, TimeUnit.SECONDS);
        assertThat(handedOut.poll(300, TimeUnit.MILLISECONDS)).isNull();
        assertThat(queue.getSize()).isEqualTo(1);
        first.done(CompletionStatus.SUCCESS);
        assertThat(names(1)).containsExactly("second");
    }

    @Test
    void aRestartFindsEveryMailNotDoneWithInItsOrderAndWithItsMessage() throws Exception {
        queue = open(Optional.empty());
        queue.enQueue(mail("done", null));
        queue.enQueue(mail("handed out", null));
        queue.enQueue(mail("delayed", 9), DELAY);
        queue.enQueue(mail("waiting", null));
        consume();
        handedOut.poll(5, TimeUnit.SECONDS).done(CompletionStatus.SUCCESS);
        assertThat(handedOut.poll(5, TimeUnit.SECONDS).getMail().getName()).isEqualTo("handed out");
        consumer.dispose();
        queue.shutdown();
        handedOut.clear();

        queue = open(Optional.empty());
        consume();

        assertThat(List.of(poll(), poll())).extracting(item -> item.getMail().getName())
            .containsExactly("handed out", "waiting");
        assertThat(handedOut.poll(300, TimeUnit.MILLISECONDS)).isNull();
        clock.advance(DELAY);
        Mail delayed = poll().getMail();
        assertThat(delayed.getName()).isEqualTo("delayed");
        assertThat(delayed.getMessage().getSubject()).isEqualTo("delayed");
        assertThat(delayed.getRecipients()).extracting(Object::toString).containsExactly("bob@remote.test");
        assertThat(delayed.getMaybeSender().asString()).isEqualTo("alice@client.example");
        assertThat(delayed.getState()).isEqualTo("relay");
    }

    private PriorityMailQueue open(Optional<Integer> maxInFlight) throws Exception {
        return new PriorityMailQueue(NAME, new QueueFolder(folder), new RawMailQueueItemDecoratorFactory(),
            clock, maxInFlight);
    }

    private void consume() {
        consumer = Flux.from(queue.deQueue()).subscribe(item -> {
            toDispose.add(item.getMail());
            handedOut.add(item);
        });
    }

    private MailQueueItem poll() throws InterruptedException {
        MailQueueItem item = handedOut.poll(5, TimeUnit.SECONDS);
        assertThat(item).isNotNull();
        return item;
    }

    private List<String> names(int count) throws InterruptedException {
        List<String> names = new java.util.ArrayList<>();
        for (int i = 0; i < count; i++) {
            names.add(poll().getMail().getName());
        }
        return names;
    }

    /**
     * A clock that stands still until the test moves it. The queue waits for its next due mail with a timeout of
     * the time left by this clock, so it looks again at most that long (real time) after a move.
     */
    private static final class TestClock extends Clock {
        private final AtomicLong millis = new AtomicLong(Instant.parse("2026-01-01T00:00:00Z").toEpochMilli());

        void advance(Duration duration) {
            millis.addAndGet(duration.toMillis());
        }

        @Override
        public long millis() {
            return millis.get();
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis.get());
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }
    }

    private Mail mail(String name, Integer priority) throws Exception {
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()),
            new ByteArrayInputStream(("Subject: " + name + "\r\n\r\nHello.\r\n").getBytes(StandardCharsets.US_ASCII)));
        MailImpl mail = MailImpl.builder().name(name).sender("alice@client.example").addRecipient("bob@remote.test")
            .state("relay").mimeMessage(message).build();
        if (priority != null) {
            mail.setAttribute(new Attribute(MailPrioritySupport.MAIL_PRIORITY, AttributeValue.of(priority)));
        }
        toDispose.add(mail);
        return mail;
    }
}
