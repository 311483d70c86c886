package org.jameslua.smtp.session;

import io.netty.buffer.ByteBuf;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jameslua.smtp.data.ScriptDataStart;
import org.jameslua.smtp.envelope.ScriptMailHook;
import org.jameslua.smtp.envelope.ScriptRcptHook;
import org.jameslua.smtp.reply.HeloReplies;

/**
 * The SMTPSVR.LUA callbacks the pack may call while James handles a command line, by verb. A verb not listed here
 * (VRFY, EXPN, an unknown one) can call DoUnrecognised only: James answers VRFY and EXPN itself and hands anything else
 * to its unknown-command handler, whose reply DoUnrecognised may replace. AUTH and STARTTLS are read (James may read
 * the lines after them with line handlers of its own) but have no entry: their lines always go to a worker.
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

    private static final List<String> UNRECOGNISED = List.of("DoUnrecognised");

    private static final List<String> VERBS = Stream.concat(BY_VERB.keySet().stream(), Stream.of("AUTH", "STARTTLS"))
            .collect(Collectors.toUnmodifiableList());

    private CommandCallbacks() {}

    /**
     * The callbacks a command line may run, given its {@link #verb}: a listed verb's own, DoUnrecognised for a verb not
     * listed; none (empty) for AUTH and STARTTLS, whose lines go to a worker whatever the script defines.
     */
    static Optional<List<String>> of(Optional<String> verb) {
        return verb.isEmpty() ? Optional.of(UNRECOGNISED) : Optional.ofNullable(BY_VERB.get(verb.get()));
    }

    /**
     * The line's first word, upper case, if it is one of the verbs the session's work tells apart: those listed
     * here, AUTH and STARTTLS. The word is the one James takes for the verb: it trims the line (every byte up to a
     * space, control bytes included, at either end) and cuts it at the first space; read otherwise, {@code
     * " STARTTLS"} or {@code "STARTTLS\0"} reached James's STARTTLS without the session's reading being held for
     * it, and {@code "\tAUTH LOGIN"} let the exchange's next lines pass for commands. Compared in place: every line
     * of a message passes here.
     */
    static Optional<String> verb(ByteBuf line) {
        int start = line.readerIndex();
        int limit = line.writerIndex();
        while (start < limit && trimmedByJames(line.getByte(start))) {
            start++;
        }
        while (limit > start && trimmedByJames(line.getByte(limit - 1))) {
            limit--;
        }
        int end = start;
        while (end < limit && end - start <= LONGEST_VERB && line.getByte(end) != ' ') {
            end++;
        }
        for (String verb : VERBS) {
            if (verb.length() == end - start && isWord(line, start, verb)) {
                return Optional.of(verb);
            }
        }
        return Optional.empty();
    }

    // what String.trim removes, as James decodes the line to a String and trims it before reading its verb
    private static boolean trimmedByJames(byte b) {
        return (b & 0xff) <= ' ';
    }

    // the verbs are letters only: a byte matches its letter in either case
    private static boolean isWord(ByteBuf line, int start, String verb) {
        for (int i = 0; i < verb.length(); i++) {
            if ((line.getByte(start + i) & ~0x20) != verb.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
