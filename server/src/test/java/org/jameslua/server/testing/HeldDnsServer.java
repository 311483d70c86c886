package org.jameslua.server.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;

/**
 * A loopback DNS server that answers no query until the test releases it (then NXDOMAIN to every query, held or
 * new): a script's {@code VPOP3Net.GetDNSRecords} waits exactly as long as the test wants, with no clock involved.
 */
public final class HeldDnsServer implements AutoCloseable {
    private final DatagramSocket socket;
    private final List<DatagramPacket> held = new ArrayList<>();
    private boolean released;

    public HeldDnsServer() {
        try {
            socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        } catch (SocketException e) {
            throw new UncheckedIOException(e);
        }
        Thread thread = new Thread(this::serve, "held-dns-server");
        thread.setDaemon(true);
        thread.start();
    }

    /** The server as dns.servers takes it: {@code 127.0.0.1:port}. */
    public String address() {
        return "127.0.0.1:" + socket.getLocalPort();
    }

    /** How many queries wait for an answer. */
    public synchronized int waiting() {
        return held.size();
    }

    /** Answers the waiting queries and, from now on, every query at once. */
    public void release() {
        List<DatagramPacket> answers;
        synchronized (this) {
            released = true;
            answers = new ArrayList<>(held);
            held.clear();
        }
        answers.forEach(this::answer);
    }

    private void serve() {
        while (!socket.isClosed()) {
            try {
                DatagramPacket packet = new DatagramPacket(new byte[512], 512);
                socket.receive(packet);
                if (!hold(packet)) {
                    answer(packet);
                }
            } catch (IOException e) {
                // closed
            }
        }
    }

    private synchronized boolean hold(DatagramPacket packet) {
        if (!released) {
            held.add(packet);
        }
        return !released;
    }

    private void answer(DatagramPacket packet) {
        try {
            Message query = new Message(Arrays.copyOf(packet.getData(), packet.getLength()));
            Message response = new Message(query.getHeader().getID());
            response.getHeader().setFlag(Flags.QR);
            response.addRecord(query.getQuestion(), Section.QUESTION);
            response.getHeader().setRcode(Rcode.NXDOMAIN);
            byte[] wire = response.toWire();
            SocketAddress client = packet.getSocketAddress();
            socket.send(new DatagramPacket(wire, wire.length, client));
        } catch (IOException e) {
            // a datagram that is no DNS query, or the socket closed: nothing to answer
        }
    }

    @Override
    public void close() {
        socket.close();
    }
}
