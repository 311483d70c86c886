package org.jameslua.server.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.jameslua.server.JamesLuaServer;
import org.jameslua.server.testing.JamesLuaServerExtension;
import org.jameslua.server.testing.LuaScripts;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A client that sends 3 MB of short commands leaves James's line framer little work: another connection on the same
 * framer thread is greeted at once. James's framer rescans the rest of each read for every line
 * it cuts until the first message, and in Netty's 64 KiB reads those took it a minute or more of CPU
 * (stock James too), during which the connections given its thread had no banner. The second half: STARTTLS with
 * commands behind it in one packet is still refused as command injection.
 */
class CommandFloodTest {
    private static final String HOST = "127.0.0.1";

    // one framer thread for every connection, as a busy server has for many
    @RegisterExtension
    static final JamesLuaServerExtension SERVER =
            new JamesLuaServerExtension(builder -> builder.smtpServerElement("maxExecutorCount", "1"));

    @BeforeAll
    static void installScript(JamesLuaServer server) throws Exception {
        new LuaScripts(server.scriptsFolder()).install("function DoHELP() return '214 injected' end\n");
    }

    @Test
    void aConnectionAfterAFloodOfCommandsIsGreetedAtOnce(JamesLuaServer server) throws Exception {
        floodThenConnect(server, Optional.empty());
    }

    /**
     * After a DATA command (refused here, no recipient given) James's framer no longer looks for injected commands, and
     * the pack hands it each read whole, as stock James does: what it costs there must stay small.
     */
    @Test
    void aConnectionAfterAFloodOfCommandsBehindADataCommandIsGreetedAtOnce(JamesLuaServer server) throws Exception {
        floodThenConnect(server, Optional.of("DATA"));
    }

    /** {@code first}: a command sent, and answered, before the flood. */
    private static void floodThenConnect(JamesLuaServer server, Optional<String> first) throws Exception {
        try (Socket flood = new Socket(HOST, server.smtpPort())) {
            BufferedReader replies =
                    new BufferedReader(new InputStreamReader(flood.getInputStream(), StandardCharsets.US_ASCII));
            assertThat(replies.readLine()).startsWith("220");
            if (first.isPresent()) {
                flood.getOutputStream().write((first.get() + "\r\n").getBytes(StandardCharsets.US_ASCII));
                assertThat(replies.readLine()).as("the reply to " + first.get()).isNotNull();
            }
            // its replies read and dropped as they come: a client that does not read them is no longer served
            // (NeverReadingClientTest)
            CompletableFuture.runAsync(() -> drain(replies));
            flood.getOutputStream().write("NOOP\r\n".repeat(525_000).getBytes(StandardCharsets.US_ASCII));

            try (Socket next = new Socket(HOST, server.smtpPort())) {
                // far beyond what the slices take (about a second here), far below what the whole reads took
                next.setSoTimeout(30_000);
                BufferedReader in =
                        new BufferedReader(new InputStreamReader(next.getInputStream(), StandardCharsets.US_ASCII));
                assertThat(in.readLine()).startsWith("220");
            }
        }
    }

    private static void drain(BufferedReader replies) {
        char[] buffer = new char[65_536];
        try {
            while (replies.read(buffer) >= 0) {
                // dropped
            }
        } catch (IOException e) {
            // the test closed the connection
        }
    }

    @Test
    void commandsSentBehindStartTlsInOnePacketAreStillRefused(JamesLuaServer server) throws Exception {
        // more than a slice before it and behind it, in one packet
        String before = "EHLO client.example\r\n" + "NOOP\r\n".repeat(400);
        String behind = "HELP\r\n".repeat(100);
        try (Socket socket = new Socket(HOST, server.smtpPort())) {
            socket.setSoTimeout(30_000);
            BufferedReader in =
                    new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            assertThat(in.readLine()).startsWith("220");
            socket.getOutputStream().write((before + "STARTTLS\r\n" + behind).getBytes(StandardCharsets.US_ASCII));
            StringBuilder replies = new StringBuilder();
            String line;
            while ((line = in.readLine()) != null) {
                replies.append(line).append('\n');
            }
            // James closed the connection (its framer found the injection) before any command behind STARTTLS ran,
            // whether STARTTLS is offered or not
            assertThat(replies.toString()).doesNotContain("injected");
        }
    }
}
