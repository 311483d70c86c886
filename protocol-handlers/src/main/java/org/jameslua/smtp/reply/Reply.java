package org.jameslua.smtp.reply;

import java.util.List;
import java.util.Objects;
import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.smtp.SMTPResponse;

/**
 * An SMTP reply a script gave, already checked by {@link ReplyParser}: one code, and the text of each line
 * (without the code and its separator).
 */
public final class Reply {
    private final int code;
    private final List<String> texts;

    /** RFC 5321 4.2.5: 421 means the server is closing the connection. */
    public static final int SERVICE_NOT_AVAILABLE = 421;

    public Reply(int code, List<String> texts) {
        texts = List.copyOf(texts);
        if (code < 200 || code > 599 || texts.isEmpty()) {
            throw new IllegalArgumentException("not a reply: " + code + " " + texts);
        }
        this.code = code;
        this.texts = texts;
    }

    public static Reply of(int code, String text) {
        return new Reply(code, List.of(text));
    }

    public boolean isPositive() {
        return code < 300;
    }

    public boolean isIntermediate() {
        return code >= 300 && code < 400;
    }

    public boolean isFailure() {
        return code >= 400;
    }

    public boolean isTemporaryFailure() {
        return code >= 400 && code < 500;
    }

    public boolean closesConnection() {
        return code == SERVICE_NOT_AVAILABLE;
    }

    public String codeText() {
        return Integer.toString(code);
    }

    /** The reply as James writes it; the connection closes after it when asked to, and always after a 421. */
    public Response toResponse(boolean endSession) {
        SMTPResponse response = new SMTPResponse(codeText(), texts.get(0));
        texts.subList(1, texts.size()).forEach(response::appendLine);
        response.setEndSession(endSession || closesConnection());
        return response;
    }

    public Response toResponse() {
        return toResponse(false);
    }

    public int code() {
        return code;
    }

    public List<String> texts() {
        return texts;
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof Reply)) {
            return false;
        }
        Reply that = (Reply) other;
        return code == that.code && Objects.equals(texts, that.texts);
    }

    @Override
    public int hashCode() {
        return Objects.hash(code, texts);
    }

    @Override
    public String toString() {
        return "Reply[code=" + code + ", texts=" + texts + "]";
    }
}
