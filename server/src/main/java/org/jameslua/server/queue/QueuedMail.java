package org.jameslua.server.queue;

import java.util.Comparator;
import org.apache.james.server.core.MailImpl;

/**
 * A mail waiting in a {@link DiskMailQueue}: its place in the enqueue order and when it is due (epoch
 * milliseconds). Mails that are due leave in enqueue order.
 */
record QueuedMail(long sequence, MailImpl mail, long due) {

    static final Comparator<QueuedMail> ENQUEUE_ORDER = Comparator.comparingLong(QueuedMail::sequence);

    QueuedMail dueAt(long when) {
        return new QueuedMail(sequence, mail, when);
    }
}
