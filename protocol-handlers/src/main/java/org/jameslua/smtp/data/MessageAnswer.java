package org.jameslua.smtp.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.james.core.MailAddress;
import org.apache.james.domainlist.api.DomainList;
import org.jameslua.engine.message.Actions;
import org.jameslua.james.message.HeaderLines;
import org.jameslua.james.script.Addresses;
import org.jameslua.james.script.BadReturn;
import org.jameslua.smtp.reply.Reply;
import org.jameslua.smtp.reply.ReplyParser;
import org.jameslua.smtp.session.Returns;
import org.luaj.vm2.Varargs;

/**
 * What ProcessMessage returns, {@code <new actions table>, <results string>}, checked as a whole: one bad
 * field (an unusable address, a header line that is not one) makes the whole answer unusable, so that mail
 * is delivered as James would rather than half as the script meant.
 *
 * @param actions    the returned table over the current actions; nil leaves them as they were
 * @param result     the results string: an SMTP reply, or text
 * @param recipients Recipients as addresses
 * @param headers    HeaderModifiers, checked header lines
 */
final class MessageAnswer {
    private final Actions actions;
    private final Optional<String> result;
    private final List<MailAddress> recipients;
    private final List<String> headers;

    MessageAnswer(Actions actions, Optional<String> result, List<MailAddress> recipients, List<String> headers) {
        this.actions = actions;
        this.result = result;
        this.recipients = recipients;
        this.headers = headers;
    }

    static final String CALLBACK = "ProcessMessage";

    static MessageAnswer read(Varargs values, Actions current, DomainList domains) throws BadReturn {
        Actions actions = current;
        if (!values.arg1().isnil()) {
            try {
                actions = Actions.fromLua(values.arg1(), current);
            } catch (IllegalArgumentException e) {
                throw new BadReturn(e.getMessage());
            }
        }
        Optional<String> result =
                Returns.string(values, 2, CALLBACK + "'s results string").filter(s -> !s.isEmpty());
        Addresses addresses = Addresses.withDefaultDomain(DefaultDomain.of(domains));
        List<MailAddress> recipients = new ArrayList<>();
        for (String recipient : actions.recipients()) {
            recipients.add(addresses.parse(recipient, CALLBACK + "'s Recipients entry"));
        }
        return new MessageAnswer(
                actions, result, List.copyOf(recipients), HeaderLines.entries(actions.headerModifiers()));
    }

    /** The results string as an SMTP reply, when it is one. */
    Optional<Reply> resultReply() {
        try {
            return result.isPresent() ? ReplyParser.parse(result.get()) : Optional.empty();
        } catch (BadReturn notAReply) {
            return Optional.empty();
        }
    }

    /** Delete and Ignore: refuse the message, with the results string if it is a 4xx/5xx reply. */
    Reply rejection() {
        Optional<Reply> reply = resultReply().filter(Reply::isFailure);
        if (reply.isPresent()) {
            return reply.get();
        }
        String because = !actions.reason().isBlank()
                ? actions.reason()
                : result.filter(text -> resultReply().isEmpty()).orElse("Message rejected");
        return Reply.of(550, "5.7.1 " + printable(because));
    }

    /** Text made safe for a reply line: printable US-ASCII, one line, bounded. */
    private static String printable(String text) {
        String line = text.replaceAll("[^\\x20-\\x7E]+", " ").trim();
        return line.length() > 400 ? line.substring(0, 400) : line;
    }

    public Actions actions() {
        return actions;
    }

    public List<MailAddress> recipients() {
        return recipients;
    }

    public List<String> headers() {
        return headers;
    }
}
