package org.jameslua.smtp.rbl;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import org.jameslua.engine.net.DnsLookup;
import org.jameslua.engine.net.DnsStub;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/** A blocklist's answer for a client, asked of a DNS server on a loopback port. */
class DnsLookupBlocklistTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final String LISTED_NAME = "7.2.0.192.bl.example";

    private final DnsStub dns = new DnsStub();

    @AfterEach
    void close() {
        dns.close();
    }

    @Test
    void aListedClientHasTheAddressTheListGives() throws Exception {
        dns.answer(LISTED_NAME, Type.A, 60, "127.0.0.2");

        assertThat(blocklist().listing(client(), "bl.example", TIMEOUT)).contains(InetAddress.getByName("127.0.0.2"));
    }

    @Test
    void aClientTheListDoesNotNameIsNotListed() throws Exception {
        assertThat(blocklist().listing(client(), "bl.example", TIMEOUT)).isEmpty();
        assertThat(dns.queries()).isEqualTo(1);
    }

    @Test
    void onlyAnAddressInTheAnswerSectionListsTheClient() throws Exception {
        dns.answer(LISTED_NAME, Type.A, Section.ADDITIONAL, LISTED_NAME, Type.A, 60, "127.0.0.2");
        dns.answer(LISTED_NAME, Type.A, Section.ANSWER, LISTED_NAME, Type.TXT, 60, "127.0.0.3");

        assertThat(blocklist().listing(client(), "bl.example", TIMEOUT)).isEmpty();
    }

    @Test
    void aZoneThatIsNoDomainNameListsNoOneAndIsNotAsked() throws Exception {
        assertThat(blocklist().listing(client(), "bl..example", TIMEOUT)).isEmpty();
        assertThat(dns.queries()).isZero();
    }

    private DnsLookupBlocklist blocklist() {
        String[] hostAndPort = dns.address().split(":");
        return new DnsLookupBlocklist(new DnsLookup(
                List.of(new InetSocketAddress(hostAndPort[0], Integer.parseInt(hostAndPort[1]))), TIMEOUT));
    }

    private static InetAddress client() throws Exception {
        return InetAddress.getByName("192.0.2.7");
    }
}
