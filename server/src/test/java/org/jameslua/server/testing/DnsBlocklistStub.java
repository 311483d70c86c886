package org.jameslua.server.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * A DNS server on a loopback UDP port answering A questions for the names it was given, as a DNS blocklist
 * does for the addresses it lists, and NXDOMAIN for everything else.
 */
public final class DnsBlocklistStub implements AutoCloseable {
    private final DatagramSocket socket;
    private final Map<String, InetAddress> listed = new ConcurrentHashMap<>();

    public DnsBlocklistStub() {
        try {
            socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        } catch (SocketException e) {
            throw new UncheckedIOException(e);
        }
        Thread thread = new Thread(this::serve, "dns-blocklist-stub");
        thread.setDaemon(true);
        thread.start();
    }

    /** Lists {@code client} (dotted IPv4) under {@code zone}, with the answer {@code address}. */
    public DnsBlocklistStub list(String client, String zone, String address) {
        String[] octets = client.split("\\.");
        String name = octets[3] + "." + octets[2] + "." + octets[1] + "." + octets[0] + "." + zone + ".";
        try {
            listed.put(name.toLowerCase(Locale.ROOT), InetAddress.getByName(address));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** The server as dns.servers takes it: {@code 127.0.0.1:port}. */
    public String address() {
        return "127.0.0.1:" + socket.getLocalPort();
    }

    private void serve() {
        byte[] buffer = new byte[512];
        while (!socket.isClosed()) {
            try {
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                socket.receive(packet);
                Message query = new Message(java.util.Arrays.copyOf(packet.getData(), packet.getLength()));
                byte[] answer = answer(query).toWire();
                socket.send(new DatagramPacket(answer, answer.length, packet.getSocketAddress()));
            } catch (IOException e) {
                // closed, or a datagram that is no DNS query: nothing to answer
            }
        }
    }

    private Message answer(Message query) {
        Message response = new Message(query.getHeader().getID());
        response.getHeader().setFlag(Flags.QR);
        response.getHeader().setFlag(Flags.AA);
        Record question = query.getQuestion();
        response.addRecord(question, Section.QUESTION);
        Name name = question.getName();
        InetAddress address = listed.get(name.toString().toLowerCase(Locale.ROOT));
        if (address != null && question.getType() == Type.A) {
            response.addRecord(new ARecord(name, DClass.IN, 60, address), Section.ANSWER);
        } else {
            response.getHeader().setRcode(Rcode.NXDOMAIN);
        }
        return response;
    }

    @Override
    public void close() {
        socket.close();
    }
}
