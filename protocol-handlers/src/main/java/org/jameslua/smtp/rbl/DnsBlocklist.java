package org.jameslua.smtp.rbl;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Optional;

/** One DNS blocklist question: the address a list publishes for a client, when it lists it. */
interface DnsBlocklist {
    /**
     * @return the first A record at the client's name under the zone; empty when the client is not listed,
     *         or no answer came in time (a blocklist that cannot be reached lists no one)
     */
    Optional<InetAddress> listing(InetAddress client, String zone, Duration timeout);
}
