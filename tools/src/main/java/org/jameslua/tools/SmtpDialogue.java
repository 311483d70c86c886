package org.jameslua.tools;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * Plays a client's side of an SMTP dialogue over a connection and writes the transcript: each client line
 * ({@code C:}), the callbacks the pack made for it (from the {@link CallTrace}), and the reply ({@code S:}).
 *
 * <p>The dialogue is one command per line. After a {@code DATA} the server accepted, the lines up to a line
 * holding only {@code .} are the message (sent as they are: dot-stuffing is the writer's), unless a message
 * file was given, which is then sent in their place (dot-stuffed here) and the dialogue goes on with the next
 * command. The dialogue stops when the server closes the connection.
 */
final class SmtpDialogue {
    private final PrintStream out;
    private final CallTrace trace;
    private final Optional<List<String>> messageFile;

    SmtpDialogue(PrintStream out, CallTrace trace, Optional<List<String>> messageFile) {
        this.out = out;
        this.trace = trace;
        this.messageFile = messageFile;
    }

    /** @return whether the server was still connected when the dialogue ran out */
    boolean play(BufferedReader dialogue, BufferedReader fromServer, OutputStream toServer) throws IOException {
        SmtpReplyReader replies = new SmtpReplyReader(fromServer);
        if (reply(replies).isEmpty()) {
            return false;
        }
        String line;
        while ((line = dialogue.readLine()) != null) {
            out.println("C: " + line);
            if (!send(toServer, line)) {
                return false;
            }
            Optional<String> code = reply(replies);
            if (code.isEmpty()) {
                return false;
            }
            if (line.strip().equalsIgnoreCase("DATA") && code.get().equals("354")) {
                boolean sent =
                        messageFile.isPresent() ? sendMessageFile(toServer) : sendMessageLines(dialogue, toServer);
                if (!sent || reply(replies).isEmpty()) {
                    return false;
                }
            }
        }
        return true;
    }

    private boolean sendMessageFile(OutputStream toServer) {
        List<String> lines = messageFile.get();
        out.println("C: (the message file, " + lines.size() + " lines)");
        for (String line : lines) {
            if (!send(toServer, line.startsWith(".") ? "." + line : line)) {
                return false;
            }
        }
        out.println("C: .");
        return send(toServer, ".");
    }

    private boolean sendMessageLines(BufferedReader dialogue, OutputStream toServer) throws IOException {
        String line;
        while ((line = dialogue.readLine()) != null) {
            out.println("C: " + line);
            if (!send(toServer, line)) {
                return false;
            }
            if (line.equals(".")) {
                return true;
            }
        }
        return true;
    }

    /**
     * Shows the next reply and returns its code, or nothing once the server has closed the connection. After a
     * 421 or a 221 (RFC 5321: the server closes the connection) it waits for the close, so that the dialogue
     * stops there rather than at the next line it writes.
     */
    private Optional<String> reply(SmtpReplyReader replies) throws IOException {
        Optional<List<String>> reply = replies.next();
        if (!showReply(reply)) {
            return Optional.empty();
        }
        List<String> lines = reply.get();
        String code = lines.get(lines.size() - 1)
                .substring(0, Math.min(3, lines.get(lines.size() - 1).length()));
        if ((code.equals("421") || code.equals("221")) && !showReply(replies.next())) {
            return Optional.empty();
        }
        return Optional.of(code);
    }

    private boolean showReply(Optional<List<String>> reply) {
        trace.take().forEach(out::println);
        if (reply.isEmpty()) {
            out.println("(the server closed the connection)");
            return false;
        }
        reply.get().forEach(line -> out.println("S: " + line));
        return true;
    }

    /** @return false when the server has closed the connection (and says so) */
    private boolean send(OutputStream toServer, String line) {
        try {
            toServer.write((line + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            toServer.flush();
            return true;
        } catch (IOException e) {
            trace.take().forEach(out::println);
            out.println("(the server closed the connection)");
            return false;
        }
    }
}
