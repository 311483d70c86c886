package org.jameslua.engine.net;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Opens TCP connections for the HTTP and WHOIS helpers with every step inside one {@link Deadline}: the
 * name lookup, the connect, and all the talk that follows.
 */
final class TcpConnection {
    private TcpConnection() {}

    /**
     * A connected socket that closes itself when the deadline passes, so no later step (a TLS handshake, a
     * read, a write) can outlive it however slowly the server trickles its bytes.
     */
    static Socket open(HostPort server, Deadline deadline) throws IOException {
        InetAddress address = resolve(server.host(), deadline);
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(address, server.port()), deadline.socketTimeoutMillis());
        } catch (IOException e) {
            socket.close();
            throw e;
        }
        CompletableFuture.delayedExecutor(deadline.remaining().toNanos(), TimeUnit.NANOSECONDS, Runnable::run)
                .execute(() -> closeQuietly(socket));
        return socket;
    }

    /** What to report for a failed step: running out of time closes the socket, which shows as other errors. */
    static IOException explain(IOException failure, Deadline deadline) {
        if (deadline.remaining().isZero() && !(failure instanceof SocketTimeoutException)) {
            return new SocketTimeoutException(
                    "no complete answer within " + deadline.length().toMillis() + " ms");
        }
        return failure;
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // the socket is unusable either way, which is all the deadline needs
        }
    }

    /**
     * Address literals need no lookup. Names go to the JDK resolver, which has no timeout of its own, on a
     * thread of their own that is left to finish alone if the deadline passes first.
     */
    private static InetAddress resolve(String host, Deadline deadline) throws IOException {
        Optional<InetAddress> literal = HostPort.ipLiteral(host);
        if (literal.isPresent()) {
            return literal.get();
        }
        CompletableFuture<InetAddress> lookup = new CompletableFuture<>();
        Thread thread = new Thread(
                () -> {
                    try {
                        lookup.complete(InetAddress.getByName(host));
                    } catch (UnknownHostException | RuntimeException e) {
                        lookup.completeExceptionally(e);
                    }
                },
                "VPOP3Net lookup " + host);
        thread.setDaemon(true);
        thread.start();
        try {
            return lookup.get(deadline.remaining().toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new SocketTimeoutException("looking up " + host + " took longer than "
                    + deadline.length().toMillis() + " ms");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException ? (IOException) e.getCause() : new UnknownHostException(host);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while looking up " + host, e);
        }
    }
}
