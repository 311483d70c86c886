package org.jameslua.james.fetchmail;

import java.time.Duration;
import org.apache.james.lifecycle.api.LifecycleUtil;
import org.apache.james.queue.api.MailQueue;
import org.apache.james.queue.api.MailQueueName;
import org.apache.mailet.Mail;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

/**
 * James's spool queue as FetchMail is given it. The queue keeps its own copy of each mail, and FetchMail never
 * disposes the one it built, whose message James copied into a temporary store: this disposes it once it is
 * queued, as James's SMTP server does with the mail it received. Not closed here: the spool is James's.
 */
final class FetchedMailSpool implements MailQueue {
    private final MailQueue spool;

    FetchedMailSpool(MailQueue spool) {
        this.spool = spool;
    }

    @Override
    public MailQueueName getName() {
        return spool.getName();
    }

    @Override
    public void enQueue(Mail mail) throws MailQueueException {
        try {
            spool.enQueue(mail);
        } finally {
            LifecycleUtil.dispose(mail);
        }
    }

    @Override
    public void enQueue(Mail mail, Duration delay) throws MailQueueException {
        try {
            spool.enQueue(mail, delay);
        } finally {
            LifecycleUtil.dispose(mail);
        }
    }

    @Override
    public Publisher<Void> enqueueReactive(Mail mail) {
        return Mono.from(spool.enqueueReactive(mail)).doFinally(signal -> LifecycleUtil.dispose(mail));
    }

    @Override
    public Publisher<MailQueueItem> deQueue() {
        return spool.deQueue();
    }

    @Override
    public void close() {
        // James closes its spool when it stops
    }
}
