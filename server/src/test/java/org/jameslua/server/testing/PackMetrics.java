package org.jameslua.server.testing;

import java.lang.management.ManagementFactory;
import javax.management.InstanceNotFoundException;
import javax.management.JMException;
import javax.management.ObjectName;

/**
 * The pack's script metrics as an operator sees them: James publishes its metrics over JMX, each counter a
 * meter under {@code metrics:name=<name>,type=meters}, each timer under {@code type=timers}.
 */
public final class PackMetrics {
    private PackMetrics() {}

    /** The count of a meter, e.g. {@code luapack.SMTPSVR.DoNOOP.errors}; 0 when it was never touched. */
    public static long count(String name) {
        return count(name, "meters");
    }

    /** How many times a timer was stopped, e.g. {@code luapack.SMTPSVR.DoNOOP.time}; 0 when it never was. */
    public static long timed(String name) {
        return count(name, "timers");
    }

    private static long count(String name, String type) {
        try {
            Object count = ManagementFactory.getPlatformMBeanServer()
                    .getAttribute(new ObjectName("metrics:name=" + name + ",type=" + type), "Count");
            return ((Number) count).longValue();
        } catch (InstanceNotFoundException never) {
            return 0;
        } catch (JMException e) {
            throw new IllegalStateException("metric " + name + ": " + e.getMessage(), e);
        }
    }
}
