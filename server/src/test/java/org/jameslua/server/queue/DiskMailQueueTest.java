package org.jameslua.server.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
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

/** The development server's mail queue: enqueue order, delays, its size, and what a restart finds on disk. */
class DiskMailQueueTest {
    private static final MailQueueName NAME = MailQueueName.of("outgoing");

    @TempDir
    Path folder;

    private DiskMailQueue queue;
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
    void dueMailsLeaveInTheOrderTheyCameWhateverTheirPriority() throws Exception {
        queue = open();
        queue.enQueue(mail("low", 1));
        queue.enQueue(mail("normal", null));
        queue.enQueue(mail("high", 9));
        consume();

        assertThat(names(3)).containsExactly("low", "normal", "high");
    }

    @Test
    void aDelayedMailWaitsItsTurn() throws Exception {
        queue = open();
        queue.enQueue(mail("later", null), Duration.ofDays(1));
        queue.enQueue(mail("now", null));
        consume();

        assertThat(names(1)).containsExactly("now");
        assertThat(handedOut.poll(300, TimeUnit.MILLISECONDS)).isNull();
        // what webadmin's flush does: every mail due now
        assertThat(queue.flush()).isEqualTo(1);
        assertThat(names(1)).containsExactly("later");
    }

    @Test
    void itsSizeCountsTheMailsHandedOutUntilTheyAreDone() throws Exception {
        queue = open();
        queue.enQueue(mail("first", null));
        queue.enQueue(mail("second", null), Duration.ofDays(1));
        consume();

        MailQueueItem first = poll();
        assertThat(queue.getSize()).isEqualTo(2);
        first.done(CompletionStatus.SUCCESS);
        assertThat(queue.getSize()).isEqualTo(1);
    }

    @Test
    void nothingIsHandedOutBeforeTheServerOpensTheQueue() throws Exception {
        queue = unopened();
        queue.enQueue(mail("found on disk", null));
        consume();

        assertThat(handedOut.poll(300, TimeUnit.MILLISECONDS)).isNull();
        assertThat(queue.getSize()).isEqualTo(1);
        queue.open();
        assertThat(names(1)).containsExactly("found on disk");
    }

    @Test
    void aRestartFindsEveryMailNotDoneWithInItsOrderAndWithItsMessage() throws Exception {
        queue = open();
        queue.enQueue(mail("done", null));
        queue.enQueue(mail("handed out", null));
        queue.enQueue(mail("delayed", 9), Duration.ofSeconds(2));
        queue.enQueue(mail("waiting", null));
        consume();
        handedOut.poll(5, TimeUnit.SECONDS).done(CompletionStatus.SUCCESS);
        assertThat(handedOut.poll(5, TimeUnit.SECONDS).getMail().getName()).isEqualTo("handed out");
        consumer.dispose();
        queue.shutdown();
        handedOut.clear();

        queue = open();
        consume();

        List<MailQueueItem> items = List.of(poll(), poll(), poll());
        assertThat(items)
                .extracting(item -> item.getMail().getName())
                .containsExactly("handed out", "waiting", "delayed");
        Mail delayed = items.get(2).getMail();
        assertThat(delayed.getMessage().getSubject()).isEqualTo("delayed");
        assertThat(delayed.getRecipients()).extracting(Object::toString).containsExactly("bob@remote.test");
        assertThat(delayed.getMaybeSender().asString()).isEqualTo("alice@client.example");
        assertThat(delayed.getState()).isEqualTo("relay");
    }

    private DiskMailQueue open() throws Exception {
        DiskMailQueue opened = unopened();
        opened.open();
        return opened;
    }

    private DiskMailQueue unopened() throws Exception {
        return new DiskMailQueue(
                NAME, new QueueFolder(folder), new RawMailQueueItemDecoratorFactory(), Clock.systemUTC());
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

    private Mail mail(String name, Integer priority) throws Exception {
        MimeMessage message = new MimeMessage(
                Session.getInstance(new Properties()),
                new ByteArrayInputStream(
                        ("Subject: " + name + "\r\n\r\nHello.\r\n").getBytes(StandardCharsets.US_ASCII)));
        MailImpl mail = MailImpl.builder()
                .name(name)
                .sender("alice@client.example")
                .addRecipient("bob@remote.test")
                .state("relay")
                .mimeMessage(message)
                .build();
        if (priority != null) {
            mail.setAttribute(new Attribute(MailPrioritySupport.MAIL_PRIORITY, AttributeValue.of(priority)));
        }
        toDispose.add(mail);
        return mail;
    }
}
