package org.jameslua.benchmarks.load;

import com.sun.management.ThreadMXBean;
import com.sun.tools.attach.AttachNotSupportedException;
import com.sun.tools.attach.VirtualMachine;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.util.HashMap;
import java.util.Map;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * The bytes a James's Java threads allocated on the heap, read from the JVM's own per-thread counters
 * ({@code com.sun.management.ThreadMXBean#getThreadAllocatedBytes}) over JMX. The connection is the JDK's local
 * management agent, started in James through the attach API (as {@code jcmd ManagementAgent.start_local} does):
 * James's own JMX listener and its configuration stay as the distribution has them.
 *
 * <p>A count the machine's load does not change: the same messages through the same code allocate the same bytes
 * however busy the cores are. JDK 17 counts only live threads, so a thread that ends between two readings takes
 * its bytes since the first with it; {@link Snapshot#ended} says how many did.
 */
final class HeapAllocation implements AutoCloseable {
    private final JMXConnector connector;
    private final ThreadMXBean threads;

    /** The threads' allocation at one moment, by thread id; the JMX connection's own threads left out. */
    record Snapshot(Map<Long, Long> bytes) {
        /** Bytes allocated since {@code earlier} by the threads alive now. */
        long since(Snapshot earlier) {
            long allocated = 0;
            for (Map.Entry<Long, Long> thread : bytes.entrySet()) {
                allocated += thread.getValue() - earlier.bytes().getOrDefault(thread.getKey(), 0L);
            }
            return allocated;
        }

        /** Threads alive at {@code earlier} and ended since. */
        long ended(Snapshot earlier) {
            return earlier.bytes().keySet().stream()
                    .filter(id -> !bytes.containsKey(id))
                    .count();
        }
    }

    private HeapAllocation(JMXConnector connector) throws IOException {
        this.connector = connector;
        this.threads = ManagementFactory.newPlatformMXBeanProxy(
                connector.getMBeanServerConnection(), ManagementFactory.THREAD_MXBEAN_NAME, ThreadMXBean.class);
        if (!threads.isThreadAllocatedMemorySupported() || !threads.isThreadAllocatedMemoryEnabled()) {
            connector.close();
            throw new IOException("this JVM does not count the bytes its threads allocate");
        }
    }

    static HeapAllocation attach(long pid) throws IOException {
        VirtualMachine vm;
        try {
            vm = VirtualMachine.attach(Long.toString(pid));
        } catch (AttachNotSupportedException e) {
            throw new IOException("cannot attach to James (pid " + pid + ")", e);
        }
        try {
            return new HeapAllocation(JMXConnectorFactory.connect(new JMXServiceURL(vm.startLocalManagementAgent())));
        } finally {
            vm.detach();
        }
    }

    Snapshot snapshot() {
        long[] ids = threads.getAllThreadIds();
        long[] allocated = threads.getThreadAllocatedBytes(ids);
        ThreadInfo[] infos = threads.getThreadInfo(ids);
        Map<Long, Long> bytes = new HashMap<>();
        for (int i = 0; i < ids.length; i++) {
            // -1: ended between the two calls; the JMX/RMI threads serve this connection, not the load
            if (allocated[i] >= 0 && infos[i] != null && !servesJmx(infos[i].getThreadName())) {
                bytes.put(ids[i], allocated[i]);
            }
        }
        return new Snapshot(bytes);
    }

    private static boolean servesJmx(String thread) {
        return thread.startsWith("RMI ") || thread.startsWith("JMX ");
    }

    @Override
    public void close() throws IOException {
        connector.close();
    }
}
