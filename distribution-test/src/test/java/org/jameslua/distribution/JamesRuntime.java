package org.jameslua.distribution;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.lang.management.RuntimeMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The Java the James process really runs on, as that JVM reports itself over JMX: what the test was asked to start
 * it with proves nothing if the start fell back to another Java.
 */
final class JamesRuntime {
    /** {@code 11.0.24}. */
    final String version;
    /** The feature release: {@code 11}. */
    final String specificationVersion;

    final Path home;
    /**
     * The I/O threads of each of James's SMTP servers: Netty's, twice the processors James's JVM sees, as the sample
     * smtpserver.xml sets no {@code ioWorkerCount}.
     */
    final int smtpIoThreads;

    private JamesRuntime(String version, String specificationVersion, Path home, int smtpIoThreads) {
        this.version = version;
        this.specificationVersion = specificationVersion;
        this.home = home;
        this.smtpIoThreads = smtpIoThreads;
    }

    static JamesRuntime of(JamesJmx jmx) throws IOException {
        Map<String, String> properties = ManagementFactory.newPlatformMXBeanProxy(
                        jmx.beans(), ManagementFactory.RUNTIME_MXBEAN_NAME, RuntimeMXBean.class)
                .getSystemProperties();
        return new JamesRuntime(
                properties.get("java.version"),
                properties.get("java.specification.version"),
                Path.of(properties.get("java.home")),
                2
                        * ManagementFactory.newPlatformMXBeanProxy(
                                        jmx.beans(),
                                        ManagementFactory.OPERATING_SYSTEM_MXBEAN_NAME,
                                        OperatingSystemMXBean.class)
                                .getAvailableProcessors());
    }

    /** For {@code run-tests.sh}, which says on which Java the distribution ran: {@code key=value} lines. */
    void recordIn(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Files.write(
                file,
                List.of(
                        "java.version=" + version,
                        "java.specification.version=" + specificationVersion,
                        "java.home=" + home));
    }

    @Override
    public String toString() {
        return "Java " + version + " (" + home + ")";
    }
}
