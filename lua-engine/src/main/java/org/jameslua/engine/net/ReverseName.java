package org.jameslua.engine.net;

import java.net.InetAddress;
import org.xbill.DNS.Name;
import org.xbill.DNS.NameTooLongException;
import org.xbill.DNS.ReverseMap;
import org.xbill.DNS.TextParseException;

/** The names DNS files addresses under: for PTR lookups, and for DNS blocklists. */
public final class ReverseName {
    private static final Name IPV4_ARPA = Name.fromConstantString("in-addr.arpa.");
    private static final Name IPV6_ARPA = Name.fromConstantString("ip6.arpa.");

    private ReverseName() {}

    /** {@code 4.3.2.1.in-addr.arpa} for 1.2.3.4; nibbles under {@code ip6.arpa} for IPv6. */
    public static String of(InetAddress address) {
        return DnsRecord.text(ReverseMap.fromAddress(address));
    }

    /**
     * The name a DNS blocklist publishes an address under: {@code 4.3.2.1.zen.example} for 1.2.3.4 on the
     * list {@code zen.example}; an A record there means the address is listed.
     *
     * @throws IllegalArgumentException when the zone is not a domain name, or the result would be too long
     */
    public static String under(InetAddress address, String zone) {
        Name reversed = ReverseMap.fromAddress(address);
        Name labels = reversed.relativize(reversed.subdomain(IPV4_ARPA) ? IPV4_ARPA : IPV6_ARPA);
        try {
            return DnsRecord.text(Name.concatenate(labels, Name.fromString(zone, Name.root)));
        } catch (TextParseException | NameTooLongException e) {
            throw new IllegalArgumentException(
                    "no blocklist name for " + address.getHostAddress() + " under " + zone + ": " + e.getMessage());
        }
    }
}
