package org.jameslua.engine.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

class GetWhoisTest {
    @RegisterExtension
    final NetScripts scripts = new NetScripts();

    @Test
    void sendsTheQueryWithCrLfAndReturnsEverythingUntilTheServerCloses() throws Exception {
        String answer = "Domain Name: EXAMPLE.COM\r\nRegistrar: Example Registrar\r\n";
        try (RawServer server = RawServer.replying(answer)) {
            Varargs result = scripts.returned("Whois", "127.0.0.1:" + server.port(), "example.com");

            assertThat(result.arg1()).isEqualTo(LuaValue.TRUE);
            assertThat(result.arg(2).tojstring()).isEqualTo(answer);
            assertThat(server.firstLine()).isEqualTo("example.com\r\n");
        }
    }

    @Test
    void aServerThatNeverClosesGivesFalseAndWhy() throws Exception {
        scripts.timeout(NetScripts.SILENT_TIMEOUT);
        try (RawServer server = RawServer.holding("Domain Name: EXAMPLE.COM\r\n")) {
            Varargs result = scripts.returned("Whois", "127.0.0.1:" + server.port(), "example.com");

            assertThat(result.arg1()).isEqualTo(LuaValue.FALSE);
            assertThat(result.arg(2).tojstring()).contains("no complete answer within 300 ms");
        }
    }

    @Test
    void anAnswerOverTheSizeBoundGivesFalse() throws Exception {
        scripts.config(new NetConfig(List.of(), NetScripts.ANSWER_TIMEOUT, 100));
        try (RawServer server = RawServer.replying("x".repeat(500))) {
            Varargs result = scripts.returned("Whois", "127.0.0.1:" + server.port(), "example.com");

            assertThat(result.arg1()).isEqualTo(LuaValue.FALSE);
            assertThat(result.arg(2).tojstring()).contains("longer than 100 bytes");
        }
    }

    @Test
    void anUnreachableServerGivesFalse() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }

        Varargs result = scripts.returned("Whois", "127.0.0.1:" + closedPort, "example.com");

        assertThat(result.arg1()).isEqualTo(LuaValue.FALSE);
        assertThat(result.arg(2).isstring()).isTrue();
    }

    @Test
    void aServerThatIsNoHostAndPortIsALuaError() {
        assertThat(scripts.failure("Whois", "whois.example:99999", "example.com"))
                .contains("bad argument #1 to 'GetWHOIS'")
                .contains("port");
        assertThat(scripts.failure("Whois", ":43", "example.com")).contains("names no host");
    }
}
