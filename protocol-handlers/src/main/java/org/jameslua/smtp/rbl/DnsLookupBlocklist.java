package org.jameslua.smtp.rbl;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Optional;
import org.jameslua.engine.LogText;
import org.jameslua.engine.net.DnsAnswer;
import org.jameslua.engine.net.DnsLookup;
import org.jameslua.engine.net.DnsRecord;
import org.jameslua.engine.net.ReverseName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Blocklist questions asked with the engine's DNS client, so they use the pack's {@code dns.servers}. */
final class DnsLookupBlocklist implements DnsBlocklist {
    private static final Logger LOGGER = LoggerFactory.getLogger(DnsLookupBlocklist.class);
    private static final int TYPE_A = 1;

    private final DnsLookup dns;

    DnsLookupBlocklist(DnsLookup dns) {
        this.dns = dns;
    }

    @Override
    public Optional<InetAddress> listing(InetAddress client, String zone, Duration timeout) {
        String name;
        try {
            name = ReverseName.under(client, zone);
        } catch (IllegalArgumentException e) {
            LOGGER.warn("RBL server '{}' skipped: {}", LogText.escape(zone), LogText.escape(e.getMessage()));
            return Optional.empty();
        }
        DnsAnswer answer = dns.lookup(name, TYPE_A, timeout);
        if (answer instanceof DnsAnswer.Records) {
            DnsAnswer.Records records = (DnsAnswer.Records) answer;
            return records.records().stream()
                    .filter(record -> record.type() == TYPE_A && record.section() == DnsRecord.Section.AN)
                    .findFirst()
                    .flatMap(record -> address(record.value()));
        }
        if (((DnsAnswer.Failed) answer).code() == DnsAnswer.NO_SERVER_ANSWERED) {
            LOGGER.info("RBL server {} did not answer for {} in time", LogText.escape(zone), client.getHostAddress());
        }
        return Optional.empty();
    }

    private static Optional<InetAddress> address(String dotted) {
        try {
            // a dotted IPv4 literal: no lookup happens
            return Optional.of(InetAddress.getByName(dotted));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }
}
