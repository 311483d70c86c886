package org.jameslua.engine.net;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jameslua.engine.CallResult;
import org.jameslua.engine.InstanceOptions;
import org.jameslua.engine.Limits;
import org.jameslua.engine.ScriptError;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

class GetHttpTest {
    @RegisterExtension
    final NetScripts scripts = new NetScripts();

    HttpServer http;

    @BeforeEach
    void setUp() throws IOException {
        http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        http.start();
    }

    @AfterEach
    void tearDown() {
        http.stop(0);
    }

    @Test
    void aPageComesBackWithItsHeaderLinesAndBodyLines() {
        serve("/page", 200, "line one\r\nline two\nlast", true);

        Varargs result = scripts.returned("Fetch", url("/page?x=1"));

        assertThat(result.arg1()).isEqualTo(LuaValue.TRUE);
        LuaValue page = result.arg(2);
        assertThat(page.get("Host").tojstring()).isEqualTo("127.0.0.1");
        assertThat(page.get("File").tojstring()).isEqualTo("/page?x=1");
        assertThat(page.get("HTTPResult").toint()).isEqualTo(200);
        assertThat(strings(page.get("Headers")))
                .contains("X-test: one", "Content-length: 23")
                .noneMatch(line -> line.startsWith("HTTP/"));
        assertThat(strings(page.get("Body"))).containsExactly("line one", "line two", "last");
        assertThat(page.get("StatedLength").toint()).isEqualTo(23);
        assertThat(page.get("ActualLength").toint()).isEqualTo(23);
        assertThat(page.get("ErrorInfo").tojstring()).isEmpty();
    }

    @Test
    void aChunkedBodyIsJoinedAndStatesNoLength() {
        serve("/chunked", 200, "first\nsecond\n", false);

        LuaValue page = scripts.returned("Fetch", url("/chunked")).arg(2);

        assertThat(strings(page.get("Body"))).containsExactly("first", "second");
        assertThat(page.get("StatedLength").toint()).isEqualTo(-1);
        assertThat(page.get("ActualLength").toint()).isEqualTo(13);
    }

    @Test
    void aNotFoundPageIsStillARetrievedPage() {
        serve("/missing", 404, "no such page", true);

        Varargs result = scripts.returned("Fetch", url("/missing"));

        assertThat(result.arg1()).isEqualTo(LuaValue.TRUE);
        assertThat(result.arg(2).get("HTTPResult").toint()).isEqualTo(404);
        assertThat(strings(result.arg(2).get("Body"))).containsExactly("no such page");
    }

    @Test
    void redirectsAreReturnedNotFollowed() {
        http.createContext("/old", exchange -> {
            exchange.getResponseHeaders().add("Location", url("/new"));
            exchange.sendResponseHeaders(301, -1);
            exchange.close();
        });

        LuaValue page = scripts.returned("Fetch", url("/old")).arg(2);

        assertThat(page.get("HTTPResult").toint()).isEqualTo(301);
        assertThat(strings(page.get("Headers"))).contains("Location: " + url("/new"));
    }

    @Test
    void aBodyShorterThanItsStatedLengthKeepsBothLengthsAndSaysSo() throws Exception {
        try (RawServer server = RawServer.replying("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nshort")) {
            LuaValue page = scripts.returned("Fetch", "http://127.0.0.1:" + server.port() + "/")
                    .arg(2);

            assertThat(page.get("StatedLength").toint()).isEqualTo(100);
            assertThat(page.get("ActualLength").toint()).isEqualTo(5);
            assertThat(page.get("ErrorInfo").tojstring()).contains("5 of the 100 bytes");
            assertThat(server.firstLine()).isEqualTo("GET / HTTP/1.1\r\n");
        }
    }

    @Test
    void aBodyOverTheSizeBoundIsCutAndErrorInfoSaysSo() {
        scripts.config(new NetConfig(List.of(), NetScripts.ANSWER_TIMEOUT, 1000));
        serve("/big", 200, "x".repeat(5000), true);

        LuaValue page = scripts.returned("Fetch", url("/big")).arg(2);

        assertThat(page.get("StatedLength").toint()).isEqualTo(5000);
        assertThat(page.get("ActualLength").toint()).isEqualTo(1000);
        assertThat(page.get("ErrorInfo").tojstring()).contains("longer than 1000 bytes");
    }

    @Test
    void anAnswerOfMoreThanAThousandHeaderLinesGivesFalse() throws Exception {
        String reply = "HTTP/1.1 200 OK\r\n" + "a\r\n".repeat(HttpGet.MAX_HEADER_LINES + 1) + "\r\nbody";
        try (RawServer server = RawServer.replying(reply)) {
            Varargs result = scripts.returned("Fetch", "http://127.0.0.1:" + server.port() + "/");

            assertThat(result.arg1()).isEqualTo(LuaValue.FALSE);
            assertThat(result.arg(2).isnil()).isTrue();
            assertThat(result.arg(3).tojstring()).contains("more than 1000 header lines");
        }
    }

    @Test
    void anAnswerOfAThousandHeaderLinesIsAPage() throws Exception {
        String reply = "HTTP/1.1 200 OK\r\n" + "a\r\n".repeat(HttpGet.MAX_HEADER_LINES) + "\r\nbody";
        try (RawServer server = RawServer.replying(reply)) {
            Varargs result = scripts.returned("Fetch", "http://127.0.0.1:" + server.port() + "/");

            assertThat(result.arg1()).isEqualTo(LuaValue.TRUE);
            assertThat(result.arg(2).get("Headers").length()).isEqualTo(HttpGet.MAX_HEADER_LINES);
        }
    }

    @Test
    void aServerThatNeverAnswersGivesFalseAndNilWithinTheTimeout() throws Exception {
        scripts.timeout(NetScripts.SILENT_TIMEOUT);
        try (ServerSocket mute = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Varargs result = scripts.returned("Fetch", "http://127.0.0.1:" + mute.getLocalPort() + "/");

            assertThat(result.arg1()).isEqualTo(LuaValue.FALSE);
            assertThat(result.arg(2).isnil()).isTrue();
            assertThat(result.arg(3).tojstring()).contains("within 300 ms");
        }
    }

    @Test
    void aServerThatStopsInsideItsHeadersGivesFalse() throws Exception {
        scripts.timeout(NetScripts.SILENT_TIMEOUT);
        try (RawServer server = RawServer.holding("HTTP/1.1 200 OK\r\nX-Partial: yes\r\n")) {
            Varargs result = scripts.returned("Fetch", "http://127.0.0.1:" + server.port() + "/");

            assertThat(result.arg1()).isEqualTo(LuaValue.FALSE);
            assertThat(result.arg(3).tojstring()).contains("within 300 ms");
        }
    }

    @Test
    void aServerThatStopsInsideTheBodyGivesWhatCameAndSaysWhy() throws Exception {
        scripts.timeout(Duration.ofSeconds(1));
        try (RawServer server = RawServer.holding("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nabc")) {
            Varargs result = scripts.returned("Fetch", "http://127.0.0.1:" + server.port() + "/");

            assertThat(result.arg1()).isEqualTo(LuaValue.TRUE);
            assertThat(strings(result.arg(2).get("Body"))).containsExactly("abc");
            assertThat(result.arg(2).get("ErrorInfo").tojstring())
                    .contains("ended early")
                    .contains("within 1000 ms");
        }
    }

    @Test
    void aWaitLongerThanTheCallsBudgetFailsTheCall() throws Exception {
        scripts.config(new NetConfig(List.of(), Duration.ofSeconds(30), 4096));
        try (ServerSocket mute = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            CallResult result = scripts.instance(InstanceOptions.defaults()
                            .withLimits(Limits.defaults().withWallTime(Duration.ofMillis(300))))
                    .call("Fetch", NetScripts.luaArgs("http://127.0.0.1:" + mute.getLocalPort() + "/"));

            assertThat(result).isInstanceOf(CallResult.Failed.class);
            assertThat(((CallResult.Failed) result).error().kind()).isEqualTo(ScriptError.Kind.TIMEOUT);
        }
    }

    @Test
    void unreachableServersAndTlsFailuresGiveFalse() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        serve("/plain", 200, "not TLS", true);
        scripts.timeout(NetScripts.SILENT_TIMEOUT);

        Varargs refused = scripts.returned("Fetch", "http://127.0.0.1:" + closedPort + "/");
        Varargs notTls = scripts.returned(
                "Fetch", "https://127.0.0.1:" + http.getAddress().getPort() + "/plain");

        assertThat(refused.arg1()).isEqualTo(LuaValue.FALSE);
        assertThat(notTls.arg1()).isEqualTo(LuaValue.FALSE);
    }

    @Test
    void aUrlWithoutSchemeIsTakenAsHttp() {
        serve("/page", 200, "hello", true);

        LuaValue page = scripts.returned(
                        "Fetch", "127.0.0.1:" + http.getAddress().getPort() + "/page")
                .arg(2);

        assertThat(strings(page.get("Body"))).containsExactly("hello");
    }

    @Test
    void urlsThatCannotBeFetchedAreLuaErrors() {
        assertThat(scripts.failure("Fetch", "ftp://127.0.0.1/file"))
                .contains("bad argument #1 to 'GetHTTP'")
                .contains("only http:// and https://");
        assertThat(scripts.failure("Fetch", "http://exa mple.com/")).contains("not a URL");
    }

    private void serve(String path, int status, String body, boolean fixedLength) {
        http.createContext(path, exchange -> reply(exchange, status, body, fixedLength));
    }

    private static void reply(HttpExchange exchange, int status, String body, boolean fixedLength) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.ISO_8859_1);
        exchange.getResponseHeaders().add("X-Test", "one");
        exchange.sendResponseHeaders(status, fixedLength ? bytes.length : 0);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private String url(String file) {
        return "http://127.0.0.1:" + http.getAddress().getPort() + file;
    }

    private static List<String> strings(LuaValue sequence) {
        List<String> values = new ArrayList<>();
        for (int i = 1; i <= sequence.length(); i++) {
            values.add(sequence.get(i).tojstring());
        }
        return values;
    }
}
