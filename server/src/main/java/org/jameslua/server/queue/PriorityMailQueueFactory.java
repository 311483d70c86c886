package org.jameslua.server.queue;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import javax.annotation.PreDestroy;
import javax.inject.Inject;

import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.filesystem.api.FileSystem;
import org.apache.james.queue.api.MailQueueFactory;
import org.apache.james.queue.api.MailQueueItemDecoratorFactory;
import org.apache.james.queue.api.MailQueueName;
import org.apache.james.queue.api.ManageableMailQueue;
import org.apache.james.server.core.configuration.ConfigurationProvider;

/**
 * The mail queues of the pack's server ({@link PriorityMailQueue}): James's memory server ignores
 * {@code MAIL_PRIORITY} and forgets its queues on restart; these send by priority and keep their mails under
 * {@code var/queue/<queue name>/} in the working directory.
 */
public final class PriorityMailQueueFactory implements MailQueueFactory<ManageableMailQueue> {
    static final String FOLDER = "file://var/queue/";

    private final Path root;
    private final MailQueueItemDecoratorFactory decorators;
    private final DeliveryConcurrency concurrency;
    private final Map<MailQueueName, PriorityMailQueue> queues = new ConcurrentHashMap<>();

    @Inject
    PriorityMailQueueFactory(FileSystem fileSystem, MailQueueItemDecoratorFactory decorators,
                             ConfigurationProvider configuration) throws FileNotFoundException, ConfigurationException {
        this.root = fileSystem.getFile(FOLDER).toPath();
        this.decorators = decorators;
        this.concurrency = DeliveryConcurrency.of(configuration.getConfiguration("mailetcontainer"));
    }

    @Override
    public Optional<ManageableMailQueue> getQueue(MailQueueName name, PrefetchCount count) {
        return Optional.ofNullable(queues.get(name));
    }

    @Override
    public ManageableMailQueue createQueue(MailQueueName name, PrefetchCount count) {
        return queues.computeIfAbsent(name, this::open);
    }

    @Override
    public Set<MailQueueName> listCreatedMailQueues() {
        return Set.copyOf(queues.keySet());
    }

    @PreDestroy
    public void close() {
        queues.values().forEach(PriorityMailQueue::shutdown);
    }

    private PriorityMailQueue open(MailQueueName name) {
        Path folder = root.resolve(URLEncoder.encode(name.asString(), StandardCharsets.UTF_8));
        try {
            return new PriorityMailQueue(name, new QueueFolder(folder), decorators, Clock.systemUTC(),
                    concurrency.maxInFlight(name));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open the mail queue " + name.asString() + " in " + folder, e);
        }
    }
}
