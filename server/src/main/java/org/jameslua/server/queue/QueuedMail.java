package org.jameslua.server.queue;

import java.util.Comparator;

import org.apache.james.queue.api.MailPrioritySupport;
import org.apache.james.server.core.MailImpl;
import org.apache.mailet.AttributeUtils;

/**
 * A mail waiting in a {@link PriorityMailQueue}: its place in the enqueue order, when it is due (epoch
 * milliseconds) and its {@code MAIL_PRIORITY} as it was enqueued (0 to 9, 5 without one). Mails that are due
 * leave larger priority first, and in enqueue order within a priority.
 */
record QueuedMail(long sequence, MailImpl mail, long due, int priority) {

    static final Comparator<QueuedMail> SENDING_ORDER = Comparator.comparingInt(QueuedMail::priority).reversed()
            .thenComparingLong(QueuedMail::sequence);

    static QueuedMail of(long sequence, MailImpl mail, long due) {
        int priority = AttributeUtils.getValueAndCastFromMail(mail, MailPrioritySupport.MAIL_PRIORITY, Integer.class)
                .orElse(MailPrioritySupport.NORMAL_PRIORITY);
        return new QueuedMail(sequence, mail, due, priority);
    }

    QueuedMail dueAt(long when) {
        return new QueuedMail(sequence, mail, when, priority);
    }
}
