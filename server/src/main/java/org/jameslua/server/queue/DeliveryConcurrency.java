package org.jameslua.server.queue;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.apache.commons.configuration2.HierarchicalConfiguration;
import org.apache.commons.configuration2.tree.ImmutableNode;
import org.apache.james.queue.api.MailQueueName;
import org.jameslua.server.RemoteDeliveryMailets;

/**
 * How many mails each RemoteDelivery queue may have in delivery at once: the {@code deliveryThreads} of the
 * RemoteDelivery mailets in {@code mailetcontainer.xml} (1 when not given, James's default), by their
 * {@code outgoing} queue ({@code outgoing} when not given). James 3.8.1 reads that parameter but does not use it;
 * the pack's queue does.
 */
final class DeliveryConcurrency {
    private static final String DEFAULT_QUEUE = "outgoing";
    private static final int DEFAULT_THREADS = 1;

    private final Map<MailQueueName, Integer> threadsByQueue;

    private DeliveryConcurrency(Map<MailQueueName, Integer> threadsByQueue) {
        this.threadsByQueue = threadsByQueue;
    }

    static DeliveryConcurrency of(HierarchicalConfiguration<ImmutableNode> mailetContainer) {
        Map<MailQueueName, Integer> threads = new HashMap<>();
        for (HierarchicalConfiguration<ImmutableNode> processor : mailetContainer.configurationsAt("processors.processor")) {
            for (HierarchicalConfiguration<ImmutableNode> mailet : processor.configurationsAt("mailet")) {
                if (RemoteDeliveryMailets.isRemoteDelivery(mailet.getString("[@class]", ""))) {
                    MailQueueName queue = MailQueueName.of(mailet.getString("outgoing", DEFAULT_QUEUE).strip());
                    // two RemoteDelivery mailets on one queue share its consumers: the larger setting wins
                    threads.merge(queue, Math.max(1, mailet.getInt("deliveryThreads", DEFAULT_THREADS)), Math::max);
                }
            }
        }
        return new DeliveryConcurrency(Map.copyOf(threads));
    }

    /** The bound for this queue; none for queues no RemoteDelivery reads (the spooler bounds itself). */
    Optional<Integer> maxInFlight(MailQueueName queue) {
        return Optional.ofNullable(threadsByQueue.get(queue));
    }
}
