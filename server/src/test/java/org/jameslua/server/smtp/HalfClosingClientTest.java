package org.jameslua.server.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import org.jameslua.server.JamesLuaServer;
import org.jameslua.server.testing.JamesLuaServerExtension;
import org.jameslua.server.testing.LuaScripts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A client that sends all its commands at once and closes its sending side (as a pipelining client may after QUIT),
 * then reads the replies more slowly than the server writes them, gets every reply. Once the client's end of input
 * was read, the channel was closed at once, and the replies Netty still held for the slow reader were thrown away.
 */
class HalfClosingClientTest {
    private static final String HOST = "127.0.0.1";
    // about 12 MiB of replies: more than the loopback connection's buffers hold (4 MiB here) while the client does not
    // read
    private static final int COMMANDS = 3_000;
    private static final String LONG_HELP =
            "function DoHELP() return string.rep('214-' .. string.rep('x', 250) .. '\\r\\n', 16) .. '214 end' end\n";

    @RegisterExtension
    static final JamesLuaServerExtension SERVER = new JamesLuaServerExtension();

    @Test
    void aClientThatClosedItsSideGetsEveryReplyOfCommandsAnsweredOnTheIoThread(JamesLuaServer server) throws Exception {
        // a verb James does not know, with no DoUnrecognised, is answered by James on the I/O thread, the verb
        // repeated in the reply
        new LuaScripts(server.scriptsFolder()).install("function DoNOOP() return \"\" end\n");

        assertThat(repliesAfterClosingOurSide(server.smtpPort(), "X".repeat(4_000), COMMANDS))
                .isEqualTo(COMMANDS + 1);
    }

    @Test
    void aClientThatClosedItsSideGetsEveryReplyOfCommandsAnsweredByAWorker(JamesLuaServer server) throws Exception {
        // HELP runs DoHELP on a worker: 17 lines of 256 bytes
        new LuaScripts(server.scriptsFolder()).install(LONG_HELP);

        assertThat(repliesAfterClosingOurSide(server.smtpPort(), "HELP", COMMANDS))
                .isEqualTo(COMMANDS + 1);
    }

    // the replies (the greeting and one for each command), counted once the client has read all it was sent
    private static int repliesAfterClosingOurSide(int port, String command, int times) throws Exception {
        try (Socket socket = new Socket()) {
            socket.setReceiveBufferSize(65_536);
            socket.connect(new InetSocketAddress(HOST, port));
            socket.setSoTimeout(30_000);
            BufferedReader in =
                    new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            // the greeting first, as clients wait for it: one that sends before it and closes its side at once may
            // lose every reply, the greeting too, from stock James as from the pack (not what this test is about)
            assertThat(in.readLine()).startsWith("220 ");
            // sent from another thread, as a pipelining client must read while it sends: the server stops reading
            // from a client whose replies pile up unread (NeverReadingClientTest), and this one would wait for ever
            CompletableFuture<Void> sending = CompletableFuture.runAsync(() -> {
                try {
                    socket.getOutputStream()
                            .write((command + "\r\n").repeat(times).getBytes(StandardCharsets.US_ASCII));
                    socket.shutdownOutput();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            Thread.sleep(3_000);
            // read more slowly than the server writes (64 KiB per 10 ms), so that replies still wait in Netty when the
            // end of
            // input comes
            int replies = 1;
            long read = 0;
            String line;
            while ((line = in.readLine()) != null) {
                if (line.length() > 3 && line.charAt(3) == ' ') {
                    replies++;
                }
                read += line.length() + 2;
                if (read >= 65_536) {
                    read = 0;
                    Thread.sleep(10);
                }
            }
            sending.get();
            return replies;
        }
    }
}
