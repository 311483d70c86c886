package org.jameslua.mailets.mail;

import java.util.Optional;
import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;
import org.apache.james.core.MailAddress;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeName;
import org.apache.mailet.Mail;

/** Facts about a mail, in the forms the manual's script arguments take. */
public final class MailFacts {
    private MailFacts() {}

    /** The envelope sender (MAIL FROM), {@code ""} for the null sender {@code <>}. */
    public static String sender(Mail mail) {
        return mail.getMaybeSender().asOptional().map(MailAddress::asString).orElse("");
    }

    /** The SMTP AUTH user James recorded for the mail, {@code ""} when the sender did not authenticate. */
    public static String authUser(Mail mail) {
        return attribute(mail, Mail.SMTP_AUTH_USER).orElse("");
    }

    /** A string, number or boolean attribute as text. */
    public static Optional<String> attribute(Mail mail, AttributeName name) {
        return mail.getAttribute(name)
                .map(Attribute::getValue)
                .map(value -> value.value())
                .filter(value -> value instanceof String || value instanceof Number || value instanceof Boolean)
                .map(Object::toString);
    }

    /** The Subject, its encoded words decoded; {@code ""} when there is none. */
    public static String subject(MimeMessage message) throws MessagingException {
        String subject = message.getSubject();
        return subject == null ? "" : subject;
    }
}
