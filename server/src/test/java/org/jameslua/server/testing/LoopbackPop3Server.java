package org.jameslua.server.testing;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * A small POP3 server (RFC 1939: USER/PASS, STAT, LIST, UIDL, RETR, TOP, DELE, NOOP, RSET, QUIT, and CAPA of
 * RFC 2449) on 127.0.0.1 holding messages for remote accounts, for James's FetchMail (javax.mail's POP3
 * provider) to collect. One session at a time; deletions take effect at QUIT, as the RFC says.
 */
public final class LoopbackPop3Server implements AutoCloseable {
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

    private final ServerSocket socket;
    private final Map<String, Maildrop> maildrops = new LinkedHashMap<>();
    private final AtomicInteger sessions = new AtomicInteger();
    private final AtomicInteger uids = new AtomicInteger();
    private final Thread acceptor;

    private LoopbackPop3Server() throws IOException {
        socket = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        acceptor = new Thread(this::serve, "loopback POP3 server");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public static LoopbackPop3Server start() throws IOException {
        return new LoopbackPop3Server();
    }

    public int port() {
        return socket.getLocalPort();
    }

    public synchronized LoopbackPop3Server account(String user, String password) {
        maildrops.put(user, new Maildrop(password));
        return this;
    }

    /** Puts a message (LF or CRLF line ends) into the account's maildrop. */
    public synchronized void deliver(String user, String message) {
        String crlf = message.replace("\r\n", "\n").replace("\n", "\r\n");
        maildrop(user)
                .messages
                .add(new Message("uid-" + uids.incrementAndGet(), crlf.getBytes(StandardCharsets.UTF_8)));
    }

    /** How many messages the account's maildrop holds now. */
    public synchronized int messageCount(String user) {
        return maildrop(user).messages.size();
    }

    /** How many POP3 sessions were opened so far. */
    public int sessions() {
        return sessions.get();
    }

    @Override
    public void close() throws IOException {
        socket.close();
        try {
            acceptor.join(READ_TIMEOUT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Maildrop maildrop(String user) {
        Maildrop maildrop = maildrops.get(user);
        if (maildrop == null) {
            throw new IllegalArgumentException("No account " + user);
        }
        return maildrop;
    }

    private void serve() {
        while (!socket.isClosed()) {
            try (Socket client = socket.accept()) {
                sessions.incrementAndGet();
                client.setSoTimeout(Math.toIntExact(READ_TIMEOUT.toMillis()));
                new Session(new BufferedInputStream(client.getInputStream()), client.getOutputStream()).run();
            } catch (SocketException closed) {
                return;
            } catch (IOException e) {
                // a client that went away mid-session: the next one is served all the same
            }
        }
    }

    private record Message(String uid, byte[] content) {}

    private static final class Maildrop {
        private final String password;
        private final List<Message> messages = new ArrayList<>();

        private Maildrop(String password) {
            this.password = password;
        }
    }

    /** One connection: AUTHORIZATION, then TRANSACTION on a snapshot of the maildrop, then UPDATE at QUIT. */
    private final class Session {
        private final InputStream in;
        private final OutputStream out;
        private String user;
        private List<Message> snapshot;
        private final Set<Integer> deleted = new TreeSet<>();

        private Session(InputStream in, OutputStream out) {
            this.in = in;
            this.out = out;
        }

        void run() throws IOException {
            reply("+OK loopback POP3 server ready");
            String line;
            while ((line = readLine()) != null) {
                String[] words = line.split(" ");
                String command = words[0].toUpperCase();
                if (command.equals("QUIT")) {
                    quit();
                    return;
                }
                if (snapshot == null) {
                    authorization(command, words);
                } else {
                    transaction(command, words);
                }
            }
        }

        private void authorization(String command, String[] words) throws IOException {
            switch (command) {
                case "CAPA" -> multiline("+OK capabilities", List.of("USER", "UIDL", "TOP"));
                case "USER" -> {
                    user = words.length > 1 ? words[1] : null;
                    reply("+OK");
                }
                case "PASS" -> pass(words.length > 1 ? words[1] : "");
                default -> reply("-ERR not in AUTHORIZATION state");
            }
        }

        private void pass(String password) throws IOException {
            synchronized (LoopbackPop3Server.this) {
                Maildrop maildrop = user == null ? null : maildrops.get(user);
                if (maildrop == null || !maildrop.password.equals(password)) {
                    reply("-ERR invalid user or password");
                    return;
                }
                snapshot = List.copyOf(maildrop.messages);
            }
            reply("+OK maildrop has " + snapshot.size() + " messages");
        }

        private void transaction(String command, String[] words) throws IOException {
            switch (command) {
                case "CAPA" -> multiline("+OK capabilities", List.of("USER", "UIDL", "TOP"));
                case "NOOP" -> reply("+OK");
                case "STAT" ->
                    reply("+OK " + live().size() + " "
                            + live().stream().mapToInt(i -> size(i)).sum());
                case "LIST" -> listing(words, number -> number + " " + size(number));
                case "UIDL" ->
                    listing(
                            words,
                            number -> number + " " + snapshot.get(number - 1).uid());
                case "RETR" -> content(words, Integer.MAX_VALUE);
                case "TOP" -> content(words, words.length > 2 ? Integer.parseInt(words[2]) : 0);
                case "DELE" -> {
                    Integer number = message(words);
                    if (number != null) {
                        deleted.add(number);
                        reply("+OK message " + number + " deleted");
                    }
                }
                case "RSET" -> {
                    deleted.clear();
                    reply("+OK");
                }
                default -> reply("-ERR unknown command " + command);
            }
        }

        private void quit() throws IOException {
            if (snapshot != null && !deleted.isEmpty()) {
                synchronized (LoopbackPop3Server.this) {
                    List<Message> gone = deleted.stream()
                            .map(number -> snapshot.get(number - 1))
                            .toList();
                    maildrops.get(user).messages.removeAll(gone);
                }
            }
            reply("+OK bye");
        }

        private void listing(String[] words, IntFunction<String> entry) throws IOException {
            if (words.length > 1) {
                Integer number = message(words);
                if (number != null) {
                    reply("+OK " + entry.apply(number));
                }
                return;
            }
            multiline("+OK", live().stream().map(entry::apply).toList());
        }

        private void content(String[] words, int bodyLines) throws IOException {
            Integer number = message(words);
            if (number == null) {
                return;
            }
            String text = new String(snapshot.get(number - 1).content(), StandardCharsets.UTF_8);
            List<String> lines = new ArrayList<>();
            boolean body = false;
            int bodyCount = 0;
            for (String line : text.split("\r\n", -1)) {
                if (body && bodyCount++ >= bodyLines) {
                    break;
                }
                lines.add(line);
                body |= line.isEmpty();
            }
            if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty() && text.endsWith("\r\n")) {
                lines.remove(lines.size() - 1);
            }
            multiline("+OK " + size(number) + " octets", lines);
        }

        private List<Integer> live() {
            List<Integer> numbers = new ArrayList<>();
            for (int number = 1; number <= snapshot.size(); number++) {
                if (!deleted.contains(number)) {
                    numbers.add(number);
                }
            }
            return numbers;
        }

        private int size(int number) {
            return snapshot.get(number - 1).content().length;
        }

        /** The message number argument, or null after an -ERR reply. */
        private Integer message(String[] words) throws IOException {
            try {
                int number = Integer.parseInt(words[1]);
                if (number >= 1 && number <= snapshot.size() && !deleted.contains(number)) {
                    return number;
                }
            } catch (ArrayIndexOutOfBoundsException | NumberFormatException e) {
                // answered below
            }
            reply("-ERR no such message");
            return null;
        }

        private void multiline(String first, List<String> lines) throws IOException {
            StringBuilder text = new StringBuilder(first).append("\r\n");
            for (String line : lines) {
                // byte-stuffing: a line of the message starting with "." gets one more
                text.append(line.startsWith(".") ? "." : "").append(line).append("\r\n");
            }
            text.append(".\r\n");
            out.write(text.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
        }

        private void reply(String line) throws IOException {
            out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        }

        private String readLine() throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            int b;
            while ((b = in.read()) >= 0) {
                if (b == '\n') {
                    return line.toString(StandardCharsets.UTF_8).stripTrailing();
                }
                line.write(b);
            }
            return null;
        }
    }
}
