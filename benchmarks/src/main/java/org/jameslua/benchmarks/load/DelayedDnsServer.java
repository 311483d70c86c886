package org.jameslua.benchmarks.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.Arrays;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;

/** A loopback DNS server that answers every query NXDOMAIN, a fixed delay after it came: a slow resolver. */
final class DelayedDnsServer implements AutoCloseable {
    private final DatagramSocket socket;
    private final long delayMillis;
    private final ScheduledExecutorService answers = Executors.newSingleThreadScheduledExecutor();

    DelayedDnsServer(long delayMillis) {
        this.delayMillis = delayMillis;
        try {
            socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        } catch (SocketException e) {
            throw new UncheckedIOException(e);
        }
        Thread thread = new Thread(this::serve, "delayed-dns-server");
        thread.setDaemon(true);
        thread.start();
    }

    /** As james-lua.properties' dns.servers takes it. */
    String address() {
        return "127.0.0.1:" + socket.getLocalPort();
    }

    private void serve() {
        while (!socket.isClosed()) {
            try {
                DatagramPacket packet = new DatagramPacket(new byte[512], 512);
                socket.receive(packet);
                answers.schedule(() -> answer(packet), delayMillis, TimeUnit.MILLISECONDS);
            } catch (IOException e) {
                // closed
            }
        }
    }

    private void answer(DatagramPacket packet) {
        try {
            Message query = new Message(Arrays.copyOf(packet.getData(), packet.getLength()));
            Message response = new Message(query.getHeader().getID());
            response.getHeader().setFlag(Flags.QR);
            response.addRecord(query.getQuestion(), Section.QUESTION);
            response.getHeader().setRcode(Rcode.NXDOMAIN);
            byte[] wire = response.toWire();
            socket.send(new DatagramPacket(wire, wire.length, packet.getSocketAddress()));
        } catch (IOException e) {
            // not a DNS query, or the socket closed: nothing to answer
        }
    }

    @Override
    public void close() {
        socket.close();
        answers.shutdownNow();
    }
}
