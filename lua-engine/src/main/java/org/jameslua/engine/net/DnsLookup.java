package org.jameslua.engine.net;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * Asks a list of DNS servers one question, in order, and keeps the answer of the first that gives one:
 * {@code VPOP3Net.GetDNSRecords}, and the DNS blocklist checks of the SMTP handlers (see {@link ReverseName}).
 *
 * <p>A server that does not answer in time, or answers with an error other than NXDOMAIN (SERVFAIL,
 * REFUSED, ...), passes the question to the next one. NXDOMAIN is an answer: the name does not exist.
 */
public final class DnsLookup {
    /** Types that are no question to ask a server: EDNS and transaction signatures, zone transfers. */
    private static final Set<Integer> NOT_QUESTIONS = Set.of(Type.OPT, Type.TKEY, Type.TSIG, Type.IXFR, Type.AXFR);
    /** Records that belong to the exchange, not to the answer. */
    private static final Set<Integer> PSEUDO_RECORDS = Set.of(Type.OPT, Type.TSIG);

    private final List<InetSocketAddress> servers;
    private final Duration timeoutPerServer;

    /**
     * @param servers          asked in this order
     * @param timeoutPerServer the longest wait for any one server
     */
    public DnsLookup(List<InetSocketAddress> servers, Duration timeoutPerServer) {
        if (servers.isEmpty()) {
            throw new IllegalArgumentException("no DNS server to ask");
        }
        this.servers = List.copyOf(servers);
        this.timeoutPerServer = timeoutPerServer;
    }

    /**
     * The configured servers, else the system's resolvers, each waited for up to the configured timeout.
     *
     * @throws IllegalArgumentException when a configured server is not an IP address
     */
    public static DnsLookup using(NetConfig config) {
        List<InetSocketAddress> configured = DnsServers.parse(config.dnsServers());
        return new DnsLookup(configured.isEmpty() ? DnsServers.system() : configured, config.timeout());
    }

    /**
     * @param name    a domain name, with or without its trailing dot
     * @param type    the numeric record type, 1 (A) to 65535
     * @param timeout the longest the whole lookup may take, all servers together
     * @throws IllegalArgumentException when the name or the type cannot be asked for
     */
    public DnsAnswer lookup(String name, int type, Duration timeout) {
        if (type < 1 || type > 0xFFFF || NOT_QUESTIONS.contains(type)) {
            throw new IllegalArgumentException("DNS type " + type + " cannot be asked for");
        }
        Message query = Message.newQuery(Record.newRecord(domain(name), type, DClass.IN));
        Deadline deadline = Deadline.in(timeout);
        int code = DnsAnswer.NO_SERVER_ANSWERED;
        for (InetSocketAddress server : servers) {
            Duration wait = min(timeoutPerServer, deadline.remaining());
            if (wait.isZero()) {
                break;
            }
            SimpleResolver resolver = new SimpleResolver(server);
            resolver.setTimeout(wait);
            Message response;
            try {
                response = resolver.send(query);
            } catch (IOException e) {
                continue;
            } catch (IllegalStateException e) {
                // the JVM is stopping (James's stop): dnsjava, whose own shutdown hook closed its selector, cannot
                // register that hook again to open a new one; no answer can come now
                break;
            }
            code = response.getRcode();
            if (code == Rcode.NOERROR) {
                return new DnsAnswer.Records(records(response));
            }
            if (code == Rcode.NXDOMAIN) {
                break;
            }
        }
        return new DnsAnswer.Failed(code);
    }

    private static Name domain(String name) {
        try {
            return Name.fromString(name.trim(), Name.root);
        } catch (TextParseException e) {
            throw new IllegalArgumentException("'" + name + "' is not a domain name: " + e.getMessage());
        }
    }

    private static List<DnsRecord> records(Message response) {
        List<DnsRecord> records = new ArrayList<>();
        for (DnsRecord.Section section : DnsRecord.Section.values()) {
            for (Record record : response.getSection(section.number)) {
                if (!PSEUDO_RECORDS.contains(record.getType())) {
                    records.add(DnsRecord.of(record, section));
                }
            }
        }
        return records;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
