package org.jameslua.engine.net;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Bounds and defaults of the network helpers.
 *
 * @param dnsServers   servers {@code VPOP3Net.GetDNSRecords} asks when the script names none; empty means
 *                     the system's resolvers
 * @param timeout      longest wait for one answer (never longer than the call's own time budget)
 * @param maxResponseBytes largest answer read from an HTTP or WHOIS server
 */
public final class NetConfig {
    private final List<String> dnsServers;
    private final Duration timeout;
    private final int maxResponseBytes;

    public NetConfig(List<String> dnsServers, Duration timeout, int maxResponseBytes) {
        this.dnsServers = dnsServers;
        this.timeout = timeout;
        this.maxResponseBytes = maxResponseBytes;
    }

    public static NetConfig defaults() {
        return new NetConfig(List.of(), Duration.ofSeconds(5), 4 * 1024 * 1024);
    }

    public List<String> dnsServers() {
        return dnsServers;
    }

    public Duration timeout() {
        return timeout;
    }

    public int maxResponseBytes() {
        return maxResponseBytes;
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof NetConfig)) {
            return false;
        }
        NetConfig that = (NetConfig) other;
        return Objects.equals(dnsServers, that.dnsServers)
                && Objects.equals(timeout, that.timeout)
                && maxResponseBytes == that.maxResponseBytes;
    }

    @Override
    public int hashCode() {
        return Objects.hash(dnsServers, timeout, maxResponseBytes);
    }

    @Override
    public String toString() {
        return "NetConfig[dnsServers=" + dnsServers + ", timeout=" + timeout + ", maxResponseBytes=" + maxResponseBytes
                + "]";
    }
}
