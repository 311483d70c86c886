package org.jameslua.distribution;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A plain IMAP4rev1 client: LOGIN, the messages of INBOX, RFC 5464 SETMETADATA. */
final class ImapSession implements AutoCloseable {
    private static final Pattern LITERAL = Pattern.compile("\\{(\\d+)}$");

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private int tag;

    private ImapSession(Socket socket) throws IOException {
        this.socket = socket;
        this.socket.setSoTimeout(30_000);
        this.in = new BufferedInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    static ImapSession login(int port, String user, String password) throws IOException {
        ImapSession imap = new ImapSession(new Socket(LoopbackConf.HOST, port));
        imap.line();
        imap.execute("LOGIN " + quoted(user) + " " + quoted(password));
        return imap;
    }

    /** The full text of every message in INBOX, which must hold one at least. */
    List<String> inbox() throws IOException {
        examineInbox();
        return execute("FETCH 1:* (BODY.PEEK[])");
    }

    /** Opens INBOX read-only, as a mail client does after logging in. */
    void examineInbox() throws IOException {
        execute("EXAMINE INBOX");
    }

    void setMetadata(String mailbox, String entry, String value) throws IOException {
        execute("SETMETADATA " + quoted(mailbox) + " (" + entry + " " + quoted(value) + ")");
    }

    /** The literals of the tagged command's answer; an IOException unless it ends OK. */
    private List<String> execute(String command) throws IOException {
        String expected = "t" + ++tag;
        out.write((expected + " " + command + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        List<String> literals = new ArrayList<>();
        while (true) {
            String line = line();
            Matcher literal = LITERAL.matcher(line);
            if (literal.find()) {
                literals.add(new String(in.readNBytes(Integer.parseInt(literal.group(1))), StandardCharsets.UTF_8));
            } else if (line.startsWith(expected + " ")) {
                if (!line.startsWith(expected + " OK")) {
                    throw new IOException(command + ": " + line);
                }
                return literals;
            }
        }
    }

    private String line() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != '\n') {
            if (b < 0) {
                throw new IOException("connection closed");
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.UTF_8);
    }

    private static String quoted(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
