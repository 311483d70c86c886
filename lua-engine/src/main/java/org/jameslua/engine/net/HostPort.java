package org.jameslua.engine.net;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import org.xbill.DNS.Address;

/**
 * A server as scripts name it: {@code host}, {@code host:port}, {@code [v6-address]:port}, or a bare IPv6
 * address (which has too many colons to carry a port).
 */
public final class HostPort {
    private final String host;
    private final int port;

    public HostPort(String host, int port) {
        this.host = host;
        this.port = port;
    }

    /** @throws IllegalArgumentException when the text names no host or a port outside 1..65535 */
    public static HostPort parse(String text, int defaultPort) {
        String trimmed = text.trim();
        if (trimmed.startsWith("[")) {
            int close = trimmed.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("'" + text + "' has no closing ']'");
            }
            String rest = trimmed.substring(close + 1);
            if (!rest.isEmpty() && !rest.startsWith(":")) {
                throw new IllegalArgumentException("'" + text + "' has text after ']' that is not a port");
            }
            return of(trimmed.substring(1, close), rest.isEmpty() ? defaultPort : port(rest.substring(1), text), text);
        }
        int colon = trimmed.indexOf(':');
        if (colon < 0 || trimmed.indexOf(':', colon + 1) >= 0) {
            return of(trimmed, defaultPort, text);
        }
        return of(trimmed.substring(0, colon), port(trimmed.substring(colon + 1), text), text);
    }

    /** The address an IPv4 or IPv6 literal stands for, found without asking any resolver. */
    public static Optional<InetAddress> ipLiteral(String text) {
        byte[] bytes = Address.toByteArray(text, Address.IPv4);
        if (bytes == null) {
            bytes = Address.toByteArray(text, Address.IPv6);
        }
        try {
            return bytes == null ? Optional.empty() : Optional.of(InetAddress.getByAddress(bytes));
        } catch (UnknownHostException e) {
            throw new IllegalStateException("an address of " + bytes.length + " bytes", e);
        }
    }

    private static HostPort of(String host, int port, String text) {
        if (host.isEmpty()) {
            throw new IllegalArgumentException("'" + text + "' names no host");
        }
        return new HostPort(host, port);
    }

    private static int port(String digits, String text) {
        try {
            int port = Integer.parseInt(digits);
            if (port >= 1 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below with the whole entry
        }
        throw new IllegalArgumentException("'" + text + "' has no valid port (1 to 65535)");
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }
}
