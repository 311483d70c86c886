package org.jameslua.server.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.jameslua.server.JamesLuaServer;
import org.jameslua.server.testing.JamesLuaServerExtension;
import org.jameslua.server.testing.LuaScripts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A client that sends commands and never reads the replies is no longer served once its replies pile up: James kept
 * every reply in its memory instead, as fast as the client could send, until the client stopped or the heap was full
 * (stock James too). Once the client reads again, the server goes on, and every command gets its reply, in order.
 */
class NeverReadingClientTest {
    private static final String HOST = "127.0.0.1";
    // 6 bytes of command for 4 KiB of reply, which DoHELP counts
    private static final String COMMAND = "HELP\r\n";
    private static final int COMMANDS = 4_000;
    private static final String COUNTING_HELP = "handled = 0\n"
            + "function DoHELP()\n"
            + "  handled = handled + 1\n"
            + "  if handled % 10 == 0 then print(handled) end\n"
            + "  return string.rep('214-' .. string.rep('x', 250) .. '\\r\\n', 16) .. '214 end'\n"
            + "end\n";

    @RegisterExtension
    static final JamesLuaServerExtension SERVER = new JamesLuaServerExtension();

    @Test
    void aClientThatDoesNotReadItsRepliesIsNotServedUntilItDoes(JamesLuaServer server) throws Exception {
        servedOnlyOnceItReads(server, COUNTING_HELP);
    }

    /**
     * Every line read before the first reply was written went to the workers, whatever their replies would come to:
     * the client's lines all came in before its first reply was slow to come, and every one was served.
     */
    @Test
    void aClientWhoseLinesAllCameBeforeItsFirstReplyIsNotServedUntilItReadsEither(JamesLuaServer server)
            throws Exception {
        servedOnlyOnceItReads(
                server,
                COUNTING_HELP.replace(
                        "  handled = handled + 1\n",
                        "  handled = handled + 1\n  if handled == 1 then os.sleep(1000) end\n"));
    }

    private static void servedOnlyOnceItReads(JamesLuaServer server, String script) throws Exception {
        new LuaScripts(server.scriptsFolder()).install(script);
        Path luaOut = server.scriptsFolder().resolve("LUA.OUT");
        Files.deleteIfExists(luaOut);

        try (Socket socket = new Socket()) {
            socket.setReceiveBufferSize(65_536);
            socket.connect(new InetSocketAddress(HOST, server.smtpPort()));
            socket.setSoTimeout(60_000);
            BufferedReader in =
                    new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            assertThat(in.readLine()).startsWith("220 ");
            CompletableFuture<Void> sending = CompletableFuture.runAsync(() -> send(socket));

            // what the loopback connection's buffers hold (4 MiB of replies at most here, about 1,000 commands) and
            // Netty's high water mark, not the 4,000 commands, 16 MiB of replies, the client sent
            assertThat(handledOnceStopped(luaOut)).isLessThan(COMMANDS * 5 / 8);

            for (int command = 0; command < COMMANDS; command++) {
                String line;
                do {
                    line = in.readLine();
                    assertThat(line).startsWith("214");
                } while (line.charAt(3) == '-');
            }
            sending.get();
            assertThat(lastCount(luaOut)).isEqualTo(COMMANDS);
        }
    }

    private static void send(Socket socket) {
        try {
            OutputStream out = socket.getOutputStream();
            out.write(COMMAND.repeat(COMMANDS).getBytes(StandardCharsets.US_ASCII));
            out.flush();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    // the commands the server has handled once it stopped handling any for 3 s (the server stopped reading)
    private static int handledOnceStopped(Path luaOut) throws Exception {
        int last = -1;
        int current = lastCount(luaOut);
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (current != last && System.nanoTime() < deadline) {
            last = current;
            Thread.sleep(3_000);
            current = lastCount(luaOut);
        }
        return current;
    }

    private static int lastCount(Path luaOut) throws IOException {
        if (!Files.exists(luaOut)) {
            return 0;
        }
        List<String> lines = Files.readAllLines(luaOut);
        return lines.isEmpty()
                ? 0
                : Integer.parseInt(lines.get(lines.size() - 1).trim());
    }
}
