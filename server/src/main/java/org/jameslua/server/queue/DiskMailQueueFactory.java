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
import org.apache.james.filesystem.api.FileSystem;
import org.apache.james.queue.api.MailQueueFactory;
import org.apache.james.queue.api.MailQueueItemDecoratorFactory;
import org.apache.james.queue.api.MailQueueName;
import org.apache.james.queue.api.ManageableMailQueue;

/**
 * The mail queues of the development server ({@link DiskMailQueue}), a convenience for development only: James's
 * memory server forgets its queues on restart, these keep their mails under {@code var/queue/<queue name>/} in the
 * working directory. They order mail as James's memory queues do, so the pack behaves here as on a stock James.
 */
public final class DiskMailQueueFactory implements MailQueueFactory<ManageableMailQueue> {
    static final String FOLDER = "file://var/queue/";

    private final Path root;
    private final MailQueueItemDecoratorFactory decorators;
    private final Map<MailQueueName, DiskMailQueue> queues = new ConcurrentHashMap<>();
    private volatile boolean open;

    @Inject
    DiskMailQueueFactory(FileSystem fileSystem, MailQueueItemDecoratorFactory decorators) throws FileNotFoundException {
        this.root = fileSystem.getFile(FOLDER).toPath();
        this.decorators = decorators;
    }

    @Override
    public Optional<ManageableMailQueue> getQueue(MailQueueName name, PrefetchCount count) {
        return Optional.ofNullable(queues.get(name));
    }

    @Override
    public synchronized ManageableMailQueue createQueue(MailQueueName name, PrefetchCount count) {
        return queues.computeIfAbsent(name, this::create);
    }

    @Override
    public Set<MailQueueName> listCreatedMailQueues() {
        return Set.copyOf(queues.keySet());
    }

    /** Lets every queue, and every queue created from now on, hand out mail: call once James has started. */
    public synchronized void open() {
        open = true;
        queues.values().forEach(DiskMailQueue::open);
    }

    @PreDestroy
    public void close() {
        queues.values().forEach(DiskMailQueue::shutdown);
    }

    private DiskMailQueue create(MailQueueName name) {
        Path folder = root.resolve(URLEncoder.encode(name.asString(), StandardCharsets.UTF_8));
        try {
            DiskMailQueue queue = new DiskMailQueue(name, new QueueFolder(folder), decorators, Clock.systemUTC());
            if (open) {
                queue.open();
            }
            return queue;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open the mail queue " + name.asString() + " in " + folder, e);
        }
    }
}
