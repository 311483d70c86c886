package org.jameslua.server.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.jameslua.server.JamesLuaServer;
import org.jameslua.server.testing.JamesLuaServerExtension;
import org.jameslua.server.testing.LuaScripts;
import org.jameslua.server.testing.RawSmtpClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The bounds that {@code james-lua.properties} gained (nested calls, coroutines per instance, the size of an
 * HTTP answer) reach SMTPSVR.LUA on the real James: each callback reports, in its banner, what the bound did.
 */
class SettableBoundsTest {
    private static final String HOST = "127.0.0.1";
    private static final int BODY_BYTES = 2000;

    @RegisterExtension
    static JamesLuaServerExtension james =
            new JamesLuaServerExtension(builder -> builder.packSetting("limit.call.depth", "40")
                    .packSetting("limit.coroutines", "2")
                    .packSetting("net.response.bytes", "512"));

    private static LuaScripts scripts;
    private static HttpServer http;

    @BeforeAll
    static void start(JamesLuaServer server) throws IOException {
        scripts = new LuaScripts(server.workingDirectory().resolve("scripts"));
        http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        http.createContext("/", exchange -> {
            byte[] body = "x".repeat(BODY_BYTES).getBytes(StandardCharsets.US_ASCII);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        http.start();
    }

    @AfterAll
    static void stop() {
        http.stop(0);
    }

    @Test
    void nestedCallsStopAtLimitCallDepth(JamesLuaServer server) throws IOException {
        scripts.install("""
            function Start()
              local depth = 0
              local function down(n) depth = n; return 1 + down(n + 1) end
              local ok, err = pcall(down, 1)
              return "220 depth " .. depth .. " " .. tostring(ok) .. " " .. (err:match("stack overflow") or err)
            end
            """);

        String banner = banner(server);

        assertThat(banner).startsWith("220 depth ").endsWith(" false stack overflow");
        assertThat(Integer.parseInt(banner.split(" ")[2])).isBetween(30, 40);
    }

    @Test
    void aThirdCoroutineIsRefusedAtLimitCoroutines(JamesLuaServer server) throws IOException {
        scripts.install("""
            function Start()
              local results = {}
              for i = 1, 3 do
                local co = coroutine.create(function() coroutine.yield() end)
                local ok, err = coroutine.resume(co)
                results[i] = ok and "alive" or err:match("more than %d+ coroutines alive at once") or err
              end
              return "220 " .. table.concat(results, ", ")
            end
            """);

        assertThat(banner(server)).isEqualTo("220 alive, alive, more than 2 coroutines alive at once");
    }

    @Test
    void anHttpAnswerIsCutAtNetResponseBytes(JamesLuaServer server) throws IOException {
        scripts.install("""
            function Start()
              local ok, page = VPOP3Net.GetHTTP("http://127.0.0.1:%d/")
              return "220 " .. tostring(ok) .. " " .. #page.Body[1] .. " " .. page.ErrorInfo
            end
            """.formatted(http.getAddress().getPort()));

        assertThat(banner(server)).isEqualTo("220 true 512 the body is longer than 512 bytes: the rest was dropped");
    }

    private static String banner(JamesLuaServer server) throws IOException {
        try (RawSmtpClient smtp = RawSmtpClient.connect(HOST, server.smtpPort())) {
            return smtp.readReply().lines().get(0);
        }
    }
}
