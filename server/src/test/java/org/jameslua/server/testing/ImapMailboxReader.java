package org.jameslua.server.testing;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads what landed in a mailbox over IMAP, one message per FETCH. Written on a raw socket because commons-net's
 * IMAPClient (behind James's TestIMAPClient) mis-parses a FETCH answer carrying several literals.
 * Mailboxes are opened with EXAMINE, so reading never changes flags. Also reads and writes RFC 5464 metadata.
 */
public final class ImapMailboxReader implements AutoCloseable {

    private static final int TIMEOUT_MILLIS = 10_000;
    private static final Pattern LITERAL = Pattern.compile("\\{(\\d+)}$");
    private static final Pattern MESSAGES = Pattern.compile("MESSAGES (\\d+)");
    private static final Pattern QUOTED_VALUE = Pattern.compile("\\(\\S+ \"((?:[^\"\\\\]|\\\\.)*)\"\\)$");

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private int nextTag = 1;

    private ImapMailboxReader(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new BufferedInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    public static ImapMailboxReader login(String host, int port, String user, String password) throws IOException {
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(host, port), TIMEOUT_MILLIS);
            socket.setSoTimeout(TIMEOUT_MILLIS);
            ImapMailboxReader reader = new ImapMailboxReader(socket);
            reader.readLine(); // greeting
            reader.execute("LOGIN " + quoted(user) + " " + quoted(password));
            return reader;
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    public int messageCount(String mailbox) throws IOException {
        for (String line : execute("STATUS " + quoted(mailbox) + " (MESSAGES)").lines) {
            Matcher matcher = MESSAGES.matcher(line);
            if (line.startsWith("* STATUS") && matcher.find()) {
                return Integer.parseInt(matcher.group(1));
            }
        }
        throw new IOException("No MESSAGES count in STATUS answer for " + mailbox);
    }

    /** The full RFC 5322 text of message number {@code sequenceNumber} (1-based). */
    public String readMessage(String mailbox, int sequenceNumber) throws IOException {
        execute("EXAMINE " + quoted(mailbox));
        List<byte[]> literals = execute("FETCH " + sequenceNumber + " (BODY.PEEK[])").literals;
        if (literals.size() != 1) {
            throw new IOException("Expected one literal for message " + sequenceNumber + ", got " + literals.size());
        }
        return new String(literals.get(0), StandardCharsets.UTF_8);
    }

    /** RFC 5464 SETMETADATA of one entry, e.g. {@code /private/vendor/jameslua/acceptmail}. */
    public void setMetadata(String mailbox, String entry, String value) throws IOException {
        execute("SETMETADATA " + quoted(mailbox) + " (" + entry + " " + quoted(value) + ")");
    }

    /** RFC 5464 GETMETADATA of one entry; empty when the entry is not set. */
    public Optional<String> metadata(String mailbox, String entry) throws IOException {
        Response response = execute("GETMETADATA " + quoted(mailbox) + " (" + entry + ")");
        if (!response.literals.isEmpty()) {
            return Optional.of(new String(response.literals.get(0), StandardCharsets.UTF_8));
        }
        for (String line : response.lines) {
            Matcher matcher = QUOTED_VALUE.matcher(line);
            if (line.startsWith("* METADATA") && matcher.find()) {
                return Optional.of(matcher.group(1).replaceAll("\\\\(.)", "$1"));
            }
        }
        return Optional.empty();
    }

    private Response execute(String command) throws IOException {
        String tag = "t" + nextTag++;
        out.write((tag + " " + command + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        Response response = new Response();
        while (true) {
            String line = readLineWithLiterals(response.literals);
            if (line.startsWith(tag + " ")) {
                if (!line.startsWith(tag + " OK")) {
                    throw new IOException(command.split(" ")[0] + " failed: " + line);
                }
                return response;
            }
            response.lines.add(line);
        }
    }

    /** A response line with each {n} literal read out of band, so literal bytes cannot be mistaken for lines. */
    private String readLineWithLiterals(List<byte[]> literals) throws IOException {
        StringBuilder line = new StringBuilder(readLine());
        Matcher matcher = LITERAL.matcher(line);
        while (matcher.find()) {
            int size = Integer.parseInt(matcher.group(1));
            byte[] literal = in.readNBytes(size);
            if (literal.length != size) {
                throw new EOFException("IMAP connection closed inside a " + size + "-byte literal");
            }
            literals.add(literal);
            line.append(readLine());
            matcher = LITERAL.matcher(line);
        }
        return line.toString();
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != '\n') {
            if (b == -1) {
                throw new EOFException("IMAP connection closed after: " + line.toString(StandardCharsets.UTF_8));
            }
            line.write(b);
        }
        String text = line.toString(StandardCharsets.UTF_8);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }

    private static String quoted(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    @Override
    public void close() throws IOException {
        try {
            execute("LOGOUT");
        } catch (EOFException e) {
            // James may close the connection after its BYE, before the tagged OK reaches us
        } finally {
            socket.close();
        }
    }

    private static final class Response {
        final List<String> lines = new ArrayList<>();
        final List<byte[]> literals = new ArrayList<>();
    }
}
