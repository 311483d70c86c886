package org.jameslua.engine.net;

import java.time.Duration;
import java.util.List;

/**
 * Bounds and defaults of the network helpers.
 *
 * @param dnsServers   servers {@code VPOP3Net.GetDNSRecords} asks when the script names none; empty means
 *                     the system's resolvers
 * @param timeout      longest wait for one answer (never longer than the call's own time budget)
 * @param maxResponseBytes largest answer read from an HTTP or WHOIS server
 */
public record NetConfig(List<String> dnsServers, Duration timeout, int maxResponseBytes) {

    public static NetConfig defaults() {
        return new NetConfig(List.of(), Duration.ofSeconds(5), 4 * 1024 * 1024);
    }
}
