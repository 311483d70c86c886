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
        if (!reply(replies)) {
            return false;
        }
        String line;
        while ((line = dialogue.readLine()) != null) {
            send(toServer, line);
            out.println("C: " + line);
            if (!line.strip().equalsIgnoreCase("DATA")) {
                if (!reply(replies)) {
                    return false;
                }
                continue;
            }
            Optional<List<String>> goAhead = replies.next();
            if (!showReply(goAhead)) {
                return false;
            }
            if (!goAhead.get().get(0).startsWith("354")) {
                continue;
            }
            if (messageFile.isPresent()) {
                sendMessageFile(toServer);
            } else {
                sendMessageLines(dialogue, toServer);
            }
            if (!reply(replies)) {
                return false;
            }
        }
        return true;
    }

    private void sendMessageFile(OutputStream toServer) throws IOException {
        List<String> lines = messageFile.get();
        for (String line : lines) {
            send(toServer, line.startsWith(".") ? "." + line : line);
        }
        send(toServer, ".");
        out.println("C: (the message file, " + lines.size() + " lines)");
        out.println("C: .");
    }

    private void sendMessageLines(BufferedReader dialogue, OutputStream toServer) throws IOException {
        String line;
        while ((line = dialogue.readLine()) != null) {
            send(toServer, line);
            out.println("C: " + line);
            if (line.equals(".")) {
                return;
            }
        }
    }

    private boolean reply(SmtpReplyReader replies) throws IOException {
        return showReply(replies.next());
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

    private static void send(OutputStream toServer, String line) throws IOException {
        toServer.write((line + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        toServer.flush();
    }
}
