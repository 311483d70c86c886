package org.jameslua.server.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Pattern;
import org.jameslua.server.JamesLuaServer;
import org.jameslua.server.testing.JamesLuaServerExtension;
import org.jameslua.server.testing.MailFlow;
import org.jameslua.server.testing.RawSmtpClient;
import org.jameslua.server.testing.SmtpReply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * "Bad input": random SMTP dialogues (long lines, binary bytes, odd MAIL and RCPT parameters, pipelined
 * commands, connections dropped mid-command or mid-DATA) against the real James running the sample
 * {@code SMTPSVR.LUA}, a fixed number of sessions however fast the machine. Every command gets a well-formed SMTP
 * reply (a hang, or a connection the server closes without one, fails the test); between fuzzed sessions good mail
 * is sent, and all of it must be delivered. The seed is printed, and given with {@code -Dsmtp.fuzz.seed=} replays
 * a run; {@code -Dsmtp.fuzz.sessions=} runs more sessions.
 */
class SmtpFuzzTest {
    private static final String HOST = "127.0.0.1";
    private static final String FUZZ_USER = "fuzz@example.local";
    private static final String GOOD_USER =
            JamesLuaServer.DEFAULT_USER_LOCAL_PART + "@" + JamesLuaServer.DEFAULT_DOMAIN;
    private static final int SESSIONS = Integer.getInteger("smtp.fuzz.sessions", 80);
    private static final int GOOD_MAIL_EVERY = 10;
    private static final Duration REPLY_TIMEOUT = Duration.ofSeconds(20);
    /**
     * Framing, as a client reads it: lines end at LF. The text may hold any other byte: James's "500 5.5.1 Command
     * ... unrecognized." echoes the client's bytes, a lone CR included.
     */
    private static final Pattern REPLY_LINE = Pattern.compile("[2-5]\\d\\d([ -].*)?", Pattern.DOTALL);

    private static final String[] VERBS = {
        "HELO",
        "EHLO",
        "MAIL FROM:",
        "RCPT TO:",
        "DATA",
        "RSET",
        "NOOP",
        "QUIT",
        "VRFY",
        "EXPN",
        "HELP",
        "AUTH PLAIN",
        "AUTH LOGIN",
        "BDAT",
        "XYZZY",
        "",
        "mail from:",
        "Rcpt To:"
    };
    private static final String[] ODD_ADDRESSES = {
        "<>",
        "<<>>",
        "",
        "<",
        ">",
        "<a@b>",
        "<@route,@x:a@example.com>",
        "<\"quoted \\\" name\"@example.com>",
        "<" + FUZZ_USER + ">",
        "<" + FUZZ_USER.toUpperCase() + ">",
        "<postmaster>",
        "<a@[127.0.0.1]>",
        "<a@[IPv6:::1]>",
        "<caf\u00e9@example.local>",
        "<a@b.c> <d@e.f>",
        "<%s>",
        "<a@-bad-.example>",
        "<a@" + "x".repeat(300) + ".example>",
        "<" + "x".repeat(2000) + "@e.x>"
    };
    private static final String[] ODD_PARAMETERS = {
        "",
        " SIZE=-1",
        " SIZE=99999999999999999999999",
        " SIZE=",
        " SIZE=1e9",
        " BODY=8BITMIME",
        " BODY=BINARYMIME",
        " BODY=",
        " SMTPUTF8",
        " RET=FULL ENVID=x+2Bz",
        " AUTH=<>",
        " NOTIFY=NEVER,SUCCESS",
        " ORCPT=rfc822;a@b",
        " =",
        " X=" + "y".repeat(1000),
        " SIZE=10 SIZE=20",
        "\tSIZE=5",
        " \u0000",
        " SIZE=100000000"
    };

    @RegisterExtension
    static JamesLuaServerExtension james =
            new JamesLuaServerExtension(builder -> builder.user(FUZZ_USER, JamesLuaServer.DEFAULT_PASSWORD));

    @Test
    void randomDialoguesGetWellFormedRepliesAndGoodMailIsStillDelivered(JamesLuaServer server) throws Exception {
        long seed = Long.getLong("smtp.fuzz.seed", System.nanoTime());
        System.out.println("SMTP fuzz seed " + seed + " (replay with -Dsmtp.fuzz.seed=" + seed + ")");
        Random random = new Random(seed);
        MailFlow mail = new MailFlow(server);
        Fuzzer fuzzer = new Fuzzer(server.smtpPort(), random);
        int good = 0;
        for (int session = 0; session < SESSIONS; session++) {
            fuzzer.session();
            if (session % GOOD_MAIL_EVERY == 0) {
                mail.send(
                        "sender@client.example",
                        List.of(GOOD_USER),
                        "Subject: fuzz good " + good + "\r\n\r\nDelivered between fuzzed sessions.\r\n");
                good++;
            }
        }
        mail.send("sender@client.example", List.of(GOOD_USER), "Subject: fuzz good " + good + "\r\n\r\nLast.\r\n");
        good++;

        System.out.printf(
                "SMTP fuzz: %d sessions, %d replies, %d ended by the server, %d good mails%n",
                fuzzer.sessions, fuzzer.replies, fuzzer.endedByServer, good);
        assertThat(fuzzer.problems).as("seed " + seed).isEmpty();
        mail.awaitDeliveries(subject -> subject.startsWith("fuzz good"), Map.of(GOOD_USER, good));
    }

    /** One fuzzed session after another, noting every reply that is not an SMTP reply and every hang. */
    private static final class Fuzzer {
        final List<String> problems = new ArrayList<>();
        int sessions;
        int replies;
        /** sessions the server ended with a 221 or 421 reply, or James's fatal-error 451 */
        int endedByServer;

        private final int port;
        private final Random random;
        private final StringBuilder transcript = new StringBuilder();

        Fuzzer(int port, Random random) {
            this.port = port;
            this.random = random;
        }

        void session() throws IOException {
            sessions++;
            transcript.setLength(0);
            try (RawSmtpClient smtp = RawSmtpClient.connect(HOST, port, REPLY_TIMEOUT, REPLY_TIMEOUT)) {
                reply(smtp);
                int steps = 1 + random.nextInt(12);
                for (int step = 0; step < steps; step++) {
                    if (!step(smtp)) {
                        return;
                    }
                }
            } catch (EOFException | SocketException closed) {
                problems.add("connection closed without a reply (" + closed + ") after:\n" + transcript);
            } catch (SocketTimeoutException hang) {
                problems.add("no reply within " + REPLY_TIMEOUT + " after:\n" + transcript);
            }
        }

        /** One random step; false when the session is over. */
        private boolean step(RawSmtpClient smtp) throws IOException {
            switch (random.nextInt(10)) {
                case 0:
                    return command(
                            smtp,
                            (random.nextBoolean() ? "EHLO " : "HELO ")
                                    + pick(new String[] {
                                        "client.example",
                                        "nodot",
                                        "[127.0.0.1]",
                                        "",
                                        "x".repeat(600),
                                        "caf\u00e9.example"
                                    }));
                case 1:
                    return command(smtp, "MAIL FROM:" + pick(ODD_ADDRESSES) + pick(ODD_PARAMETERS));
                case 2:
                    return command(smtp, "RCPT TO:" + pick(ODD_ADDRESSES) + pick(ODD_PARAMETERS));
                case 3:
                    return transaction(smtp);
                case 4:
                    return line(smtp, randomBytes(1 + random.nextInt(200)));
                case 5:
                    return line(smtp, ascii(pick(VERBS) + " " + "A".repeat(random.nextInt(20_000))));
                case 6:
                    return pipelined(smtp);
                case 7:
                    smtp.sendBytes(ascii(pick(VERBS) + " half a comm"));
                    return false;
                case 8:
                    return command(smtp, pick(VERBS) + pick(ODD_PARAMETERS));
                default:
                    return command(smtp, pick(new String[] {"NOOP", "RSET", "HELP", "VRFY " + FUZZ_USER, "QUIT"}));
            }
        }

        /** A whole transaction to the fuzz user, the body fuzzed too; sometimes dropped in the middle of DATA. */
        private boolean transaction(RawSmtpClient smtp) throws IOException {
            if (!command(smtp, "EHLO client.example")
                    || !command(smtp, "MAIL FROM:<s@client.example>")
                    || !command(smtp, "RCPT TO:<" + FUZZ_USER + ">")) {
                return false;
            }
            SmtpReply data = commandReply(smtp, "DATA");
            if (data == null || data.code() != 354) {
                return data != null;
            }
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            body.writeBytes(ascii(pick(new String[] {
                "Subject: fuzz\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: text/plain;"
                        + " name=setup.exe\r\nContent-Transfer-Encoding: base64\r\n\r\n!!!!\r\n--b",
                "Subject: " + "s".repeat(5000) + "\r\n\r\n",
                "Content-Type: multipart/mixed; boundary=\"\"\r\n\r\n--\r\n--\r\n",
                ""
            })));
            body.writeBytes(ascii("\r\n"));
            for (int i = random.nextInt(20); i > 0; i--) {
                body.writeBytes(random.nextBoolean() ? randomBytes(random.nextInt(3000)) : ascii(".."));
                body.writeBytes(ascii("\r\n"));
            }
            if (random.nextInt(5) == 0) {
                smtp.sendBytes(body.toByteArray());
                return false;
            }
            body.writeBytes(ascii(".\r\n"));
            smtp.sendBytes(body.toByteArray());
            return reply(smtp) != null;
        }

        /** Several commands in one write, then one reply for each (RFC 2920; DATA, which must come last, left out). */
        private boolean pipelined(RawSmtpClient smtp) throws IOException {
            String[] batch = {
                "RSET",
                "MAIL FROM:" + pick(ODD_ADDRESSES) + pick(ODD_PARAMETERS),
                "RCPT TO:<" + FUZZ_USER + ">",
                "RCPT TO:" + pick(ODD_ADDRESSES),
                "NOOP"
            };
            int count = 1 + random.nextInt(batch.length);
            StringBuilder wire = new StringBuilder();
            for (int i = 0; i < count; i++) {
                wire.append(batch[i]).append("\r\n");
            }
            transcript.append("> ").append(wire);
            smtp.sendBytes(wire.toString().getBytes(StandardCharsets.UTF_8));
            for (int i = 0; i < count; i++) {
                if (reply(smtp) == null) {
                    return false;
                }
            }
            return true;
        }

        private boolean command(RawSmtpClient smtp, String line) throws IOException {
            return answered(smtp, commandReply(smtp, line)) && !isQuit(line);
        }

        /** James ends the session after its reply to any QUIT, a 500 to one with an argument included. */
        private static boolean isQuit(String line) {
            return line.regionMatches(true, 0, "QUIT", 0, 4);
        }

        private SmtpReply commandReply(RawSmtpClient smtp, String line) throws IOException {
            transcript.append("> ").append(shortened(line)).append('\n');
            smtp.sendLine(line);
            return reply(smtp);
        }

        /** A random line that happened to be an accepted DATA: an empty message ends it, so replies stay in step. */
        private boolean answered(RawSmtpClient smtp, SmtpReply reply) throws IOException {
            if (reply == null) {
                return false;
            }
            if (reply.code() == 354) {
                transcript.append("> .\n");
                smtp.sendBytes(ascii(".\r\n"));
                return reply(smtp) != null;
            }
            return true;
        }

        private boolean line(RawSmtpClient smtp, byte[] bytes) throws IOException {
            transcript.append("> ").append(bytes.length).append(" bytes\n");
            ByteArrayOutputStream wire = new ByteArrayOutputStream();
            wire.writeBytes(bytes);
            wire.writeBytes(ascii("\r\n"));
            smtp.sendBytes(wire.toByteArray());
            return answered(smtp, reply(smtp)) && !isQuit(new String(bytes, StandardCharsets.ISO_8859_1));
        }

        /** Reads one reply and checks its form; null when the server ended the session (QUIT, or by itself). */
        private SmtpReply reply(RawSmtpClient smtp) throws IOException {
            SmtpReply reply = smtp.readReply();
            replies++;
            transcript.append("< ").append(shortened(reply.toString())).append('\n');
            String code =
                    reply.lines().get(0).length() >= 3 ? reply.lines().get(0).substring(0, 3) : "";
            for (int i = 0; i < reply.lines().size(); i++) {
                String line = reply.lines().get(i);
                boolean last = i == reply.lines().size() - 1;
                if (!REPLY_LINE.matcher(line).matches() || !line.startsWith(code) || (!last && line.charAt(3) != '-')) {
                    problems.add("malformed reply line \"" + shortened(line) + "\" after:\n" + transcript);
                    return null;
                }
            }
            // 451 "Unable to process request" is James's own fatal-error reply: its channel handler sends it and
            // closes the connection when a handler throws (James 3.8.1's AuthCmdHandler does on a username over 255
            // characters), with or without the pack.
            if (reply.code() == 221 || reply.code() == 421 || isJamesFatalError(reply)) {
                endedByServer++;
                return null;
            }
            return reply;
        }

        private boolean isJamesFatalError(SmtpReply reply) {
            return reply.code() == 451 && reply.lines().get(0).endsWith("Unable to process request");
        }

        private byte[] randomBytes(int length) {
            byte[] bytes = new byte[length];
            random.nextBytes(bytes);
            for (int i = 0; i < bytes.length; i++) {
                if (bytes[i] == '\n') {
                    bytes[i] = '\r';
                }
            }
            return bytes;
        }

        private <T> T pick(T[] items) {
            return items[random.nextInt(items.length)];
        }

        private static byte[] ascii(String text) {
            return text.getBytes(StandardCharsets.UTF_8);
        }

        private static String shortened(String text) {
            return text.length() > 200 ? text.substring(0, 200) + "... (" + text.length() + " characters)" : text;
        }
    }
}
