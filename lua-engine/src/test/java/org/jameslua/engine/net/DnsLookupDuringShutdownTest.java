package org.jameslua.engine.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A lookup while the JVM stops (James stopped by SIGTERM while a script or an RBL check waits for DNS): dnsjava
 * then cannot register the shutdown hook it adds when it opens its selector, which its own hook has just closed.
 * Seen on James 3.8.1 as {@code [RUNTIME]: vm error: java.lang.IllegalStateException: Shutdown in progress}.
 */
class DnsLookupDuringShutdownTest {
    @Test
    void aLookupStartedWhileTheJvmStopsIsAServerThatDidNotAnswer() throws Exception {
        Process child = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        LookupInShutdownHook.class.getName())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim())
                .isEqualTo("failed " + DnsAnswer.NO_SERVER_ANSWERED);
    }

    /** Prints what a lookup made from a shutdown hook came back with. */
    static final class LookupInShutdownHook {
        public static void main(String[] args) throws IOException {
            InetAddress loopback = InetAddress.getLoopbackAddress();
            DatagramSocket silent = new DatagramSocket(new InetSocketAddress(loopback, 0));
            DnsLookup lookup = new DnsLookup(
                    List.of(new InetSocketAddress(loopback, silent.getLocalPort())), Duration.ofMillis(200));
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                DnsAnswer answer = lookup.lookup("example.com", 1, Duration.ofSeconds(1));
                System.out.println(
                        answer instanceof DnsAnswer.Failed
                                ? "failed " + ((DnsAnswer.Failed) answer).code()
                                : "records");
            }));
        }
    }
}
