package org.jameslua.tools;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;
import org.apache.james.core.MailAddress;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeName;
import org.apache.mailet.Mail;
import org.apache.mailet.base.test.FakeMailContext;

/**
 * What a mailet decided about a mail, read off the mail and the mailet context after the mailet ran: where the
 * mail goes on (its recipients and processor), the mails the mailet sent (forwards, notices, a held mail),
 * the attributes it set (a priority) and the lines it added to the message (a signature, headers).
 */
record MailDecision(
        List<String> recipientsBefore,
        List<String> recipientsAfter,
        String stateBefore,
        String stateAfter,
        Map<AttributeName, Attribute> attributesBefore,
        Map<AttributeName, Attribute> attributesAfter,
        List<String> messageBefore,
        List<String> messageAfter,
        List<FakeMailContext.SentMail> sent) {

    /** The mail as it was before the mailet ran; {@link #after} completes the picture. */
    static MailDecision before(Mail mail) throws MessagingException, IOException {
        return new MailDecision(
                addresses(mail.getRecipients()),
                List.of(),
                mail.getState(),
                null,
                new HashMap<>(mail.attributesMap()),
                Map.of(),
                lines(mail.getMessage()),
                List.of(),
                List.of());
    }

    MailDecision after(Mail mail, List<FakeMailContext.SentMail> sentMails) throws MessagingException, IOException {
        return new MailDecision(
                recipientsBefore,
                addresses(mail.getRecipients()),
                stateBefore,
                mail.getState(),
                attributesBefore,
                new HashMap<>(mail.attributesMap()),
                messageBefore,
                lines(mail.getMessage()),
                List.copyOf(sentMails));
    }

    void print(PrintStream out) throws MessagingException {
        if (Mail.GHOST.equals(stateAfter)) {
            out.println("the mail goes no further (state ghost): nothing is delivered from it");
        } else {
            out.println("the mail goes on to: " + String.join(", ", recipientsAfter)
                    + (recipientsAfter.equals(recipientsBefore) ? " (its recipients, unchanged)" : ""));
            if (!Objects.equals(stateBefore, stateAfter)) {
                out.println("in processor: " + stateAfter);
            }
        }
        attributesAfter.forEach((name, attribute) -> {
            if (!attribute.equals(attributesBefore.get(name))) {
                out.println("attribute set: " + name.asString() + " = "
                        + attribute.getValue().value());
            }
        });
        List<String> added = added(messageBefore, messageAfter);
        if (!added.isEmpty()) {
            out.println("lines added to the message:");
            added.forEach(line -> out.println("  + " + line));
        }
        for (FakeMailContext.SentMail mail : sent) {
            out.println(sentText(mail));
        }
    }

    private static String sentText(FakeMailContext.SentMail mail) throws MessagingException {
        StringBuilder text = new StringBuilder("sends a mail from ")
                .append(mail.getSender() == null ? "<>" : mail.getSender().asString())
                .append(" to ")
                .append(String.join(", ", addresses(mail.getRecipients())));
        if (mail.getState() != null && !Mail.DEFAULT.equals(mail.getState())) {
            text.append(", into processor ").append(mail.getState());
        }
        mail.getDelay()
                .ifPresent(delay -> text.append(", held for ")
                        .append(delay.getTimeUnit().toSeconds(delay.getDuration()))
                        .append(" s"));
        mail.getSubject()
                .ifPresent(
                        subject -> text.append(", subject \"").append(subject).append('"'));
        return text.toString();
    }

    /** The lines of {@code after} that are not in {@code before}, in order (each line of before used once). */
    private static List<String> added(List<String> before, List<String> after) {
        Map<String, Integer> available = new HashMap<>();
        before.forEach(line -> available.merge(line, 1, Integer::sum));
        List<String> added = new ArrayList<>();
        for (String line : after) {
            Integer left = available.get(line);
            if (left == null || left == 0) {
                added.add(line);
            } else {
                available.put(line, left - 1);
            }
        }
        return added;
    }

    private static List<String> addresses(java.util.Collection<MailAddress> addresses) {
        return addresses.stream().map(MailAddress::asString).collect(Collectors.toList());
    }

    private static List<String> lines(MimeMessage message) throws MessagingException, IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        message.writeTo(bytes);
        return bytes.toString(StandardCharsets.ISO_8859_1).lines().toList();
    }
}
