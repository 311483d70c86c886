package org.jameslua.server.testing;

import java.lang.management.ManagementFactory;
import javax.management.InstanceNotFoundException;
import javax.management.JMException;
import javax.management.ObjectName;

/**
 * The pack's script metrics as an operator sees them: James publishes its metrics over JMX, each counter a
 * meter under {@code metrics:name=<name>,type=meters}.
 */
public final class PackMetrics {
    private PackMetrics() {}

    /** The count of a meter, e.g. {@code luapack.SMTPSVR.DoNOOP.errors}; 0 when it was never touched. */
    public static long count(String name) {
        try {
            Object count = ManagementFactory.getPlatformMBeanServer()
                    .getAttribute(new ObjectName("metrics:name=" + name + ",type=meters"), "Count");
            return ((Number) count).longValue();
        } catch (InstanceNotFoundException never) {
            return 0;
        } catch (JMException e) {
            throw new IllegalStateException("metric " + name + ": " + e.getMessage(), e);
        }
    }
}
