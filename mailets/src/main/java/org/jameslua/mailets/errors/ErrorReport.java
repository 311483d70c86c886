package org.jameslua.mailets.errors;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.mail.MessagingException;
import org.apache.james.core.MailAddress;
import org.apache.mailet.AttributeName;
import org.apache.mailet.Mail;
import org.jameslua.mailets.mail.MailFacts;

/**
 * What ProcessError is told about one failed mail, read from what James left on it: in the {@code error}
 * processor its error message; in RemoteDelivery's bounce processor the attributes {@code delivery-error},
 * {@code is-delivery-permanent-error} and {@code delivery_retry_count}.
 *
 * @param itemId          the mail's name (VPOP3's item index has no James counterpart; the name finds the mail in
 *                        logs and repositories)
 * @param errorText       the error: James's exception message, or the remote server's answer
 * @param connectionError whether delivery failed while connecting (told from the error text: refused, timed
 *                        out, unknown host, no mail server, no DNS entries for the domain); always false for processing errors
 * @param params          the format parameters %1 to %6 (see {@link ErrorKind})
 */
public final class ErrorReport {
    private final ErrorKind kind;
    private final String itemId;
    private final String errorText;
    private final boolean connectionError;
    private final List<String> params;

    public ErrorReport(ErrorKind kind, String itemId, String errorText, boolean connectionError, List<String> params) {
        this.kind = kind;
        this.itemId = itemId;
        this.errorText = errorText;
        this.connectionError = connectionError;
        this.params = params;
    }

    static final AttributeName DELIVERY_ERROR = AttributeName.of("delivery-error");
    static final AttributeName PERMANENT = AttributeName.of("is-delivery-permanent-error");
    static final AttributeName RETRIES = AttributeName.of("delivery_retry_count");
    private static final Pattern CONNECTING = Pattern.compile("(?i)(ConnectException|could not connect|"
            + "couldn't connect|connection refused|connect timed out|UnknownHost|NoRouteToHost|no route to host|"
            + "no mail server|Temporary problem looking up mail server|no DNS entries for the hostname)");

    public static ErrorReport of(Mail mail) {
        ErrorKind kind = kindOf(mail);
        String errorText = kind.isDelivery()
                ? MailFacts.attribute(mail, DELIVERY_ERROR).orElseGet(() -> firstLine(mail.getErrorMessage()))
                : firstLine(mail.getErrorMessage());
        String recipients =
                mail.getRecipients().stream().map(MailAddress::asString).collect(Collectors.joining(", "));
        List<String> params = List.of(
                mail.getMaybeSender().asString(),
                recipients,
                subject(mail),
                errorText,
                mail.getName(),
                Integer.toString(kind.isDelivery() ? attempts(mail) : 0));
        return new ErrorReport(
                kind,
                mail.getName(),
                errorText,
                kind.isDelivery() && CONNECTING.matcher(errorText).find(),
                params);
    }

    private static ErrorKind kindOf(Mail mail) {
        Optional<String> permanent = MailFacts.attribute(mail, PERMANENT);
        if (permanent.isPresent()) {
            return Boolean.parseBoolean(permanent.get())
                    ? ErrorKind.DELIVERY_FAILED
                    : ErrorKind.DELIVERY_RETRIES_EXHAUSTED;
        }
        return mail.getAttribute(DELIVERY_ERROR).isPresent() ? ErrorKind.DELIVERY_FAILED : ErrorKind.PROCESSING;
    }

    /** The failed mail's subject; the failure may be that its message cannot be read, which is no reason to stay quiet. */
    private static String subject(Mail mail) {
        try {
            return MailFacts.subject(mail.getMessage());
        } catch (MessagingException | RuntimeException e) {
            return "";
        }
    }

    /**
     * RemoteDelivery counts retries: the first attempt is not one, and a mail refused for good at its first attempt
     * carries no count at all.
     */
    private static int attempts(Mail mail) {
        return retries(mail) + 1;
    }

    /** RemoteDelivery's {@code delivery_retry_count} on the mail, 0 when it has none. */
    public static int retries(Mail mail) {
        return MailFacts.attribute(mail, RETRIES).map(ErrorReport::count).orElse(0);
    }

    private static int count(String text) {
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** James's error message carries a stack trace after its first line; a notice needs only the first. */
    private static String firstLine(String text) {
        if (text == null) {
            return "";
        }
        int end = text.indexOf('\n');
        return (end < 0 ? text : text.substring(0, end)).strip();
    }

    public ErrorKind kind() {
        return kind;
    }

    public String itemId() {
        return itemId;
    }

    public String errorText() {
        return errorText;
    }

    public boolean connectionError() {
        return connectionError;
    }

    public List<String> params() {
        return params;
    }
}
