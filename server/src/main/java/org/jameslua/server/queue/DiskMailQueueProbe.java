package org.jameslua.server.queue;

import javax.inject.Inject;
import javax.inject.Provider;
import org.apache.james.utils.GuiceProbe;

/** How the development server reaches its queues once James has started, to {@link DiskMailQueueFactory#open()}. */
public final class DiskMailQueueProbe implements GuiceProbe {
    private final Provider<DiskMailQueueFactory> queues;

    @Inject
    DiskMailQueueProbe(Provider<DiskMailQueueFactory> queues) {
        this.queues = queues;
    }

    public void open() {
        queues.get().open();
    }
}
