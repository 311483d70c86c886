package org.jameslua.tools;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The command line of james-lua-run's modes that need James:
 *
 * <pre>
 * james-lua-run [--folder DIR] --smtp [--from IP] [--message FILE.eml] SMTPSVR.LUA
 * james-lua-run [--folder DIR] --mail FILE.eml [--user NAME] [--sender ADDRESS] [--rcpt ADDRESS]... [--error TEXT]
 *               --script SCRIPT
 * </pre>
 */
record ToolArguments(
        Mode mode,
        Path folder,
        Optional<String> from,
        Optional<Path> message,
        Optional<String> user,
        Optional<String> sender,
        List<String> recipients,
        Optional<String> error,
        String script) {

    enum Mode {
        SMTP,
        MAIL
    }

    static final String USAGE = String.join(
            "\n",
            "Usage: james-lua-run [--folder DIR] --smtp [--from IP] [--message FILE.eml] SMTPSVR.LUA",
            "   or: james-lua-run [--folder DIR] --mail FILE.eml [--user NAME] [--sender ADDRESS]",
            "                     [--rcpt ADDRESS]... [--error TEXT] --script SCRIPT",
            "",
            "  --smtp     plays the SMTP dialogue read from standard input (one client line a line; after DATA the",
            "             message up to a line '.') against James's SMTP server with the pack's handlers and",
            "             SMTPSVR.LUA of the folder, in this process on loopback, and prints each client line (C:),",
            "             the callbacks called for it with their arguments and returns, and the reply (S:)",
            "  --from IP  the client's address: a loopback address, 127.0.0.2 unless given; 127.0.0.1 is the",
            "             server's authorizedAddresses (a client that may relay)",
            "  --message FILE.eml  sent after the DATA the server accepts, in place of message lines on stdin",
            "",
            "  --mail FILE.eml  runs SCRIPT's mailet (USER_REDIRECT.LUA, SIGNATURE.LUA, ERRORS.LUA, RELAYOUT.LUA,",
            "             MXOUT.LUA or POP3CLT.LUA) on the message and prints what it decided; settings and users",
            "             come from the folder's files (settings.properties, users.txt, usersettings/)",
            "  --user NAME  a local user for this run besides users.txt's: for USER_REDIRECT.LUA a recipient, for",
            "             SIGNATURE.LUA the user who sent the mail (authenticated)",
            "  --rcpt ADDRESS  a recipient (repeatable; default: the message's To, Cc and Bcc)",
            "  --sender ADDRESS  the envelope sender (default: the message's first From address)",
            "  --error TEXT  the error the mail failed with (for ERRORS.LUA)",
            "");

    static final class UsageException extends Exception {
        UsageException(String message) {
            super(message);
        }
    }

    static boolean wanted(List<String> args) {
        return args.contains("--smtp") || args.contains("--mail");
    }

    static ToolArguments parse(List<String> args) throws UsageException {
        Mode mode = null;
        Path folder = Path.of(".");
        Optional<String> from = Optional.empty();
        Optional<Path> message = Optional.empty();
        Optional<String> user = Optional.empty();
        Optional<String> sender = Optional.empty();
        List<String> recipients = new ArrayList<>();
        Optional<String> error = Optional.empty();
        String script = null;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            switch (arg) {
                case "--smtp" -> mode = Mode.SMTP;
                case "--mail" -> {
                    mode = Mode.MAIL;
                    message = Optional.of(Path.of(value(args, ++i, arg)));
                }
                case "--folder" -> folder = Path.of(value(args, ++i, arg));
                case "--from" -> from = Optional.of(value(args, ++i, arg));
                case "--message" -> message = Optional.of(Path.of(value(args, ++i, arg)));
                case "--user" -> user = Optional.of(value(args, ++i, arg));
                case "--sender" -> sender = Optional.of(value(args, ++i, arg));
                case "--rcpt" -> recipients.add(value(args, ++i, arg));
                case "--error" -> error = Optional.of(value(args, ++i, arg));
                case "--script" -> script = value(args, ++i, arg);
                default -> {
                    if (arg.startsWith("--") || script != null) {
                        throw new UsageException("unexpected argument " + arg);
                    }
                    script = arg;
                }
            }
        }
        if (mode == null || script == null) {
            throw new UsageException("a mode (--smtp or --mail) and a script are needed");
        }
        if (mode == Mode.SMTP
                && (user.isPresent() || sender.isPresent() || !recipients.isEmpty() || error.isPresent())) {
            throw new UsageException("--user, --sender, --rcpt and --error go with --mail");
        }
        if (mode == Mode.MAIL && from.isPresent()) {
            throw new UsageException("--from goes with --smtp");
        }
        return new ToolArguments(mode, folder, from, message, user, sender, List.copyOf(recipients), error, script);
    }

    private static String value(List<String> args, int index, String option) throws UsageException {
        if (index >= args.size()) {
            throw new UsageException(option + " needs a value");
        }
        return args.get(index);
    }
}
