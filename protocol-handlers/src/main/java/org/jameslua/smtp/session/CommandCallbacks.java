package org.jameslua.smtp.session;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jameslua.smtp.data.ScriptDataStart;
import org.jameslua.smtp.envelope.ScriptMailHook;
import org.jameslua.smtp.envelope.ScriptRcptHook;
import org.jameslua.smtp.reply.HeloReplies;

/**
 * The SMTPSVR.LUA callbacks the pack may call while James handles a command line, by verb; for the verbs listed
 * here only. Any other verb (AUTH, which asks PASSWORDCHECK.LUA, STARTTLS, VRFY, EXPN, an unknown one with its
 * DoUnrecognised) is not listed, and {@link #of} answers empty: its line always goes to a worker.
 */
final class CommandCallbacks {
    // STARTTLS
    private static final int LONGEST_VERB = 8;
    private static final Map<String, List<String>> BY_VERB = Map.of(
            "HELO", List.of(HeloReplies.DO_HELO, HeloReplies.CAPABILITIES, MaxMessageSize.CALLBACK),
            "EHLO", List.of(HeloReplies.DO_HELO, HeloReplies.CAPABILITIES, MaxMessageSize.CALLBACK),
            "MAIL", List.of(ScriptMailHook.CALLBACK),
            "RCPT", List.of(ScriptRcptHook.CALLBACK),
            "DATA", List.of(ScriptDataStart.CALLBACK),
            "RSET", List.of("DoRSET"),
            "NOOP", List.of("DoNOOP"),
            "HELP", List.of("DoHELP"),
            "QUIT", List.of("DoQUIT"));

    private CommandCallbacks() {}

    /** The callbacks a command may run, if its verb is one of those listed. */
    static Optional<List<String>> of(String verb) {
        return Optional.ofNullable(BY_VERB.get(verb));
    }

    /** The line's first word, upper case, if it is short enough to be an SMTP verb. */
    static Optional<String> verb(ByteBuf line) {
        int start = line.readerIndex();
        int end = start;
        while (end < line.writerIndex() && end - start <= LONGEST_VERB) {
            byte b = line.getByte(end);
            if (b == ' ' || b == '\r' || b == '\n') {
                break;
            }
            end++;
        }
        if (end - start > LONGEST_VERB || end == start) {
            return Optional.empty();
        }
        return Optional.of(
                line.toString(start, end - start, StandardCharsets.US_ASCII).toUpperCase(Locale.ROOT));
    }
}
