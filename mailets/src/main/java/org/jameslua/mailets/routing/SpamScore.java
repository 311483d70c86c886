package org.jameslua.mailets.routing;

import java.util.Optional;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;
import org.apache.mailet.AttributeName;
import org.apache.mailet.Mail;
import org.jameslua.mailets.mail.MailFacts;

/**
 * A message's spam score, for USER_REDIRECT.LUA's {@code SpamScore} and {@code SpamScoreValid}. James has no
 * score of its own; this reads what a filter left: the mail attribute named by the mailet's
 * {@code spamScoreAttribute} parameter if set, else an {@code X-Spam-Score} header, else the
 * {@code score=}/{@code hits=} of an {@code X-Spam-Status} header (SpamAssassin, Rspamd).
 */
public final class SpamScore {
    private static final Pattern LEADING_NUMBER = Pattern.compile("^\\s*(-?\\d+(?:\\.\\d+)?)");
    private static final Pattern STATUS_SCORE = Pattern.compile("\\b(?:score|hits)=(-?\\d+(?:\\.\\d+)?)");

    private final Optional<AttributeName> attribute;

    public SpamScore(Optional<String> attribute) {
        this.attribute = attribute.map(AttributeName::of);
    }

    OptionalDouble of(Mail mail) throws MessagingException {
        if (attribute.isPresent()) {
            OptionalDouble fromAttribute = parse(MailFacts.attribute(mail, attribute.get()), LEADING_NUMBER);
            if (fromAttribute.isPresent()) {
                return fromAttribute;
            }
        }
        MimeMessage message = mail.getMessage();
        OptionalDouble fromScore = parse(header(message, "X-Spam-Score"), LEADING_NUMBER);
        return fromScore.isPresent() ? fromScore : parse(header(message, "X-Spam-Status"), STATUS_SCORE);
    }

    private static Optional<String> header(MimeMessage message, String name) throws MessagingException {
        return Optional.ofNullable(message.getHeader(name, null));
    }

    private static OptionalDouble parse(Optional<String> text, Pattern pattern) {
        if (text.isEmpty()) {
            return OptionalDouble.empty();
        }
        Matcher matcher = pattern.matcher(text.get());
        return matcher.find() ? OptionalDouble.of(Double.parseDouble(matcher.group(1))) : OptionalDouble.empty();
    }
}
