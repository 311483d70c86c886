package org.jameslua.distribution;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javax.management.MBeanServerConnection;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/** James's JMX server, reached as an operator's JMX console reaches it, with the credentials James made. */
final class JamesJmx implements AutoCloseable {
    private final JMXConnector connector;

    private JamesJmx(JMXConnector connector) {
        this.connector = connector;
    }

    static JamesJmx connect(Path james, int port) throws IOException {
        // James writes the JMX credentials it generated at start into conf/jmxremote.password: "user password"
        String[] credentials = Files.readString(james.resolve("conf/jmxremote.password"))
                .trim()
                .split("\\s+");
        JMXServiceURL url =
                new JMXServiceURL("service:jmx:rmi:///jndi/rmi://" + LoopbackConf.HOST + ":" + port + "/jmxrmi");
        return new JamesJmx(JMXConnectorFactory.connect(url, Map.of(JMXConnector.CREDENTIALS, credentials)));
    }

    MBeanServerConnection beans() throws IOException {
        return connector.getMBeanServerConnection();
    }

    @Override
    public void close() throws IOException {
        connector.close();
    }
}
