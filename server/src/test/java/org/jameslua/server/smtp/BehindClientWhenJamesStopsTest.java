package org.jameslua.server.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jameslua.server.JamesLuaServer;
import org.jameslua.server.testing.LuaScripts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * James stopping while a client does not take its replies: James closes the connections as it shuts their I/O threads
 * down, and the session's end waited behind the client's lines for a look at the client that the shut-down cancelled.
 * James never ended the session then: its End() did not run, unlike every other session's.
 */
class BehindClientWhenJamesStopsTest {
    private static final String HOST = "127.0.0.1";
    private static final String SCRIPT = "function DoHELP()\n"
            + "  return string.rep('214-' .. string.rep('x', 250) .. '\\r\\n', 16) .. '214 end'\n"
            + "end\n"
            + "function End() print('ended') end\n";

    @Test
    void aSessionEndsWhenJamesStopsWhileItsClientIsBehind(@TempDir Path work) throws Exception {
        Path luaOut;
        try (Socket idle = new Socket();
                Socket behind = new Socket()) {
            try (JamesLuaServer server =
                    JamesLuaServer.builder().workingDirectory(work).start()) {
                new LuaScripts(server.scriptsFolder()).install(SCRIPT);
                luaOut = server.scriptsFolder().resolve("LUA.OUT");
                idle.connect(new InetSocketAddress(HOST, server.smtpPort()));
                readLine(idle.getInputStream());
                behind.setReceiveBufferSize(65_536);
                behind.connect(new InetSocketAddress(HOST, server.smtpPort()));
                readLine(behind.getInputStream());
                OutputStream out = behind.getOutputStream();
                Thread sender = new Thread(() -> {
                    try {
                        out.write("HELP\r\n".repeat(4_000).getBytes(StandardCharsets.US_ASCII));
                    } catch (Exception e) {
                        // the server went away
                    }
                });
                sender.setDaemon(true);
                sender.start();
                // the server has stopped reading from it by now (NeverReadingClientTest)
                Thread.sleep(5_000);
            }
        }
        // the session that merely waited, and the one whose client was behind: their End() runs on the workers after
        // the stop, given 20 s where it usually takes well under 3 (a fixed 3 s wait failed now and then in CI)
        long waited = System.nanoTime();
        while ((!Files.exists(luaOut) || Files.readAllLines(luaOut).size() < 2)
                && System.nanoTime() - waited < 20_000_000_000L) {
            Thread.sleep(50);
        }
        assertThat(Files.readAllLines(luaOut)).containsExactly("ended", "ended");
    }

    private static void readLine(InputStream in) throws Exception {
        int c;
        while ((c = in.read()) >= 0 && c != '\n') {
            // the greeting
        }
    }
}
