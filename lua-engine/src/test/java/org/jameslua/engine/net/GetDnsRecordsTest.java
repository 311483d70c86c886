package org.jameslua.engine.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

class GetDnsRecordsTest {
    @RegisterExtension
    final NetScripts scripts = new NetScripts();

    DnsStub dns;

    @BeforeEach
    void setUp() {
        dns = new DnsStub();
    }

    @AfterEach
    void tearDown() {
        dns.close();
    }

    @Test
    void anARecordComesBackAsATableOfEntriesAndTrue() {
        dns.answer("mail.example.com", Type.A, 300, "192.0.2.10").answer("mail.example.com", Type.A, 300, "192.0.2.11");

        Varargs result = scripts.returned("Lookup", "mail.example.com", 1, dns.address());

        assertThat(result.arg(2)).isEqualTo(LuaValue.TRUE);
        LuaValue first = result.arg1().get(1);
        assertThat(first.get("Domain").tojstring()).isEqualTo("mail.example.com");
        assertThat(first.get("Section").tojstring()).isEqualTo("AN");
        assertThat(first.get("Type").tojstring()).isEqualTo("A");
        assertThat(first.get("TTL").toint()).isEqualTo(300);
        assertThat(first.get("Value").tojstring()).isEqualTo("192.0.2.10");
        assertThat(first.get("MXPriority").isnil()).isTrue();
        assertThat(result.arg1().get(2).get("Value").tojstring()).isEqualTo("192.0.2.11");
        assertThat(result.arg1().length()).isEqualTo(2);
    }

    static Stream<Arguments> everyTypeTheManualLists() {
        return Stream.of(
                Arguments.of(Type.A, "192.0.2.1", "A", "192.0.2.1"),
                Arguments.of(Type.NS, "ns1.example.com.", "NS", "ns1.example.com"),
                Arguments.of(Type.CNAME, "real.example.com.", "CNAME", "real.example.com"),
                Arguments.of(
                        Type.SOA,
                        "ns1.example.com. hostmaster.example.com. 7 3600 600 86400 300",
                        "SOA",
                        "ns1.example.com hostmaster@example.com 7 3600 600 86400 300"),
                Arguments.of(Type.WKS, "192.0.2.1 tcp 25 80", 11, "192.0.2.1 6 25 80"),
                Arguments.of(Type.PTR, "host.example.com.", "PTR", "host.example.com"),
                Arguments.of(Type.MX, "10 mx.example.com.", "MX", "mx.example.com"),
                Arguments.of(Type.TXT, "\"v=spf1 \" \"-all\"", "TXT", "v=spf1 -all"),
                Arguments.of(Type.SRV, "10 5 25 mx.example.com.", "SRV", "10 5 25 mx.example.com"),
                Arguments.of(Type.AAAA, "2001:db8::1", 28, "2001:db8:0:0:0:0:0:1"));
    }

    @ParameterizedTest
    @MethodSource("everyTypeTheManualLists")
    void everyTypeHasItsTypeFieldAndValue(int type, String rdata, Object typeField, String value) {
        dns.answer("example.com", type, 60, rdata);

        Varargs result = scripts.returned("Lookup", "example.com", type, dns.address());

        assertThat(result.arg(2)).isEqualTo(LuaValue.TRUE);
        LuaValue entry = result.arg1().get(1);
        LuaValue expectedType = typeField instanceof Integer
                ? LuaValue.valueOf((Integer) typeField)
                : LuaValue.valueOf((String) typeField);
        assertThat(entry.get("Type")).isEqualTo(expectedType);
        assertThat(entry.get("Value").tojstring()).isEqualTo(value);
    }

    @Test
    void anSoaEntryCarriesItsFields() {
        dns.answer(
                "example.com",
                Type.SOA,
                3600,
                "ns1.example.com. john\\.doe.example.com. 2024010101 7200 900 1209600 300");

        LuaValue soa = scripts.returned("Lookup", "example.com", 6, dns.address())
                .arg1()
                .get(1);

        assertThat(soa.get("Serial").tolong()).isEqualTo(2024010101L);
        assertThat(soa.get("Refresh").toint()).isEqualTo(7200);
        assertThat(soa.get("Retry").toint()).isEqualTo(900);
        assertThat(soa.get("Expiry").toint()).isEqualTo(1209600);
        assertThat(soa.get("MinimumTTL").toint()).isEqualTo(300);
        assertThat(soa.get("PrimaryNS").tojstring()).isEqualTo("ns1.example.com");
        assertThat(soa.get("ResponsibleEmail").tojstring()).isEqualTo("john.doe@example.com");
    }

    @Test
    void mxEntriesCarryTheirPriorityAndAnswersKeepAllThreeSections() {
        dns.answer("example.com", Type.MX, 300, "20 backup.example.com.")
                .answer("example.com", Type.MX, Section.AUTHORITY, "example.com", Type.NS, 600, "ns1.example.com.")
                .answer("example.com", Type.MX, Section.ADDITIONAL, "backup.example.com", Type.A, 60, "192.0.2.25");

        LuaValue table =
                scripts.returned("Lookup", "example.com", 15, dns.address()).arg1();

        assertThat(table.length()).isEqualTo(3);
        assertThat(table.get(1).get("Section").tojstring()).isEqualTo("AN");
        assertThat(table.get(1).get("MXPriority").toint()).isEqualTo(20);
        assertThat(table.get(1).get("Value").tojstring()).isEqualTo("backup.example.com");
        assertThat(table.get(2).get("Section").tojstring()).isEqualTo("NS");
        assertThat(table.get(2).get("Type").tojstring()).isEqualTo("NS");
        assertThat(table.get(2).get("TTL").toint()).isEqualTo(600);
        assertThat(table.get(3).get("Section").tojstring()).isEqualTo("AR");
        assertThat(table.get(3).get("Domain").tojstring()).isEqualTo("backup.example.com");
        assertThat(table.get(3).get("Value").tojstring()).isEqualTo("192.0.2.25");
    }

    @Test
    void aPtrLookupTakesTheReversedNameOrAPlainAddress() {
        dns.answer("1.0.0.127.in-addr.arpa", Type.PTR, 60, "localhost.example.");

        LuaValue byName = scripts.returned("Lookup", "1.0.0.127.in-addr.arpa", 12, dns.address())
                .arg1()
                .get(1);
        LuaValue byAddress = scripts.returned("Lookup", "127.0.0.1", 12, dns.address())
                .arg1()
                .get(1);

        assertThat(byName.get("Value").tojstring()).isEqualTo("localhost.example");
        assertThat(byAddress.get("Domain").tojstring()).isEqualTo("1.0.0.127.in-addr.arpa");
        assertThat(byAddress.get("Value").tojstring()).isEqualTo("localhost.example");
    }

    @Test
    void aNameThatDoesNotExistGivesItsDnsErrorCodeAndFalse() {
        Varargs result = scripts.returned("Lookup", "nowhere.example.com", 1, dns.address());

        assertThat(result.arg1().toint()).isEqualTo(3);
        assertThat(result.arg(2)).isEqualTo(LuaValue.FALSE);
    }

    @Test
    void anRblLookupAnswersForAListedAddressAndNxdomainForOthers() {
        dns.answer("4.3.2.1.zen.example", Type.A, 60, "127.0.0.2");

        Varargs listed = scripts.returned("Lookup", "4.3.2.1.zen.example", 1, dns.address());
        Varargs clean = scripts.returned("Lookup", "5.3.2.1.zen.example", 1, dns.address());

        assertThat(listed.arg1().get(1).get("Value").tojstring()).isEqualTo("127.0.0.2");
        assertThat(clean.arg1().toint()).isEqualTo(Rcode.NXDOMAIN);
    }

    @Test
    void javaCallersLookUpBlocklistsThroughTheSameCode() throws Exception {
        dns.answer("4.3.2.1.zen.example", Type.A, 60, "127.0.0.2");
        DnsLookup lookup = new DnsLookup(DnsServers.parse(dns.address()), NetScripts.ANSWER_TIMEOUT);

        String name = ReverseName.under(InetAddress.getByName("1.2.3.4"), "zen.example");
        DnsAnswer answer = lookup.lookup(name, Type.A, Duration.ofSeconds(5));

        assertThat(name).isEqualTo("4.3.2.1.zen.example");
        assertThat(answer).isInstanceOf(DnsAnswer.Records.class);
        assertThat(((DnsAnswer.Records) answer).records())
                .singleElement()
                .satisfies(record -> assertThat(record.value()).isEqualTo("127.0.0.2"));
        assertThat(lookup.lookup("4.3.2.9.zen.example", Type.A, Duration.ofSeconds(5)))
                .isInstanceOfSatisfying(
                        DnsAnswer.Failed.class,
                        failed -> assertThat(failed.code()).isEqualTo(Rcode.NXDOMAIN));
    }

    @Test
    void theFirstServerThatAnswersWinsAndLaterOnesAreNotAsked() {
        dns.answer("example.com", Type.A, 60, "192.0.2.1");
        try (DnsStub other = new DnsStub().answer("example.com", Type.A, 60, "192.0.2.99")) {

            LuaValue table = scripts.returned("Lookup", "example.com", 1, dns.address() + ";" + other.address())
                    .arg1();

            assertThat(table.length()).isEqualTo(1);
            assertThat(table.get(1).get("Value").tojstring()).isEqualTo("192.0.2.1");
            assertThat(other.queries()).isZero();
        }
    }

    @Test
    void aServerThatNeverRepliesIsPassedOverForTheNext() throws Exception {
        dns.answer("example.com", Type.A, 60, "192.0.2.1");
        scripts.timeout(Duration.ofSeconds(1));
        try (DatagramSocket silent = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            String servers = "127.0.0.1:" + silent.getLocalPort() + ";" + dns.address();

            Varargs result = scripts.returned("Lookup", "example.com", 1, servers);

            assertThat(result.arg(2)).isEqualTo(LuaValue.TRUE);
            assertThat(result.arg1().get(1).get("Value").tojstring()).isEqualTo("192.0.2.1");
        }
    }

    @Test
    void aServerFailureIsPassedOverAndTheLastCodeIsReturnedWhenNoneAnswers() throws Exception {
        dns.failingWith(Rcode.SERVFAIL);
        try (DnsStub refusing = new DnsStub().failingWith(Rcode.REFUSED);
                DnsStub good = new DnsStub().answer("example.com", Type.A, 60, "192.0.2.7")) {

            Varargs answered = scripts.returned("Lookup", "example.com", 1, dns.address() + ";" + good.address());
            Varargs failed = scripts.returned("Lookup", "example.com", 1, dns.address() + ";" + refusing.address());

            assertThat(answered.arg1().get(1).get("Value").tojstring()).isEqualTo("192.0.2.7");
            assertThat(failed.arg1().toint()).isEqualTo(Rcode.REFUSED);
            assertThat(failed.arg(2)).isEqualTo(LuaValue.FALSE);
        }
    }

    @Test
    void whenNoServerAnswersTheCodeIsMinusOne() throws Exception {
        scripts.timeout(NetScripts.SILENT_TIMEOUT);
        try (DatagramSocket silent = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            Varargs result = scripts.returned("Lookup", "example.com", 1, "127.0.0.1:" + silent.getLocalPort());

            assertThat(result.arg1().toint()).isEqualTo(DnsAnswer.NO_SERVER_ANSWERED);
            assertThat(result.arg(2)).isEqualTo(LuaValue.FALSE);
        }
    }

    @Test
    void withoutAServerListTheConfiguredServersAreAsked() {
        dns.answer("example.com", Type.TXT, 60, "\"configured\"");
        scripts.config(new NetConfig(List.of(dns.address()), NetScripts.ANSWER_TIMEOUT, 4096));

        Varargs withoutList = scripts.returned("Lookup", "example.com", 16);
        Varargs emptyList = scripts.returned("Lookup", "example.com", 16, " ; ");

        assertThat(withoutList.arg1().get(1).get("Value").tojstring()).isEqualTo("configured");
        assertThat(emptyList.arg1().get(1).get("Value").tojstring()).isEqualTo("configured");
    }

    @Test
    void otherNumericTypesAreAskedForAsTheyAre() {
        dns.answer("example.com", 65280, 60, "\\# 3 616263");

        LuaValue entry = scripts.returned("Lookup", "example.com", 65280, dns.address())
                .arg1()
                .get(1);

        assertThat(entry.get("Type").toint()).isEqualTo(65280);
        assertThat(entry.get("Value").tojstring()).isEqualTo("\\# 3 616263");
    }

    @Test
    void serverListsTakeSpacesEmptyEntriesPortsAndIpv6() {
        assertThat(DnsServers.parse(" 192.0.2.1 ;; 192.0.2.2:5353 ; [::1]:5300 ; ::1 ; "))
                .containsExactly(
                        new InetSocketAddress("192.0.2.1", 53),
                        new InetSocketAddress("192.0.2.2", 5353),
                        new InetSocketAddress("::1", 5300),
                        new InetSocketAddress("::1", 53));
        assertThat(DnsServers.parse("")).isEmpty();
        assertThatThrownBy(() -> DnsServers.parse("192.0.2.1;dns.example.com"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'dns.example.com'");
        assertThatThrownBy(() -> DnsServers.parse("192.0.2.1:70000"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("port");
    }

    @Test
    void badArgumentsAreLuaErrors() {
        assertThat(scripts.failure("Lookup", "example.com", 1, "dns.example.com"))
                .contains("bad argument #3 to 'GetDNSRecords'")
                .contains("not a DNS server's IP address");
        assertThat(scripts.failure("Lookup", "a..b", 1, dns.address())).contains("not a domain name");
        assertThat(scripts.failure("Lookup", "example.com", 252, dns.address())).contains("type 252 cannot be asked");
        assertThat(scripts.failure("Lookup", "example.com", 0, dns.address())).contains("type 0 cannot be asked");
        assertThat(dns.queries()).isZero();
    }
}
