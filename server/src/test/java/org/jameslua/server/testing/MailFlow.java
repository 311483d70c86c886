package org.jameslua.server.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Predicate;
import javax.mail.MessagingException;
import javax.mail.Session;
import javax.mail.internet.MimeMessage;
import org.jameslua.server.JamesLuaServer;

/**
 * Mail through a running server as users see it: in over SMTP (optionally after AUTH PLAIN), out of the users'
 * INBOXes over IMAP. Every user it reads has the password {@link JamesLuaServer#DEFAULT_PASSWORD}.
 */
public final class MailFlow {
    private static final String HOST = "127.0.0.1";
    private static final Duration DELIVERY = Duration.ofSeconds(15);
    // how long the mailboxes must stay as expected: long enough for a copy James would deliver twice to show up
    private static final Duration SETTLED = Duration.ofMillis(1500);

    private final JamesLuaServer server;

    public MailFlow(JamesLuaServer server) {
        this.server = server;
    }

    /** Sends a message over SMTP and asserts that the server accepted it. */
    public void send(String from, List<String> recipients, String message) throws IOException {
        try (RawSmtpClient smtp = greeted()) {
            transaction(smtp, from, recipients, message);
        }
    }

    /** The same after {@code AUTH PLAIN} as a local user (who then sends as {@code from}). */
    public void sendAuthenticated(String user, String password, String from, List<String> recipients, String message)
            throws IOException {
        String credentials =
                Base64.getEncoder().encodeToString(("\0" + user + "\0" + password).getBytes(StandardCharsets.UTF_8));
        try (RawSmtpClient smtp = greeted()) {
            assertThat(smtp.command("AUTH PLAIN " + credentials).code()).isEqualTo(235);
            transaction(smtp, from, recipients, message);
        }
    }

    /**
     * Waits until each user's INBOX holds exactly the given number of messages with this subject, and still does
     * a moment later (so that a duplicate or a late copy fails the test); returns them, user by user.
     */
    public Map<String, List<MimeMessage>> awaitDeliveries(String subject, Map<String, Integer> expected) {
        return awaitDeliveries(Map.of(subject, expected)).get(subject);
    }

    /** The same for the messages whose subject passes {@code subject}, e.g. a notice's with the mail's name. */
    public Map<String, List<MimeMessage>> awaitDeliveries(Predicate<String> subject, Map<String, Integer> expected) {
        String asked = "the subject asked";
        return awaitTogether(Map.of(asked, subject), Map.of(asked, expected)).get(asked);
    }

    /**
     * The same for several mails sent together, subject by subject: all must be as expected at once and still be a
     * moment later, so that one wait covers a late copy of any of them.
     */
    public Map<String, Map<String, List<MimeMessage>>> awaitDeliveries(
            Map<String, Map<String, Integer>> expectedBySubject) {
        Map<String, Predicate<String>> subjects = new LinkedHashMap<>();
        expectedBySubject.keySet().forEach(subject -> subjects.put(subject, subject::equals));
        return awaitTogether(subjects, expectedBySubject);
    }

    /** Each named subject's messages, user by user, once the counts of all are as expected and stay so. */
    private Map<String, Map<String, List<MimeMessage>>> awaitTogether(
            Map<String, Predicate<String>> subjects, Map<String, Map<String, Integer>> expected) {
        Map<String, Map<String, List<MimeMessage>>> found = new LinkedHashMap<>();
        // a mailbox read while James is still delivering into it may come back incomplete: read it again
        await().atMost(DELIVERY)
                .during(SETTLED)
                .ignoreExceptionsInstanceOf(IOException.class)
                .untilAsserted(() -> {
                    found.clear();
                    Map<String, Map<String, Integer>> counts = new LinkedHashMap<>();
                    for (Map.Entry<String, Map<String, Integer>> mail : expected.entrySet()) {
                        Map<String, List<MimeMessage>> messages = new LinkedHashMap<>();
                        Map<String, Integer> count = new LinkedHashMap<>();
                        for (String user : mail.getValue().keySet()) {
                            messages.put(user, messages(user, subjects.get(mail.getKey())));
                            count.put(user, messages.get(user).size());
                        }
                        found.put(mail.getKey(), messages);
                        counts.put(mail.getKey(), count);
                    }
                    assertThat(counts).isEqualTo(expected);
                });
        return found;
    }

    /** The one message with this subject that {@code user} got, once the mailboxes settled as {@code expected}. */
    public MimeMessage awaitSingle(String user, String subject, Map<String, Integer> expected) {
        List<MimeMessage> messages = awaitDeliveries(subject, expected).get(user);
        assertThat(messages).hasSize(1);
        return messages.get(0);
    }

    /** The messages in {@code user}'s INBOX whose subject passes {@code subject}. */
    public List<MimeMessage> messages(String user, Predicate<String> subject) throws IOException, MessagingException {
        List<MimeMessage> found = new ArrayList<>();
        for (String raw : rawMessages(user, subject)) {
            found.add(parse(raw));
        }
        return found;
    }

    /** The same as they are stored, byte for byte (read as UTF-8), for what a mailet kept or changed. */
    public List<String> rawMessages(String user, Predicate<String> subject) throws IOException, MessagingException {
        List<String> found = new ArrayList<>();
        try (ImapMailboxReader imap =
                ImapMailboxReader.login(HOST, server.imapPort(), user, JamesLuaServer.DEFAULT_PASSWORD)) {
            int count = imap.messageCount("INBOX");
            for (int i = 1; i <= count; i++) {
                String raw = imap.readMessage("INBOX", i);
                if (subject.test(String.valueOf(parse(raw).getSubject()))) {
                    found.add(raw);
                }
            }
        }
        return found;
    }

    /** Stores a user setting as the user would, over IMAP (RFC 5464), e.g. {@code forwards}. */
    public void setUserSetting(String user, String entry, String value) throws IOException {
        try (ImapMailboxReader imap =
                ImapMailboxReader.login(HOST, server.imapPort(), user, JamesLuaServer.DEFAULT_PASSWORD)) {
            imap.setMetadata("INBOX", "/private/vendor/jameslua/" + entry, value);
        }
    }

    private RawSmtpClient greeted() throws IOException {
        RawSmtpClient smtp = RawSmtpClient.connect(HOST, server.smtpPort());
        try {
            smtp.readReply();
            assertThat(smtp.command("EHLO client.example").code()).isEqualTo(250);
            return smtp;
        } catch (IOException | RuntimeException | Error e) {
            smtp.close();
            throw e;
        }
    }

    private static void transaction(RawSmtpClient smtp, String from, List<String> recipients, String message)
            throws IOException {
        assertThat(smtp.command("MAIL FROM:<" + from + ">").code()).isEqualTo(250);
        for (String recipient : recipients) {
            assertThat(smtp.command("RCPT TO:<" + recipient + ">").code()).isEqualTo(250);
        }
        assertThat(smtp.command("DATA").code()).isEqualTo(354);
        assertThat(smtp.sendMessage(message).code()).isEqualTo(250);
    }

    private static MimeMessage parse(String message) throws MessagingException {
        return new MimeMessage(
                Session.getDefaultInstance(new Properties()),
                new ByteArrayInputStream(message.getBytes(StandardCharsets.UTF_8)));
    }
}
