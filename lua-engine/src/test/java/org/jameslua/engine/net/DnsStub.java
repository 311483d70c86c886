package org.jameslua.engine.net;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;

/**
 * A DNS server on a loopback UDP port for tests: it answers the questions it was given records for, and
 * NXDOMAIN (or a chosen error) to the rest. Public for the SMTP handlers' blocklist tests (the test jar).
 */
public final class DnsStub implements AutoCloseable {
    private final DatagramSocket socket;
    private final Map<String, List<Entry>> answers = new ConcurrentHashMap<>();
    private final AtomicInteger queries = new AtomicInteger();
    private volatile int errorCode = Rcode.NXDOMAIN;

    private static final class Entry {
        private final int section;
        private final Record record;

        Entry(int section, Record record) {
            this.section = section;
            this.record = record;
        }
    }

    public DnsStub() {
        try {
            socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread thread = new Thread(this::serve, "DNS stub");
        thread.setDaemon(true);
        thread.start();
    }

    /** A record the answer to a question for its own name and type carries, in the given section. */
    public DnsStub answer(String question, int type, int section, String name, int recordType, long ttl, String rdata) {
        try {
            Record record =
                    Record.fromString(Name.fromString(name, Name.root), recordType, DClass.IN, ttl, rdata, Name.root);
            answers.computeIfAbsent(key(Name.fromString(question, Name.root), type), k -> new CopyOnWriteArrayList<>())
                    .add(new Entry(section, record));
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The same record as the whole answer: the common case. */
    public DnsStub answer(String name, int type, long ttl, String rdata) {
        return answer(name, type, Section.ANSWER, name, type, ttl, rdata);
    }

    /** What the server says to questions it has no records for. */
    public DnsStub failingWith(int rcode) {
        this.errorCode = rcode;
        return this;
    }

    public String address() {
        return "127.0.0.1:" + socket.getLocalPort();
    }

    public int queries() {
        return queries.get();
    }

    private void serve() {
        byte[] buffer = new byte[65535];
        while (!socket.isClosed()) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(packet);
                queries.incrementAndGet();
                byte[] reply = reply(new Message(Arrays.copyOf(packet.getData(), packet.getLength())));
                socket.send(new DatagramPacket(reply, reply.length, packet.getSocketAddress()));
            } catch (IOException e) {
                if (socket.isClosed()) {
                    return;
                }
            }
        }
    }

    private byte[] reply(Message query) {
        Message response = new Message(query.getHeader().getID());
        response.getHeader().setFlag(Flags.QR);
        response.getHeader().setFlag(Flags.RD);
        response.getHeader().setFlag(Flags.RA);
        Record question = query.getQuestion();
        response.addRecord(question, Section.QUESTION);
        List<Entry> entries = answers.get(key(question.getName(), question.getType()));
        if (entries == null) {
            response.getHeader().setRcode(errorCode);
        } else {
            entries.forEach(entry -> response.addRecord(entry.record, entry.section));
        }
        return response.toWire();
    }

    private static String key(Name name, int type) {
        return name.toString().toLowerCase(Locale.ROOT) + "/" + type;
    }

    @Override
    public void close() {
        socket.close();
    }
}
