package org.jameslua.benchmarks.smtp;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * The bytes the whole JVM allocated between {@link #start} and {@link #stop}, threads that ended meanwhile included
 * (which per-thread counters lose): the heap's growth between collections, summed over the collections.
 */
final class HeapAllocation implements NotificationListener {
    private final List<NotificationEmitter> collectors = new ArrayList<>();
    private final Set<String> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(pool -> pool.getType() == MemoryType.HEAP)
            .map(MemoryPoolMXBean::getName)
            .collect(Collectors.toSet());
    private long allocated;
    private long usedAfterLastCollection;

    private HeapAllocation() {}

    static HeapAllocation start() {
        HeapAllocation allocation = new HeapAllocation();
        synchronized (allocation) {
            allocation.usedAfterLastCollection = heapUsed();
        }
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            NotificationEmitter emitter = (NotificationEmitter) collector;
            emitter.addNotificationListener(allocation, null, null);
            allocation.collectors.add(emitter);
        }
        return allocation;
    }

    /** The bytes allocated since {@link #start}. */
    synchronized long stop() throws Exception {
        for (NotificationEmitter emitter : collectors) {
            emitter.removeNotificationListener(this);
        }
        return allocated + heapUsed() - usedAfterLastCollection;
    }

    @Override
    public synchronized void handleNotification(Notification notification, Object handback) {
        if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
            return;
        }
        GarbageCollectionNotificationInfo info =
                GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
        long before = heapUsed(info.getGcInfo().getMemoryUsageBeforeGc());
        long after = heapUsed(info.getGcInfo().getMemoryUsageAfterGc());
        allocated += before - usedAfterLastCollection;
        usedAfterLastCollection = after;
    }

    private long heapUsed(Map<String, MemoryUsage> pools) {
        return pools.entrySet().stream()
                .filter(pool -> heapPools.contains(pool.getKey()))
                .mapToLong(pool -> pool.getValue().getUsed())
                .sum();
    }

    private static long heapUsed() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
