package org.jameslua.server.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
 * HTTP answer, the size of LUA.OUT) reach SMTPSVR.LUA on the real James: each callback reports, in its banner,
 * what the bound did, or the scripts folder shows it.
 */
class SettableBoundsTest {
    private static final String HOST = "127.0.0.1";
    private static final int BODY_BYTES = 2000;
    private static final int LOG_FILE_BYTES = 8192;

    @RegisterExtension
    static JamesLuaServerExtension james =
            new JamesLuaServerExtension(builder -> builder.packSetting("limit.call.depth", "40")
                    .packSetting("limit.coroutines", "2")
                    .packSetting("net.response.bytes", "512")
                    .packSetting("limit.logfile.bytes", String.valueOf(LOG_FILE_BYTES)));

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

    /** Two sessions print 50 lines of 99 bytes each: LUA.OUT passes the limit once, and no line is lost. */
    @Test
    void luaOutIsRotatedAtLimitLogfileBytes(JamesLuaServer server) throws IOException {
        scripts.install("""
            function Start()
              for i = 1, 50 do print(string.format("line %02d ", i) .. string.rep("x", 90)) end
              return "220 printed"
            end
            """);

        assertThat(banner(server)).isEqualTo("220 printed");
        assertThat(banner(server)).isEqualTo("220 printed");

        Path folder = server.workingDirectory().resolve("scripts");
        assertThat(Files.size(folder.resolve("LUA.OUT.1"))).isBetween(LOG_FILE_BYTES - 99L, (long) LOG_FILE_BYTES);
        assertThat(Files.size(folder.resolve("LUA.OUT"))).isLessThanOrEqualTo(LOG_FILE_BYTES);
        List<String> printed = new ArrayList<>(Files.readAllLines(folder.resolve("LUA.OUT.1")));
        printed.addAll(Files.readAllLines(folder.resolve("LUA.OUT")));
        List<String> expected = new ArrayList<>();
        for (int session = 0; session < 2; session++) {
            for (int i = 1; i <= 50; i++) {
                expected.add(String.format("line %02d %s", i, "x".repeat(90)));
            }
        }
        assertThat(printed.stream().filter(line -> line.startsWith("line "))).containsExactlyElementsOf(expected);
    }

    private static String banner(JamesLuaServer server) throws IOException {
        try (RawSmtpClient smtp = RawSmtpClient.connect(HOST, server.smtpPort())) {
            return smtp.readReply().lines().get(0);
        }
    }
}
