package org.jameslua.benchmarks.load;

import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;

/**
 * The load's mail, like the mail a company server receives: each message from one of the mailboxes to one (three
 * in four) or three others, with its own Message-ID, Date and Subject, a plain text part of 0.5 to 3 KB, and one
 * in five a PDF attachment of 8 to 48 KB (multipart/mixed, base64). Message {@code n} of a seed is always the same
 * message, so every configuration receives the same mail.
 */
final class MailGenerator {
    static final String DOMAIN = "bench.local";
    private static final String[] WORDS = ("the report for this quarter shows that our customers in the northern "
                    + "region ordered more than last year while costs of shipping went up please find attached figures and "
                    + "let me know before friday whether the meeting can move to tuesday afternoon thanks regards team budget "
                    + "project delivery invoice contract review schedule draft final version update")
            .split(" ");
    private static final String[] SUBJECTS = {
        "Quarterly figures",
        "Meeting on Tuesday",
        "Invoice",
        "Re: contract",
        "Draft for review",
        "Shipping costs",
        "Project update",
        "Fwd: schedule"
    };
    private static final DateTimeFormatter DATE = DateTimeFormatter.RFC_1123_DATE_TIME;

    private final int mailboxes;
    private final long seed;

    MailGenerator(int mailboxes, long seed) {
        this.mailboxes = mailboxes;
        this.seed = seed;
    }

    static String mailbox(int index) {
        return String.format("user%03d@%s", index, DOMAIN);
    }

    Mail mail(int n) {
        Random random = new Random(seed * 1_000_003L + n);
        String sender = mailbox(random.nextInt(mailboxes));
        List<String> recipients = new ArrayList<>();
        int count = random.nextInt(4) == 0 ? 3 : 1;
        while (recipients.size() < count) {
            String recipient = mailbox(random.nextInt(mailboxes));
            if (!recipients.contains(recipient) && !recipient.equals(sender)) {
                recipients.add(recipient);
            }
        }
        String subject = SUBJECTS[random.nextInt(SUBJECTS.length)] + " " + (1000 + n);
        StringBuilder message = new StringBuilder()
                .append("Message-ID: <")
                .append(seed)
                .append('.')
                .append(n)
                .append('.')
                .append(Long.toHexString(random.nextLong() & Long.MAX_VALUE))
                .append("@client.bench.example>\r\n")
                .append("Date: ")
                .append(DATE.format(ZonedDateTime.now(ZoneOffset.UTC)))
                .append("\r\n")
                .append("From: <")
                .append(sender)
                .append(">\r\n")
                .append("To: ")
                .append(String.join(
                        ", ", recipients.stream().map(r -> "<" + r + ">").toList()))
                .append("\r\n")
                .append("Subject: ")
                .append(subject)
                .append("\r\n")
                .append("MIME-Version: 1.0\r\n");
        String text = text(random, 500 + random.nextInt(2500));
        if (random.nextInt(5) == 0) {
            String boundary = "----=_Part_" + n + "_" + random.nextInt(1_000_000);
            byte[] pdf = new byte[8192 + random.nextInt(40960)];
            random.nextBytes(pdf);
            message.append("Content-Type: multipart/mixed; boundary=\"")
                    .append(boundary)
                    .append("\"\r\n\r\n")
                    .append("--")
                    .append(boundary)
                    .append("\r\n")
                    .append("Content-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: 7bit\r\n\r\n")
                    .append(text)
                    .append("--")
                    .append(boundary)
                    .append("\r\n")
                    .append("Content-Type: application/pdf; name=\"report-")
                    .append(n)
                    .append(".pdf\"\r\n")
                    .append("Content-Disposition: attachment; filename=\"report-")
                    .append(n)
                    .append(".pdf\"\r\n")
                    .append("Content-Transfer-Encoding: base64\r\n\r\n")
                    .append(Base64.getMimeEncoder().encodeToString(pdf))
                    .append("\r\n")
                    .append("--")
                    .append(boundary)
                    .append("--\r\n");
        } else {
            message.append("Content-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: 7bit\r\n\r\n")
                    .append(text);
        }
        return new Mail(sender, recipients, message.toString().getBytes(StandardCharsets.US_ASCII));
    }

    private static String text(Random random, int length) {
        StringBuilder text = new StringBuilder();
        int line = 0;
        while (text.length() < length) {
            String word = WORDS[random.nextInt(WORDS.length)];
            if (line + word.length() > 72) {
                text.append("\r\n");
                line = 0;
            }
            text.append(word).append(' ');
            line += word.length() + 1;
        }
        return text.append("\r\n").toString();
    }

    /** A message as DATA sends it: {@code data} ends with CRLF, holds no line starting with a dot. */
    record Mail(String sender, List<String> recipients, byte[] data) {}
}
