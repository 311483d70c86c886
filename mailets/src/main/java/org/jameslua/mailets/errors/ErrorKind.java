package org.jameslua.mailets.errors;

/**
 * The kinds of error ERRORS.LUA is told about, each with stable resource ids (the manual's point of them: a
 * script can tell errors apart by number, whatever language the texts are in) and the server's own subject and
 * format text. Formats use the parameters {@link ErrorReport} lists: %1 the failed mail's sender, %2 its
 * recipients, %3 its subject, %4 the error text, %5 the mail's name, %6 the delivery attempts made (0 for a
 * processing error).
 */
public enum ErrorKind {
    /** A mailet failed on the mail; it is in the {@code error} processor. */
    PROCESSING(
            101,
            "Error processing a message",
            201,
            "The message %5 from %1 to %2 (subject \"%3\") could not be processed:\r\n\r\n%4\r\n"),
    /** Remote delivery failed for good (a 5xx answer, an unknown domain). */
    DELIVERY_FAILED(
            102,
            "Message delivery failed",
            202,
            "Your message to %2 (subject \"%3\") could not be delivered:\r\n\r\n%4\r\n"),
    /** Remote delivery kept failing until the retries ran out. */
    DELIVERY_RETRIES_EXHAUSTED(
            103,
            "Message delivery failed: too many retries",
            203,
            "Your message to %2 (subject \"%3\") could not be delivered (delivery attempts: %6):\r\n\r\n%4\r\n");

    private final int subjectResourceId;
    private final String subject;
    private final int formatResourceId;
    private final String format;

    ErrorKind(int subjectResourceId, String subject, int formatResourceId, String format) {
        this.subjectResourceId = subjectResourceId;
        this.subject = subject;
        this.formatResourceId = formatResourceId;
        this.format = format;
    }

    public int subjectResourceId() {
        return subjectResourceId;
    }

    public String subject() {
        return subject;
    }

    public int formatResourceId() {
        return formatResourceId;
    }

    public String format() {
        return format;
    }

    public boolean isDelivery() {
        return this != PROCESSING;
    }
}
