package org.jameslua.engine.net;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.xbill.DNS.ResolverConfig;

/**
 * DNS server lists as {@code VPOP3Net.GetDNSRecords} takes them: IP addresses separated by semicolons. As
 * an extension each entry may carry a port ({@code 127.0.0.1:5353}, {@code [::1]:5353}); names are not
 * accepted, since looking them up would need a DNS server in the first place.
 */
public final class DnsServers {
    public static final int PORT = 53;

    private DnsServers() {}

    /**
     * The servers of a list, in order; empty entries are skipped, so an empty list gives no server.
     *
     * @throws IllegalArgumentException naming the first entry that is not an address
     */
    public static List<InetSocketAddress> parse(String list) {
        List<InetSocketAddress> servers = new ArrayList<>();
        for (String entry : list.split(";")) {
            if (!entry.isBlank()) {
                servers.add(parseOne(entry));
            }
        }
        return servers;
    }

    public static List<InetSocketAddress> parse(List<String> entries) {
        return parse(String.join(";", entries));
    }

    /** The resolvers the system is configured with (resolv.conf, the Windows registry, ...). */
    public static List<InetSocketAddress> system() {
        return List.copyOf(ResolverConfig.getCurrentConfig().servers());
    }

    private static InetSocketAddress parseOne(String entry) {
        HostPort server = HostPort.parse(entry, PORT);
        InetAddress address = HostPort.ipLiteral(server.host())
                .orElseThrow(
                        () -> new IllegalArgumentException("'" + entry.trim() + "' is not a DNS server's IP address"));
        return new InetSocketAddress(address, server.port());
    }
}
