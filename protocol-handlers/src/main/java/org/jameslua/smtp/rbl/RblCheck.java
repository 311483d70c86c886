package org.jameslua.smtp.rbl;

import java.net.InetAddress;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.inject.Inject;
import org.jameslua.engine.net.Deadline;
import org.jameslua.engine.net.DnsLookup;
import org.jameslua.engine.net.DnsServers;
import org.jameslua.james.LuaPackSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The DNS blocklist lookups of a new SMTP session, as the RBL globals set them up (see {@link RblGlobals}).
 * All lookups of one session share one wait of at most {@code dns.timeout.ms}, so an unreachable list
 * delays the banner by that much at worst.
 */
public class RblCheck {
    private static final Logger LOGGER = LoggerFactory.getLogger(RblCheck.class);

    private final DnsBlocklist blocklist;
    private final Duration timeout;

    @Inject
    public RblCheck(LuaPackSettings settings) {
        this(blocklist(settings), settings.net().timeout());
    }

    RblCheck(DnsBlocklist blocklist, Duration timeout) {
        this.blocklist = blocklist;
        this.timeout = timeout;
    }

    /**
     * @return empty when no lookup was due (CheckRBL false, no RBLServers, or a whitelisted client); else
     *         the lists that named the client, in RBLServers order, with the address number each gave
     */
    public Optional<Map<String, Long>> check(InetAddress client, RblGlobals globals) {
        if (!due(client, globals)) {
            return Optional.empty();
        }
        Deadline deadline = Deadline.in(timeout);
        Map<String, Long> listings = new LinkedHashMap<>();
        for (String zone : globals.servers()) {
            Duration left = deadline.remaining();
            if (left.isZero()) {
                break;
            }
            Optional<InetAddress> listing = blocklist.listing(client, zone.trim(), left);
            if (listing.isPresent()) {
                listings.put(zone, number(listing.get()));
                if (!globals.checkAll()) {
                    break;
                }
            }
        }
        return Optional.of(listings);
    }

    /** Whether {@link #check} would look the client up, the globals being as they are: it asks no server. */
    public static boolean due(InetAddress client, RblGlobals globals) {
        return due(client.getHostAddress(), globals.check(), globals.servers(), globals.whitelist());
    }

    static boolean due(String address, boolean check, List<String> servers, List<String> whitelist) {
        return check
                && !servers.isEmpty()
                && whitelist.stream().noneMatch(pattern -> Wildcard.matches(pattern, address));
    }

    /**
     * The pack's DNS servers, else the system's. A machine without any resolver must still run James: its
     * blocklists list no one. A configured server that is no IP address stops James from starting.
     */
    private static DnsBlocklist blocklist(LuaPackSettings settings) {
        if (settings.net().dnsServers().isEmpty() && DnsServers.system().isEmpty()) {
            LOGGER.warn("No DNS resolver configured or found: RBL lookups will find nothing");
            return (client, zone, timeout) -> Optional.empty();
        }
        return new DnsLookupBlocklist(DnsLookup.using(settings.net()));
    }

    /** The manual's form: the address's bytes as one number, first octet lowest (127.0.0.1 is 0x0100007f). */
    static long number(InetAddress address) {
        byte[] bytes = address.getAddress();
        long value = 0;
        for (int i = Math.min(bytes.length, 4) - 1; i >= 0; i--) {
            value = (value << 8) | (bytes[i] & 0xFF);
        }
        return value;
    }
}
